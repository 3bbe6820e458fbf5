package io.beatwatch.core.backtest;

import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.grid.H3Grid;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Beatwatch's own risk ranking: each cell's expected count in the period, from a long baseline
 * decayed over the days with data, shrunk towards its H3 ring, plus a self-exciting term for the
 * calls just before the period (Mohler et al. 2011), a time-of-day (or weekend) slice and a boost
 * for cells the detector alerted on. Every term uses events before the period only.
 *
 * <p>For period P starting on complete day k (complete days are counted, not calendar days: San
 * Antonio's feed has a few days a month):
 *
 * <pre>
 *   w_j       = 0.5^((k − j) / H)                            complete day j &lt; k, H in days with data
 *   L(c)      = Σ_j w_j · n_j(c),   W = Σ_j w_j
 *   L_s(c)    = the same over the events of slot s only       (shift: the same 8 h of the day;
 *               W_s its weight                                 day: weekend or weekday)
 *   B(c)      = (1 − β) · (L(c) + p·W/28) / W · T + β · (L_s(c) + p·W_s/28) / W_s · T_s
 *   S(c)      = (1 − α) · B(c) + α · Σ_{n ∈ ring(c)} B(n) / 6              shrinkage to the ring
 *   X(c)      = Σ_i exp(−(start(P) − t_i) / τ)     calls i of c on complete days before P
 *   score(c)  = S(c) + θ · X(c) · T + δ · S_(m) · [c alerted in the 24 h before P]
 * </pre>
 *
 * where T is the period's length in days, T_s the slot's share of it (1 for a shift, T for a day),
 * p the job's prior pseudo-count per cell per 28-day baseline ({@link
 * DetectionConfig#DEFAULT_PRIOR_COUNT_PER_CELL}), τ = {@value #EXCITE_DECAY_DAYS} day, ring(c) the
 * six H3 neighbours of c (cells outside the study area count as zero), {@code S_(m)} the m-th
 * highest S (m = the cells flagged at the tuning area fraction) and alerts come from {@link
 * AlertHistory} (the job's detector replayed over the stream).
 *
 * <p><b>Tuning on an early split.</b> (H, β, α, θ, δ) are chosen once from a small grid: over the
 * first {@code tuningPeriods} periods (the tuning split) the first grid point (the default) flags
 * cells while every grid point is scored on each period after it ends; from then on the point with
 * the best mean PEI at the tuning fraction over the split is used, frozen, so the later periods
 * (the held-out split) never tune anything. It replaces the default only when its gain over the
 * default on the split exceeds {@value #CHOICE_STANDARD_ERRORS} paired standard errors.
 */
public final class BeatwatchRisk implements Forecaster {

    /** The self-exciting term's decay time, days: yesterday's call weighs e^-1 of a call now. */
    public static final double EXCITE_DECAY_DAYS = 1.0;

    /** Standard errors by which a grid point must beat the default on the split to replace it. */
    public static final double CHOICE_STANDARD_ERRORS = 2.0;

    /** One combination of the ranking's parameters. */
    public record Params(
            double halfLifeDays,
            double slotWeight,
            double ringWeight,
            double exciteWeight,
            double alertWeight) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "H=%s d, β=%.2f, α=%.2f, θ=%.2f, δ=%.2f",
                    Double.isInfinite(halfLifeDays)
                            ? "∞"
                            : String.format(Locale.ROOT, "%.0f", halfLifeDays),
                    slotWeight,
                    ringWeight,
                    exciteWeight,
                    alertWeight);
        }
    }

    /**
     * The grid the tuning chooses from; the first value of each list is the default. Half-lives are
     * in days with data.
     */
    public record Grid(
            List<Double> halfLives,
            List<Double> slotWeights,
            List<Double> ringWeights,
            List<Double> exciteWeights,
            List<Double> alertWeights) {
        public Grid {
            halfLives = List.copyOf(halfLives);
            slotWeights = List.copyOf(slotWeights);
            ringWeights = List.copyOf(ringWeights);
            exciteWeights = List.copyOf(exciteWeights);
            alertWeights = List.copyOf(alertWeights);
            for (double h : halfLives) {
                if (!(h > 0)) throw new IllegalArgumentException("half-life must be > 0");
            }
            for (double b : slotWeights) {
                if (!(b >= 0 && b <= 1)) throw new IllegalArgumentException("β must be in [0, 1]");
            }
            for (double a : ringWeights) {
                if (!(a >= 0 && a <= 1)) throw new IllegalArgumentException("α must be in [0, 1]");
            }
            for (double t : exciteWeights) {
                if (!(t >= 0)) throw new IllegalArgumentException("θ must be >= 0");
            }
            if (halfLives.isEmpty()
                    || slotWeights.isEmpty()
                    || ringWeights.isEmpty()
                    || exciteWeights.isEmpty()
                    || alertWeights.isEmpty()) {
                throw new IllegalArgumentException("every grid list needs a value");
            }
        }

        /**
         * The default grid for a horizon. The day's default point (H = 10 days with data, β = 0.5,
         * α = 0.1, θ = 0.1) had the best gain over prior counts on the tuning splits (the first
         * third) of San Antonio, Portland and Berkeley, pooled by precision; see
         * stream-jobs/BACKTESTS.md. The shift's keeps β = 0.6 of the earlier ranking.
         */
        public static Grid defaults(Horizon h) {
            return new Grid(
                    List.of(10.0, 20.0, 40.0),
                    switch (h) {
                        case SHIFT -> List.of(0.6, 0.3, 0.9, 0.0);
                        case DAY -> List.of(0.5, 0.0, 0.25);
                        case WEEK -> List.of(0.0);
                    },
                    List.of(0.1, 0.0, 0.2),
                    List.of(0.1, 0.0, 0.2),
                    List.of(0.0, 0.5));
        }

        /** A single point: no tuning. */
        public static Grid fixed(Params p) {
            return new Grid(
                    List.of(p.halfLifeDays()),
                    List.of(p.slotWeight()),
                    List.of(p.ringWeight()),
                    List.of(p.exciteWeight()),
                    List.of(p.alertWeight()));
        }

        /** The same grid with a single alert weight (for runs without the detector replay). */
        public Grid withAlertWeights(List<Double> weights) {
            return new Grid(halfLives, slotWeights, ringWeights, exciteWeights, weights);
        }

        List<Params> points() {
            List<Params> out = new ArrayList<>();
            for (double h : halfLives)
                for (double b : slotWeights)
                    for (double a : ringWeights)
                        for (double g : exciteWeights)
                            for (double d : alertWeights) out.add(new Params(h, b, a, g, d));
            return out;
        }
    }

    private static final double BASELINE_DAYS = DetectionConfig.DEFAULT_BASELINE_DAYS;
    private static final long DAY_MS = 86_400_000L;
    // calls older than this many decay times add under e^-12 each: left out
    private static final double EXCITE_HORIZON = 12;

    private final Timeline timeline;
    private final Horizon horizon;
    private final AlertHistory alerts;
    private final double tuneFraction;
    private final int tuningPeriods;
    private final List<Params> points;
    private final double[] halfLives;
    private final int slots;
    private final int cells;
    private final int tuneK;
    private final int[][] ring;

    // decayed sums per half-life, expressed at complete day index `asOfIndex`
    private final double[][] all;
    private final double[][][] bySlot;
    private final double[] weight;
    private final double[][] slotWeight;
    private int asOfIndex = Integer.MIN_VALUE;
    private int nextDayIndex;

    // tuning: the previous period's top cells per grid point, and PEI sums over the split
    private Period previous;
    private int[][] previousTop;
    private final double[] peiSum;
    // per grid point, sums of its PEI minus the default's, and of their squares, over the split
    private final double[] gainSum;
    private final double[] gainSq;
    private int tuned;
    private int seen;
    private int frozen = -1;
    private final List<Params> chosen = new ArrayList<>();

    /**
     * A ranking over a timeline.
     *
     * @param alerts the detector's alerts (or {@link AlertHistory#empty()})
     * @param tuneFraction the area fraction whose PEI the tuning maximizes (e.g. 0.01)
     * @param tuningPeriods the first periods, flagged with the default point, that choose the point
     *     used for every later period
     */
    public BeatwatchRisk(
            Timeline timeline,
            Horizon horizon,
            Grid grid,
            AlertHistory alerts,
            double tuneFraction,
            int tuningPeriods) {
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.horizon = Objects.requireNonNull(horizon, "horizon");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        if (tuningPeriods < 0) throw new IllegalArgumentException("tuningPeriods must be >= 0");
        this.tuneFraction = tuneFraction;
        this.tuningPeriods = tuningPeriods;
        this.points = grid.points();
        this.halfLives = grid.halfLives().stream().mapToDouble(Double::doubleValue).toArray();
        this.slots =
                switch (horizon) {
                    case SHIFT -> Horizon.SHIFTS_PER_DAY;
                    case DAY -> 2;
                    case WEEK -> 0;
                };
        this.cells = timeline.table().cellCount();
        this.tuneK = Capture.cellsForFraction(tuneFraction, Math.max(1, cells));
        this.ring = rings(timeline.table());
        int nh = halfLives.length;
        all = new double[nh][cells];
        bySlot = new double[nh][slots][cells];
        weight = new double[nh];
        slotWeight = new double[nh][slots];
        peiSum = new double[points.size()];
        gainSum = new double[points.size()];
        gainSq = new double[points.size()];
    }

    /** The study-area indexes of each cell's H3 neighbours (ring 1, the cell itself left out). */
    static int[][] rings(EventTable t) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < t.cellCount(); c++) index.put(t.cellAddress(c), c);
        int[][] out = new int[t.cellCount()][];
        for (int c = 0; c < out.length; c++) {
            out[c] =
                    H3Grid.ring(t.cellAddress(c), 1).stream()
                            .skip(1)
                            .map(index::get)
                            .filter(Objects::nonNull)
                            .mapToInt(Integer::intValue)
                            .toArray();
        }
        return out;
    }

    @Override
    public String name() {
        return "Beatwatch";
    }

    @Override
    public String description() {
        return "long baseline decayed over days with data (half-life H), "
                + (horizon == Horizon.SHIFT
                        ? "time-of-day slice (β), "
                        : horizon == Horizon.DAY ? "weekend / weekday slice (β), " : "")
                + "shrunk towards the H3 ring (α), self-exciting term for recent calls (θ) and"
                + " alert boost (δ); chosen on the first "
                + tuningPeriods
                + " periods at "
                + String.format(Locale.ROOT, "%.1f%%", 100 * tuneFraction)
                + " of area, then frozen";
    }

    /** The parameters used for each period scored so far, in order. */
    public List<Params> chosen() {
        return List.copyOf(chosen);
    }

    /** The grid points, in order (the first is the default). */
    public List<Params> gridPoints() {
        return points;
    }

    /** Periods of the tuning split (flagged with the default point). */
    public int tuningPeriods() {
        return tuningPeriods;
    }

    /** The point the tuning split chose, or empty while the split is still running. */
    public java.util.Optional<Params> frozenChoice() {
        return frozen < 0 ? java.util.Optional.empty() : java.util.Optional.of(points.get(frozen));
    }

    /** Mean PEI at the tuning fraction of each grid point over the tuning split, in grid order. */
    public double[] tuningPei() {
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) out[i] = tuned == 0 ? Double.NaN : peiSum[i] / tuned;
        return out;
    }

    @Override
    public double[] scores(Period p) {
        learnFromPrevious(p);
        advanceTo(p.firstDayIndex());
        Parts parts = parts(p);
        if (frozen < 0 && seen >= tuningPeriods) frozen = choose();
        double[] out;
        if (frozen >= 0) {
            out = score(points.get(frozen), parts);
            chosen.add(points.get(frozen));
            previous = null;
        } else {
            previousTop = new int[points.size()][];
            out = null;
            for (int i = 0; i < points.size(); i++) {
                double[] s = score(points.get(i), parts);
                previousTop[i] = Capture.top(s, tuneK);
                if (i == 0) out = s;
            }
            previous = p;
            chosen.add(points.get(0));
        }
        seen++;
        return out;
    }

    /** Scores the previous period's grid points on its outcome: it has ended, so this is fair. */
    private void learnFromPrevious(Period p) {
        if (previous == null) return;
        if (timeline.endOf(previous) > p.startMillis()) {
            throw new IllegalStateException("periods overlap: " + previous + " and " + p);
        }
        int[] observed = timeline.observed(previous);
        long[] best = WalkForward.bestPrefix(observed, tuneK);
        previous = null;
        if (best[tuneK] == 0) return;
        double[] pei = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            long n = 0;
            for (int c : previousTop[i]) n += observed[c];
            pei[i] = n / (double) best[tuneK];
            peiSum[i] += pei[i];
            gainSum[i] += pei[i] - pei[0];
            gainSq[i] += (pei[i] - pei[0]) * (pei[i] - pei[0]);
        }
        tuned++;
    }

    /**
     * The grid point with the best mean PEI over the split, if it beats the default by more than
     * {@value #CHOICE_STANDARD_ERRORS} standard errors of the paired per-period gain; else the
     * default. Grid points differ by a few thousandths of PEI, about the noise of a split of 20-60
     * periods: an unguarded arg-max would chase noise.
     */
    private int choose() {
        int best = 0;
        for (int i = 1; i < points.size(); i++) {
            // ties keep the earlier (default-first) point
            if (peiSum[i] > peiSum[best] + 1e-12) best = i;
        }
        if (best == 0 || tuned < 2) return 0;
        double mean = gainSum[best] / tuned;
        double var = (gainSq[best] - tuned * mean * mean) / (tuned - 1);
        double se = Math.sqrt(Math.max(0, var) / tuned);
        return mean > CHOICE_STANDARD_ERRORS * se ? best : 0;
    }

    private void advanceTo(int k) {
        if (asOfIndex != Integer.MIN_VALUE && k != asOfIndex) {
            for (int h = 0; h < halfLives.length; h++) {
                double f = Math.pow(0.5, (k - asOfIndex) / halfLives[h]);
                weight[h] *= f;
                for (int c = 0; c < cells; c++) all[h][c] *= f;
                for (int s = 0; s < slots; s++) {
                    slotWeight[h][s] *= f;
                    for (int c = 0; c < cells; c++) bySlot[h][s][c] *= f;
                }
            }
        }
        asOfIndex = k;
        EventTable t = timeline.table();
        for (; nextDayIndex < k; nextDayIndex++) {
            int j = nextDayIndex;
            int dow = weekendSlot(timeline.localDay(j));
            for (int h = 0; h < halfLives.length; h++) {
                // age in days with data: yesterday's complete day is 1 old, whatever the gap
                double w = Math.pow(0.5, (k - j) / halfLives[h]);
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

    /**
     * The day horizon's slot: 1 for Saturday and Sunday, 0 for a weekday. Two slots rather than
     * seven: each pools two to five days of every week, where one weekday's share was noisier.
     */
    static int weekendSlot(int epochDay) {
        DayOfWeek d = LocalDate.ofEpochDay(epochDay).getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? 1 : 0;
    }

    /** What every grid point shares for one period. */
    private record Parts(
            Period period, double periodDays, int slot, double[] excite, boolean[] alerted) {}

    private Parts parts(Period p) {
        EventTable t = timeline.table();
        double periodDays =
                horizon == Horizon.WEEK
                        ? p.dayIndexes().length
                        : (p.toMinute() - p.fromMinute()) / 1440.0;
        int slot =
                switch (horizon) {
                    case SHIFT -> p.shift();
                    case DAY -> weekendSlot(timeline.localDay(p.firstDayIndex()));
                    case WEEK -> -1;
                };
        long start = p.startMillis();
        double tauMs = EXCITE_DECAY_DAYS * DAY_MS;
        double[] excite = new double[cells];
        for (int i = t.firstAtOrAfter(start - (long) (EXCITE_HORIZON * tauMs));
                i < t.size() && t.time(i) < start;
                i++) {
            if (timeline.include(i) && timeline.completeDays().contains(t.day(i))) {
                excite[t.cell(i)] += Math.exp(-(start - t.time(i)) / tauMs);
            }
        }
        boolean[] alerted = alerts.cellsAlerted(start - DAY_MS, start, cells);
        return new Parts(p, periodDays, slot, excite, alerted);
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
        double[] a = all[h];
        double[] s = beta > 0 ? bySlot[h][parts.slot()] : null;
        double slotScale = horizon == Horizon.SHIFT ? 1.0 : parts.periodDays();
        double[] base = new double[cells];
        for (int c = 0; c < cells; c++) {
            double e = (1 - beta) * (a[c] + prior * w) / w * parts.periodDays();
            if (beta > 0) e += beta * (s[c] + prior * ws) / ws * slotScale;
            base[c] = e;
        }
        double alpha = q.ringWeight();
        for (int c = 0; c < cells; c++) {
            double e = base[c];
            if (alpha > 0) {
                double around = 0;
                for (int n : ring[c]) around += base[n];
                e = (1 - alpha) * e + alpha * around / 6;
            }
            out[c] = e + q.exciteWeight() * parts.excite()[c] * parts.periodDays();
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
