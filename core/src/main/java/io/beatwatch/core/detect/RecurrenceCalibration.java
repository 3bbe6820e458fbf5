package io.beatwatch.core.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An empirical recurrence interval: how often the city's own history, with nothing injected,
 * produced an alert at least this strong. It replaces the Poisson bound {@code RI = 1 / (p × T)},
 * which real, overdispersed call counts break (repeat calls, several incidents at one address), by
 * a monotone map from the strength of an evaluation, {@code x = −log10 p} (p its per-test p-value,
 * under the configured dispersion), to the measured {@code log10 RI} in days.
 *
 * <p>Fitted by {@link #fit} from the peak strength of each alert of a replay of history at a low
 * threshold: {@code RI(x) = days / #(alerts with peak >= x)}. Between the points the map is linear
 * in {@code (x, log10 RI)}; below the first point it keeps the first point's offset; above the last
 * (stronger than anything in the history) it extends the tail slope fitted on the strongest alerts,
 * an assumption the report states. Because the multiplicity of tests is inside the measurement, the
 * map belongs to one city, grid, window and ring setting: refit when they change.
 *
 * <p>Per window ({@link #byWindow}): the history's strongest bursts are not spread evenly over the
 * window lengths (on San Antonio most are 180-minute accumulations of traffic calls), so one map
 * for all windows sets every window's threshold by the heaviest tail. With {@code strata}, each
 * window length has its own map, fitted on a replay scored on that window alone, and gets an equal
 * share of the budget: {@code RI_w(x) = days / (S × #(alerts of window w with peak >= x))} for S
 * windows, so the S windows together still make at most one false alarm per N days (a union bound,
 * conservative where windows alert on the same burst). The pooled map stays for windows without a
 * stratum.
 *
 * @param name where it came from, for alerts and reports
 * @param strength x = −log10 p at each point, strictly increasing
 * @param log10Days measured log10 RI at each point, non-decreasing
 * @param tailSlope d(log10 RI) / dx beyond the last point (> 0)
 * @param strata per-window maps, each already holding its share of the budget (empty: the pooled
 *     map for every window)
 */
public record RecurrenceCalibration(
        String name, double[] strength, double[] log10Days, double tailSlope, List<Stratum> strata)
        implements Serializable {

    /**
     * One window length's map, its recurrence intervals already divided by the number of strata.
     *
     * @param windowMinutes the window it applies to
     * @param strength x = −log10 p at each point, strictly increasing
     * @param log10Days log10 RI at each point, non-decreasing
     * @param tailSlope d(log10 RI) / dx beyond the last point (> 0)
     */
    public record Stratum(
            int windowMinutes, double[] strength, double[] log10Days, double tailSlope)
            implements Serializable {

        public Stratum {
            if (windowMinutes < 1) {
                throw new IllegalArgumentException("windowMinutes must be >= 1");
            }
            strength = strength.clone();
            log10Days = log10Days.clone();
            validate(strength, log10Days, tailSlope);
        }

        /** The stratum's log10 RI (days) at strength x. */
        public double log10Days(double x) {
            return interpolate(strength, log10Days, tailSlope, x);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stratum s
                    && s.windowMinutes == windowMinutes
                    && Arrays.equals(s.strength, strength)
                    && Arrays.equals(s.log10Days, log10Days)
                    && s.tailSlope == tailSlope;
        }

        @Override
        public int hashCode() {
            return Objects.hash(
                    windowMinutes,
                    Arrays.hashCode(strength),
                    Arrays.hashCode(log10Days),
                    tailSlope);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d min: %d points, x %.2f..%.2f, tail slope %.3f",
                    windowMinutes,
                    strength.length,
                    strength[0],
                    strength[strength.length - 1],
                    tailSlope);
        }
    }

    public RecurrenceCalibration {
        Objects.requireNonNull(name, "name");
        strength = strength.clone();
        log10Days = log10Days.clone();
        validate(strength, log10Days, tailSlope);
        // absent in files written before strata existed: the pooled map alone
        strata = strata == null ? List.of() : List.copyOf(strata);
        Set<Integer> windows = new HashSet<>();
        for (Stratum st : strata) {
            if (!windows.add(st.windowMinutes())) {
                throw new IllegalArgumentException("two strata for window " + st.windowMinutes());
            }
        }
    }

    /** One map for every window (no strata). */
    public RecurrenceCalibration(
            String name, double[] strength, double[] log10Days, double tailSlope) {
        this(name, strength, log10Days, tailSlope, List.of());
    }

    private static void validate(double[] strength, double[] log10Days, double tailSlope) {
        if (strength.length < 2 || strength.length != log10Days.length) {
            throw new IllegalArgumentException("a calibration needs two points or more");
        }
        for (int i = 0; i < strength.length; i++) {
            if (!Double.isFinite(strength[i]) || !Double.isFinite(log10Days[i])) {
                throw new IllegalArgumentException("calibration points must be finite");
            }
            if (i > 0 && !(strength[i] > strength[i - 1])) {
                throw new IllegalArgumentException("strengths must increase");
            }
            if (i > 0 && log10Days[i] < log10Days[i - 1]) {
                throw new IllegalArgumentException("recurrence intervals must not decrease");
            }
        }
        if (!(tailSlope > 0) || Double.isInfinite(tailSlope)) {
            throw new IllegalArgumentException("tailSlope must be > 0, was " + tailSlope);
        }
    }

    /**
     * The calibrated log10 RI (days) of an evaluation of strength x on a window of this length: its
     * stratum's map, or the pooled map when the window has none.
     */
    public double log10Days(double x, int windowMinutes) {
        for (Stratum st : strata) {
            if (st.windowMinutes() == windowMinutes) return st.log10Days(x);
        }
        return log10Days(x);
    }

    /** The calibrated recurrence interval in days for a natural-log p-value on this window. */
    public double recurrenceIntervalDays(double logP, int windowMinutes) {
        return capped(log10Days(-logP / Math.log(10), windowMinutes));
    }

    /**
     * Adds per-window strata to a pooled map: each window's map is fitted ({@link #fit}) on the
     * peak strengths of a replay of the same {@code days} scored on that window alone, with {@code
     * days / S} in place of {@code days} (S = the number of windows), so each window holds an equal
     * share of the budget.
     */
    public static RecurrenceCalibration byWindow(
            RecurrenceCalibration pooled,
            Map<Integer, double[]> peaksByWindow,
            double days,
            int points,
            int tail) {
        if (peaksByWindow.isEmpty()) throw new IllegalArgumentException("no windows");
        int s = peaksByWindow.size();
        List<Stratum> strata = new ArrayList<>();
        for (var e : new TreeMap<>(peaksByWindow).entrySet()) {
            RecurrenceCalibration c;
            try {
                c = fit(pooled.name(), e.getValue(), days / s, points, tail);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(
                        "window " + e.getKey() + " min: " + ex.getMessage(), ex);
            }
            strata.add(new Stratum(e.getKey(), c.strength(), c.log10Days(), c.tailSlope()));
        }
        return new RecurrenceCalibration(
                pooled.name(), pooled.strength(), pooled.log10Days(), pooled.tailSlope(), strata);
    }

    /** The calibrated log10 RI (days) of an evaluation of strength {@code x = −log10 p}. */
    public double log10Days(double x) {
        return interpolate(strength, log10Days, tailSlope, x);
    }

    private static double interpolate(
            double[] strength, double[] log10Days, double tailSlope, double x) {
        int n = strength.length;
        if (x <= strength[0]) return log10Days[0] + (x - strength[0]);
        if (x >= strength[n - 1]) return log10Days[n - 1] + tailSlope * (x - strength[n - 1]);
        int i = Arrays.binarySearch(strength, x);
        if (i >= 0) return log10Days[i];
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (x - strength[lo]) / (strength[hi] - strength[lo]);
        return log10Days[lo] + f * (log10Days[hi] - log10Days[lo]);
    }

    /** The calibrated recurrence interval in days for a natural-log p-value, capped. */
    public double recurrenceIntervalDays(double logP) {
        return capped(log10Days(-logP / Math.log(10)));
    }

    private static double capped(double log10) {
        if (log10 > Math.log10(PoissonScan.MAX_RECURRENCE_DAYS)) {
            return PoissonScan.MAX_RECURRENCE_DAYS;
        }
        return Math.pow(10, log10);
    }

    /**
     * Fits the map from the peak strengths ({@code −log10 p}) of the alerts a replay of {@code
     * days} days produced with nothing injected, at a threshold low enough that the budgets of
     * interest lie above it. Points are taken at about {@code points} ranks spread evenly in log
     * scale; the tail slope is a least-squares fit of log10 RI on strength over the strongest
     * {@code tail} alerts (at least 0.05 per unit of strength).
     */
    public static RecurrenceCalibration fit(
            String name, double[] peakStrengths, double days, int points, int tail) {
        if (!(days > 0)) throw new IllegalArgumentException("days must be > 0");
        double[] x = Arrays.stream(peakStrengths).filter(Double::isFinite).sorted().toArray();
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException(
                    "need 3 alerts or more to calibrate, the replay gave " + n);
        }
        // rank r (1 = strongest) of the value x[n - r]: r alerts at least this strong
        TreeMap<Double, Double> map = new TreeMap<>();
        double step = Math.max(1.0001, Math.pow(n, 1.0 / Math.max(2, points)));
        for (double r = 1; r <= n; r = Math.max(r + 1, Math.floor(r * step))) {
            int rank = (int) r;
            double xs = x[n - rank];
            // the most alerts at least this strong (ties: count them all)
            int atLeast = n - lowerBound(x, xs);
            map.put(xs, Math.log10(days / atLeast));
        }
        map.put(x[0], Math.log10(days / n));
        double[] sx = new double[map.size()];
        double[] sy = new double[map.size()];
        int i = 0;
        double running = Double.NEGATIVE_INFINITY;
        for (var e : map.entrySet()) {
            sx[i] = e.getKey();
            running = Math.max(running, e.getValue());
            sy[i] = running;
            i++;
        }
        int m = Math.min(n, Math.max(3, tail));
        double mx = 0, my = 0;
        double[] tx = new double[m];
        double[] ty = new double[m];
        for (int r = 1; r <= m; r++) {
            tx[r - 1] = x[n - r];
            ty[r - 1] = Math.log10(days / r);
            mx += tx[r - 1];
            my += ty[r - 1];
        }
        mx /= m;
        my /= m;
        double sxy = 0, sxx = 0;
        for (int r = 0; r < m; r++) {
            sxy += (tx[r] - mx) * (ty[r] - my);
            sxx += (tx[r] - mx) * (tx[r] - mx);
        }
        double slope = sxx > 0 ? sxy / sxx : 1.0;
        if (sx.length < 2) {
            sx = new double[] {x[0], x[0] + 1};
            sy = new double[] {Math.log10(days / n), Math.log10(days / n) + Math.max(0.05, slope)};
        }
        return new RecurrenceCalibration(name, sx, sy, Math.max(0.05, slope));
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "RecurrenceCalibration[%s, %d points, x %.2f..%.2f, tail slope %.3f%s]",
                name,
                strength.length,
                strength[0],
                strength[strength.length - 1],
                tailSlope,
                strata.isEmpty() ? "" : "; per window " + strata);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecurrenceCalibration c
                && c.name.equals(name)
                && Arrays.equals(c.strength, strength)
                && Arrays.equals(c.log10Days, log10Days)
                && c.tailSlope == tailSlope
                && c.strata.equals(strata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                name, Arrays.hashCode(strength), Arrays.hashCode(log10Days), tailSlope, strata);
    }
}
