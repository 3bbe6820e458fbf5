package io.beatwatch.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The detector's own null distribution, fitted on the stream it watches and kept current: per
 * stratum (one per window length), the peak strengths {@code x = -log10 p} of every excursion
 * ("episode") of a zone over the last {@code periodDays} days with data, turned into an empirical
 * recurrence interval {@code RI(x) = D / (S × #(peaks >= x))} for S strata and D days with data.
 * Above the {@code D}-th strongest peak (about one a day) the tail is extrapolated as an
 * exponential in {@code x} whose scale is the mean excess of the {@code D} strongest peaks over it
 * (peaks-over-threshold with ξ = 0, maximum likelihood). Real nulls are heavy-tailed (multi-caller
 * incidents): a fit on the body of the distribution under-predicts the strong end ten-fold on San
 * Antonio, so the fit uses the strongest day's worth of peaks.
 *
 * <p><b>Censored at the alert threshold.</b> An episode that passed the budget opened an alert: it
 * is the emergence the detector exists to find, not a sample of what is normal, and its full peak
 * would raise the bar for the next {@code periodDays} days (a sustained emergence, or a demo's
 * injected clusters, would silence every later one). Its peak is kept only as "at least the
 * threshold it crossed" ({@link #record(int, double, int, double)}): it still counts as a peak that
 * strong in the empirical part, and the tail's scale is the maximum-likelihood scale of an
 * exponential with right-censored values (the excesses summed over the peaks that were not censored
 * only).
 *
 * <p>Each stratum gets an equal share of the budget: the windows together make at most one false
 * alarm per N days (a union bound). Until a stratum has {@link #MIN_EPISODES} peaks on {@link
 * #MIN_DAYS} days it is not {@link #ready}, and the caller falls back to the Poisson bound.
 */
public final class RollingNull {

    /** Fewest episodes a stratum needs before its fit is used. */
    public static final int MIN_EPISODES = 10;

    /** Fewest days with data before any fit is used. */
    public static final int MIN_DAYS = 3;

    /** The tail scale never goes below this (the slope of a calibrated Poisson null is 0.434). */
    static final double MIN_SCALE = 0.3;

    static final double MAX_RECURRENCE_DAYS = PoissonScan.MAX_RECURRENCE_DAYS;

    private final int strata;
    private final int periodDays;
    // recorded episodes, append order: stratum, peak, data-day index
    private int[] stratumOf = new int[256];
    private double[] peakOf = new double[256];
    private int[] dayOf = new int[256];
    private int size;

    // the fit, per stratum
    private final double[][] sortedDesc;
    private final double[] xb;
    private final int[] kb;
    private final double[] scale;
    private int fittedDays;

    /** A null over {@code strata} strata and the last {@code periodDays} days with data. */
    public RollingNull(int strata, int periodDays) {
        if (strata < 1 || periodDays < 1) throw new IllegalArgumentException("strata, period > 0");
        this.strata = strata;
        this.periodDays = periodDays;
        this.sortedDesc = new double[strata][0];
        this.xb = new double[strata];
        this.kb = new int[strata];
        this.scale = new double[strata];
    }

    /**
     * Records the peak strength of one finished episode of {@code stratum} on data day {@code day}.
     */
    public void record(int stratum, double peak, int day) {
        store(stratum, peak, day);
    }

    /**
     * Records an episode's peak censored at {@code censorAt}: a peak above it is kept as "at least
     * {@code censorAt}" (the threshold an alert crossed), one below it as it is.
     */
    public void record(int stratum, double peak, int day, double censorAt) {
        store(stratum, peak > censorAt ? -censorAt : peak, day);
    }

    /** Peaks are positive (strengths above the episode floor); a censored one is stored negated. */
    private void store(int stratum, double peak, int day) {
        if (size == peakOf.length) {
            stratumOf = Arrays.copyOf(stratumOf, size * 2);
            peakOf = Arrays.copyOf(peakOf, size * 2);
            dayOf = Arrays.copyOf(dayOf, size * 2);
        }
        stratumOf[size] = stratum;
        peakOf[size] = peak;
        dayOf[size] = day;
        size++;
    }

    /**
     * Refits on the episodes of the {@code daysWithData} data days before {@code today} (today's
     * own episodes never set today's threshold) and forgets older ones. Call once a data day.
     */
    public void refit(int today, int daysWithData) {
        int oldest = today - periodDays;
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (dayOf[i] >= oldest) {
                stratumOf[n] = stratumOf[i];
                peakOf[n] = peakOf[i];
                dayOf[n] = dayOf[i];
                n++;
            }
        }
        size = n;
        // data-day indexes count days with data only: the period holds min(period, today) of them
        fittedDays = Math.min(periodDays, today);
        for (int s = 0; s < strata; s++) {
            int count = 0;
            for (int i = 0; i < size; i++) if (stratumOf[i] == s && dayOf[i] < today) count++;
            Double[] signed = new Double[count];
            int j = 0;
            for (int i = 0; i < size; i++) {
                if (stratumOf[i] == s && dayOf[i] < today) signed[j++] = peakOf[i];
            }
            // strongest first (a censored peak is stored negated: its value is its magnitude)
            Arrays.sort(signed, (a, b) -> Double.compare(Math.abs(b), Math.abs(a)));
            double[] p = new double[count];
            boolean[] censored = new boolean[count];
            for (int i = 0; i < count; i++) {
                p[i] = Math.abs(signed[i]);
                censored[i] = signed[i] < 0;
            }
            sortedDesc[s] = p;
            fitTail(s, p, censored, daysWithData);
        }
    }

    private void fitTail(int s, double[] p, boolean[] censored, int days) {
        int n = p.length;
        if (n < MIN_EPISODES || days < MIN_DAYS) {
            kb[s] = 0;
            return;
        }
        // exponential above the b-th strongest peak (about one a day): the summed excess of the
        // strongest b over the number of them not censored is its maximum-likelihood scale
        int b = Math.min(n, Math.max(3, days));
        double upper = p[b - 1];
        double sum = 0;
        int observed = 0;
        for (int i = 0; i < b - 1; i++) {
            sum += p[i] - upper;
            if (!censored[i]) observed++;
        }
        double sigma = sum / Math.max(1, observed);
        xb[s] = upper;
        kb[s] = b;
        scale[s] = Math.max(MIN_SCALE, sigma);
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Whether {@code stratum} has a fit to use. */
    public boolean ready(int stratum) {
        return kb[stratum] > 0;
    }

    /**
     * The recurrence interval in days of strength {@code x} in {@code stratum}: the empirical rate
     * of peaks at least as strong, extrapolated above the one-a-day level. Requires {@link #ready}.
     */
    public double recurrenceDays(int stratum, double x) {
        double[] p = sortedDesc[stratum];
        double perStratumDays = fittedDays / (double) strata;
        if (x >= xb[stratum]) {
            double logRi =
                    Math.log(perStratumDays / kb[stratum]) + (x - xb[stratum]) / scale[stratum];
            return logRi > Math.log(MAX_RECURRENCE_DAYS) ? MAX_RECURRENCE_DAYS : Math.exp(logRi);
        }
        int atLeast = countAtLeast(p, x);
        return perStratumDays / Math.max(1, atLeast);
    }

    /** The strength that reaches a recurrence interval of {@code budgetDays} in {@code stratum}. */
    public double threshold(int stratum, double budgetDays) {
        double perStratumDays = fittedDays / (double) strata;
        double x =
                xb[stratum] + scale[stratum] * Math.log(budgetDays * kb[stratum] / perStratumDays);
        if (x >= xb[stratum]) return x;
        double[] p = sortedDesc[stratum];
        int k = (int) Math.floor(perStratumDays / budgetDays);
        return k >= p.length ? p[p.length - 1] : p[Math.max(0, k)];
    }

    /** The tail scale of {@code stratum} (decades of p per e-fold of the recurrence interval). */
    public double scale(int stratum) {
        return scale[stratum];
    }

    /** Peaks recorded in {@code stratum} within the period (for reports and tests). */
    public int episodes(int stratum) {
        return sortedDesc[stratum].length;
    }

    private static int countAtLeast(double[] desc, double x) {
        int lo = 0;
        int hi = desc.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (desc[mid] >= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Writes the recorded episodes (the fit is recomputed on restore). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(fittedDays);
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeByte(stratumOf[i]);
            out.writeDouble(peakOf[i]);
            out.writeInt(dayOf[i]);
        }
    }

    /** Restores what {@link #writeTo} wrote and refits as of data day {@code today}. */
    public void readFrom(DataInput in, int today) throws IOException {
        int days = in.readInt();
        int n = in.readInt();
        size = 0;
        for (int i = 0; i < n; i++) store(in.readByte(), in.readDouble(), in.readInt());
        refit(today, days);
    }
}
