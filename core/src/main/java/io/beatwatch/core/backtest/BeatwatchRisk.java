package io.beatwatch.core.backtest;

import io.beatwatch.core.detect.DetectionConfig;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Beatwatch's own risk ranking: each cell's expected count in the period under the job's space-time
 * permutation model (its share of the city's baseline, {@code Baseline.expected}), with a longer,
 * recency-weighted baseline, a time-of-day (or day-of-week) slice, a near-repeat term and a boost
 * for cells the detector alerted on. Every term uses events before the period only.
 *
 * <p>For period P starting on complete day k:
 *
 * <pre>
 *   L(c)      = Σ_j 0.5^((day_k − day_j) / H) · n_j(c)        over complete days j &lt; k
 *   L_s(c)    = the same over the events of slot s only        (shift: the same 8 h of the day;
 *                                                             day: the same weekday)
 *   W, W_s    = Σ_j 0.5^((day_k − day_j) / H) over the days that feed L, L_s
 *   E(c)      = (1 − β) · (L(c) + p·W/28) / W · f + β · (L_s(c) + p·W_s/28) / W_s · f_s
 *   R(c)      = events of c in the 24 h before P; R̂(c) = E_day(c) × the share of those 24 h
 *               that lie on complete days
 *   score(c)  = E(c) + γ · (R(c) − R̂(c)) · (length of P / 24 h) + δ · E_(k) · [c alerted in the
 *               24 h before P]
 * </pre>
 *
 * where H is the half-life in calendar days, p the job's prior pseudo-count per cell per 28-day
 * baseline ({@link DetectionConfig#DEFAULT_PRIOR_COUNT_PER_CELL}), f / f_s scale day counts to the
 * period (1/3 of the day per shift), {@code E_(k)} is the k-th highest E (k = the cells flagged at
 * the tuning area fraction: δ = 1 lifts an alerted cell to the flagging boundary), and alerts come
 * from {@link AlertHistory} (the job's detector replayed over the stream).
 *
 * <p><b>Walk-forward tuning.</b> (H, β, γ, δ) are chosen per period from a small grid: the
 * combination with the best mean PEI at the tuning fraction over all earlier scored periods (which
 * ended before this one starts). Until {@code minTuningPeriods} periods are scored, the first grid
 * point (the documented default) is used.
 */
public final class BeatwatchRisk implements Forecaster {

    /** One combination of the ranking's parameters. */
    public record Params(
            double halfLifeDays, double slotWeight, double recentWeight, double alertWeight) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "H=%s d, β=%.2f, γ=%.2f, δ=%.2f",
                    Double.isInfinite(halfLifeDays)
                            ? "∞"
                            : String.format(Locale.ROOT, "%.0f", halfLifeDays),
                    slotWeight,
                    recentWeight,
                    alertWeight);
        }
    }

    /**
     * The grid the walk-forward tuning chooses from; the first value of each list is the default.
     */
    public record Grid(
            List<Double> halfLives,
            List<Double> slotWeights,
            List<Double> recentWeights,
            List<Double> alertWeights) {
        public Grid {
            halfLives = List.copyOf(halfLives);
            slotWeights = List.copyOf(slotWeights);
            recentWeights = List.copyOf(recentWeights);
            alertWeights = List.copyOf(alertWeights);
            for (double h : halfLives) {
                if (!(h > 0)) throw new IllegalArgumentException("half-life must be > 0");
            }
            for (double b : slotWeights) {
                if (!(b >= 0 && b <= 1)) throw new IllegalArgumentException("β must be in [0, 1]");
            }
            if (halfLives.isEmpty()
                    || slotWeights.isEmpty()
                    || recentWeights.isEmpty()
                    || alertWeights.isEmpty()) {
                throw new IllegalArgumentException("every grid list needs a value");
            }
        }

        /** The default grid for a horizon. */
        public static Grid defaults(Horizon h) {
            return new Grid(
                    List.of(90.0, 30.0, 365.0),
                    switch (h) {
                        case SHIFT -> List.of(0.6, 0.0, 0.3, 0.9);
                        case DAY -> List.of(0.0, 0.25);
                        case WEEK -> List.of(0.0);
                    },
                    List.of(0.0, 0.05, 0.15),
                    List.of(0.0, 0.5, 1.0));
        }

        /** A single point: no tuning. */
        public static Grid fixed(Params p) {
            return new Grid(
                    List.of(p.halfLifeDays()),
                    List.of(p.slotWeight()),
                    List.of(p.recentWeight()),
                    List.of(p.alertWeight()));
        }

        List<Params> points() {
            List<Params> out = new ArrayList<>();
            for (double h : halfLives)
                for (double b : slotWeights)
                    for (double g : recentWeights)
                        for (double d : alertWeights) out.add(new Params(h, b, g, d));
            return out;
        }
    }

    private static final double BASELINE_DAYS = DetectionConfig.DEFAULT_BASELINE_DAYS;
    private static final long DAY_MS = 86_400_000L;

    private final Timeline timeline;
    private final Horizon horizon;
    private final AlertHistory alerts;
    private final double tuneFraction;
    private final int minTuningPeriods;
    private final List<Params> points;
    private final double[] halfLives;
    private final int slots;
    private final int cells;
    private final int tuneK;

    // decayed sums per half-life, expressed at day `asOfDay`
    private final double[][] all;
    private final double[][][] bySlot;
    private final double[] weight;
    private final double[][] slotWeight;
    private int asOfDay = Integer.MIN_VALUE;
    private int nextDayIndex;

    // tuning: the previous period's top cells per grid point, and running PEI sums
    private Period previous;
    private int[][] previousTop;
    private final double[] peiSum;
    private int tuned;
    private final List<Params> chosen = new ArrayList<>();

    /**
     * A ranking over a timeline.
     *
     * @param alerts the detector's alerts (or {@link AlertHistory#empty()})
     * @param tuneFraction the area fraction whose PEI the tuning maximizes (e.g. 0.01)
     * @param minTuningPeriods scored periods needed before the tuning departs from the default
     */
    public BeatwatchRisk(
            Timeline timeline,
            Horizon horizon,
            Grid grid,
            AlertHistory alerts,
            double tuneFraction,
            int minTuningPeriods) {
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.horizon = Objects.requireNonNull(horizon, "horizon");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.tuneFraction = tuneFraction;
        this.minTuningPeriods = minTuningPeriods;
        this.points = grid.points();
        this.halfLives = grid.halfLives().stream().mapToDouble(Double::doubleValue).toArray();
        this.slots =
                switch (horizon) {
                    case SHIFT -> Horizon.SHIFTS_PER_DAY;
                    case DAY -> 7;
                    case WEEK -> 0;
                };
        this.cells = timeline.table().cellCount();
        this.tuneK = Capture.cellsForFraction(tuneFraction, Math.max(1, cells));
        int nh = halfLives.length;
        all = new double[nh][cells];
        bySlot = new double[nh][slots][cells];
        weight = new double[nh];
        slotWeight = new double[nh][slots];
        peiSum = new double[points.size()];
    }

    @Override
    public String name() {
        return "Beatwatch";
    }

    @Override
    public String description() {
        return "space-time permutation share of each cell with a recency-weighted baseline"
                + " (half-life H), "
                + (horizon == Horizon.SHIFT
                        ? "time-of-day slice (β)"
                        : horizon == Horizon.DAY ? "day-of-week slice (β)" : "no slice")
                + ", near-repeat term (γ) and alert boost (δ), tuned walk-forward at "
                + String.format(Locale.ROOT, "%.1f%%", 100 * tuneFraction)
                + " of area over earlier periods only";
    }

    /** The parameters used for each period scored so far, in order. */
    public List<Params> chosen() {
        return List.copyOf(chosen);
    }

    /** The grid points, in order (the first is the default). */
    public List<Params> gridPoints() {
        return points;
    }

    @Override
    public double[] scores(Period p) {
        learnFromPrevious(p);
        advanceTo(p.firstDayIndex());
        Parts parts = parts(p);
        int best = 0;
        if (tuned >= minTuningPeriods) {
            for (int i = 1; i < points.size(); i++) {
                // ties keep the earlier (default-first) point
                if (peiSum[i] > peiSum[best] + 1e-12) best = i;
            }
        }
        previousTop = new int[points.size()][];
        double[] chosenScores = null;
        for (int i = 0; i < points.size(); i++) {
            double[] s = score(points.get(i), parts);
            previousTop[i] = Capture.top(s, tuneK);
            if (i == best) chosenScores = s;
        }
        previous = p;
        chosen.add(points.get(best));
        return chosenScores;
    }

    /** Scores the previous period's grid points on its outcome: it has ended, so this is fair. */
    private void learnFromPrevious(Period p) {
        if (previous == null) return;
        if (timeline.endOf(previous) > p.startMillis()) {
            throw new IllegalStateException("periods overlap: " + previous + " and " + p);
        }
        int[] observed = timeline.observed(previous);
        long[] best = WalkForward.bestPrefix(observed, tuneK);
        if (best[tuneK] == 0) return;
        for (int i = 0; i < points.size(); i++) {
            long n = 0;
            for (int c : previousTop[i]) n += observed[c];
            peiSum[i] += n / (double) best[tuneK];
        }
        tuned++;
    }

    private void advanceTo(int k) {
        int day = timeline.localDay(Math.min(k, timeline.dayCount() - 1));
        if (asOfDay != Integer.MIN_VALUE && day != asOfDay) {
            for (int h = 0; h < halfLives.length; h++) {
                double f = Math.pow(0.5, (day - asOfDay) / halfLives[h]);
                weight[h] *= f;
                for (int c = 0; c < cells; c++) all[h][c] *= f;
                for (int s = 0; s < slots; s++) {
                    slotWeight[h][s] *= f;
                    for (int c = 0; c < cells; c++) bySlot[h][s][c] *= f;
                }
            }
        }
        asOfDay = day;
        EventTable t = timeline.table();
        for (; nextDayIndex < k; nextDayIndex++) {
            int j = nextDayIndex;
            int dj = timeline.localDay(j);
            int dow = LocalDate.ofEpochDay(dj).getDayOfWeek().getValue() - 1;
            for (int h = 0; h < halfLives.length; h++) {
                double w = Math.pow(0.5, (day - dj) / halfLives[h]);
                weight[h] += w;
                if (horizon == Horizon.DAY) slotWeight[h][dow] += w;
                if (horizon == Horizon.SHIFT) {
                    for (int s = 0; s < slots; s++) slotWeight[h][s] += w;
                }
                for (int i = timeline.from(j); i < timeline.to(j); i++) {
                    if (!timeline.include(i)) continue;
                    int c = t.cell(i);
                    all[h][c] += w;
                    if (horizon == Horizon.SHIFT) {
                        bySlot[h][t.minuteOfDay(i) / Horizon.SHIFT_MINUTES][c] += w;
                    } else if (horizon == Horizon.DAY) {
                        bySlot[h][dow][c] += w;
                    }
                }
            }
        }
    }

    /** What every grid point shares for one period. */
    private record Parts(
            Period period,
            double periodDays,
            int slot,
            double[] recent,
            double recentCoverage,
            boolean[] alerted) {}

    private Parts parts(Period p) {
        EventTable t = timeline.table();
        double periodDays =
                horizon == Horizon.WEEK
                        ? p.dayIndexes().length
                        : (p.toMinute() - p.fromMinute()) / 1440.0;
        int slot =
                switch (horizon) {
                    case SHIFT -> p.shift();
                    case DAY ->
                            LocalDate.ofEpochDay(timeline.localDay(p.firstDayIndex()))
                                            .getDayOfWeek()
                                            .getValue()
                                    - DayOfWeek.MONDAY.getValue();
                    case WEEK -> -1;
                };
        long from = p.startMillis() - DAY_MS;
        long to = p.startMillis();
        double[] recent = new double[cells];
        int first = t.firstAtOrAfter(from);
        long covered = 0;
        int k = p.firstDayIndex();
        // complete days overlapping [from, to): the period's own day (shifts) and the day before
        for (int j = Math.max(0, k - 1); j <= k && j < timeline.dayCount(); j++) {
            long ds = timeline.instantOf(j, 0);
            long de = ds + DAY_MS;
            covered += Math.max(0, Math.min(de, to) - Math.max(ds, from));
        }
        for (int i = first; i < t.size() && t.time(i) < to; i++) {
            if (timeline.include(i) && timeline.completeDays().contains(t.day(i))) {
                recent[t.cell(i)]++;
            }
        }
        boolean[] alerted = alerts.cellsAlerted(from, to, cells);
        return new Parts(p, periodDays, slot, recent, covered / (double) DAY_MS, alerted);
    }

    private double[] score(Params q, Parts parts) {
        int h = indexOf(q.halfLifeDays());
        double w = weight[h];
        double[] out = new double[cells];
        if (w == 0) return out;
        double prior = DetectionConfig.DEFAULT_PRIOR_COUNT_PER_CELL / BASELINE_DAYS;
        double beta = parts.slot() < 0 ? 0 : q.slotWeight();
        double ws = parts.slot() < 0 ? 0 : slotWeight[h][parts.slot()];
        if (ws == 0) beta = 0;
        // per-day expectation of the whole day, and of the slot scaled to the period
        double[] a = all[h];
        double[] s = beta > 0 ? bySlot[h][parts.slot()] : null;
        double slotScale = horizon == Horizon.SHIFT ? 1.0 : parts.periodDays();
        for (int c = 0; c < cells; c++) {
            double perDay = (a[c] + prior * w) / w;
            double e = (1 - beta) * perDay * parts.periodDays();
            if (beta > 0) e += beta * (s[c] + prior * ws) / ws * slotScale;
            if (q.recentWeight() != 0) {
                double expectedRecent = perDay * parts.recentCoverage();
                e += q.recentWeight() * (parts.recent()[c] - expectedRecent) * parts.periodDays();
            }
            out[c] = e;
        }
        if (q.alertWeight() > 0) {
            double boundary = kth(out, tuneK);
            for (int c = 0; c < cells; c++) {
                if (parts.alerted()[c]) out[c] += q.alertWeight() * boundary;
            }
        }
        return out;
    }

    private int indexOf(double halfLife) {
        for (int i = 0; i < halfLives.length; i++) if (halfLives[i] == halfLife) return i;
        throw new IllegalArgumentException("unknown half-life " + halfLife);
    }

    private static double kth(double[] v, int k) {
        int[] top = Capture.top(v, k);
        return top.length == 0 ? 0 : v[top[top.length - 1]];
    }

    /** How often each grid point was chosen, for the report. */
    public String choiceSummary() {
        if (chosen.isEmpty()) return "no periods";
        var counts = new java.util.LinkedHashMap<Params, Integer>();
        for (Params q : chosen) counts.merge(q, 1, Integer::sum);
        StringBuilder sb = new StringBuilder();
        counts.entrySet().stream()
                .sorted((x, y) -> Integer.compare(y.getValue(), x.getValue()))
                .forEach(
                        e ->
                                sb.append(
                                        String.format(
                                                Locale.ROOT,
                                                "%s: %d periods; ",
                                                e.getKey(),
                                                e.getValue())));
        return sb.substring(0, sb.length() - 2);
    }

    /** Copies for tests. */
    double[] peiSums() {
        return Arrays.copyOf(peiSum, peiSum.length);
    }
}
