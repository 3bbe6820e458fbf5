package io.beatwatch.core.impact;

import io.beatwatch.core.patrol.PatrolConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Chooses the study's groups. Treated: cells with at least {@code minDose} patrol minutes per
 * post-period day. Buffer: the other cells within {@code ring} rings of a treated cell, where
 * displacement would show. Comparison: for each treated cell, the {@code controlsPerTreated}
 * nearest candidate cells, never patrolled (or at most {@code maxControlDose} minutes a day) and
 * outside every buffer, by their level (log of 1 + calls per day) and trend (log ratio of the
 * halves) in the matching window, each scaled by its standard deviation. {@link
 * ImpactConfig.Method#GREEDY}: same district, greedy and without replacement, busiest treated cell
 * first; a treated cell with no candidate left in its district is dropped. {@link
 * ImpactConfig.Method#NEAREST}: with replacement, the district's nearest when it has {@code
 * controlsPerTreated} within the caliper, else the city's nearest within it; a treated cell with
 * none within the caliper is dropped.
 */
public final class Matching {

    private Matching() {}

    /**
     * The matched design.
     *
     * @param treated treated cells that got at least one comparison cell
     * @param controls for each treated cell (same order), its comparison cells
     * @param buffer cells of the surrounding rings (neither treated nor comparison)
     * @param dropped treated cells left out for want of a comparison cell
     * @param from for each treated cell (same order), the analysed day its after period starts, for
     *     it and its comparison cells: the patrol start, or with {@link ImpactConfig.Method#RISK}
     *     its first patrol day
     */
    public record Design(int[] treated, int[][] controls, int[] buffer, int dropped, int[] from) {

        /** All comparison cells, each once. */
        public int[] comparison() {
            return Arrays.stream(controls)
                    .flatMapToInt(Arrays::stream)
                    .distinct()
                    .sorted()
                    .toArray();
        }

        /**
         * How many times each cell serves as a comparison cell (matching with replacement reuses
         * one): its weight in the comparison group's sums, so every treated cell counts its
         * controls once each.
         */
        public int[] uses(int cellCount) {
            int[] u = new int[cellCount];
            for (int[] cs : controls) for (int c : cs) u[c]++;
            return u;
        }
    }

    /** Analysed days of the matching window, the first half of the pre-period. */
    public static int matchingDays(Panel p) {
        return p.preDays() / 2;
    }

    /** Level of a cell in the matching window: log(1 + calls per day). */
    static double level(Panel p, int c) {
        int m = matchingDays(p);
        return Math.log1p(p.calls(c, 0, m) / (double) Math.max(1, m));
    }

    /** Trend of a cell in the matching window: log((1 + second half) / (1 + first half)). */
    static double trend(Panel p, int c) {
        int m = matchingDays(p);
        int half = m / 2;
        return Math.log((1.0 + p.calls(c, half, m)) / (1.0 + p.calls(c, 0, half)));
    }

    /**
     * Matches treated to comparison cells; {@code catchment} gives the cells within the buffer
     * rings of a cell (it may include the cell).
     */
    public static Design match(
            Panel p, ImpactConfig cfg, Function<String, Collection<String>> catchment) {
        int n = p.cellCount();
        boolean risk = cfg.method() == ImpactConfig.Method.RISK;
        int[] first = firstPatrol(p);
        BitSet treated = new BitSet(n);
        for (int c = 0; c < n; c++) {
            if (p.district(c) < 0) continue;
            // RISK: a cell is treated from its first patrol, whatever came after (its later dose
            // follows its later calls, the outcome)
            if (risk ? first[c] >= 0 : p.dose(c) >= cfg.minDose()) treated.set(c);
        }
        BitSet buffer = new BitSet(n);
        for (int c = treated.nextSetBit(0); c >= 0; c = treated.nextSetBit(c + 1)) {
            for (String near : catchment.apply(p.cell(c))) {
                int j = p.indexOf(near);
                if (j >= 0 && !treated.get(j)) buffer.set(j);
            }
        }
        BitSet candidate = new BitSet(n);
        for (int c = 0; c < n; c++) {
            if (p.district(c) < 0 || buffer.get(c)) continue;
            // RISK: a cell patrolled later is a comparison cell until then (not yet treated)
            if (risk || (!treated.get(c) && p.dose(c) <= cfg.maxControlDose())) candidate.set(c);
        }
        double[] level = new double[n];
        double[] trend = new double[n];
        for (int c = 0; c < n; c++) {
            level[c] = level(p, c);
            trend[c] = trend(p, c);
        }
        if (risk) return matchOnRisk(p, cfg, treated, candidate, buffer, first, level);
        BitSet pool = (BitSet) treated.clone();
        pool.or(candidate);
        double sl = sd(level, pool);
        double st = sd(trend, pool);
        List<Integer> order = new ArrayList<>();
        treated.stream().forEach(order::add);
        order.sort(
                Comparator.<Integer>comparingLong(c -> -p.calls(c, 0, matchingDays(p)))
                        .thenComparing(Comparator.naturalOrder()));
        int[] cand = candidate.stream().toArray();
        List<Integer> kept = new ArrayList<>();
        List<int[]> controls = new ArrayList<>();
        int dropped = 0;
        int k = cfg.controlsPerTreated();
        double caliper2 = cfg.caliper() * cfg.caliper();
        for (int t : order) {
            int[] got;
            if (cfg.method() == ImpactConfig.Method.GREEDY) {
                got =
                        nearest(
                                cand,
                                candidate,
                                t,
                                p.district(t),
                                k,
                                p,
                                level,
                                trend,
                                sl,
                                st,
                                Double.POSITIVE_INFINITY);
                for (int c : got) candidate.clear(c);
            } else {
                got = nearestWithin(cand, null, t, k, p, level, trend, sl, st, caliper2);
            }
            if (got.length == 0) {
                dropped++;
                continue;
            }
            kept.add(t);
            controls.add(got);
        }
        int[] from = new int[kept.size()];
        Arrays.fill(from, p.firstPostIndex());
        return new Design(
                kept.stream().mapToInt(Integer::intValue).toArray(),
                controls.toArray(int[][]::new),
                buffer.stream().toArray(),
                dropped,
                from);
    }

    /** The district's k nearest within the caliper when it has k, else the city's. */
    private static int[] nearestWithin(
            int[] cand,
            BitSet open,
            int t,
            int k,
            Panel p,
            double[] x,
            double[] y,
            double sx,
            double sy,
            double caliper2) {
        int[] inDistrict = nearest(cand, open, t, p.district(t), k, p, x, y, sx, sy, caliper2);
        return inDistrict.length == k
                ? inDistrict
                : nearest(cand, open, t, -1, k, p, x, y, sx, sy, caliper2);
    }

    /** Index of each cell's first analysed post-period day with patrol minutes, or -1. */
    static int[] firstPatrol(Panel p) {
        int[] first = new int[p.cellCount()];
        for (int c = 0; c < first.length; c++) {
            first[c] = -1;
            for (int i = p.firstPostIndex(); i < p.dayCount(); i++) {
                if (p.minutes(c, i) > 0) {
                    first[c] = i;
                    break;
                }
            }
        }
        return first;
    }

    /**
     * The planner's risk of every cell at the end of analysed day {@code i}: citizen calls of the
     * analysed days up to it, each weighted by {@code 0.5^(age / halfLifeDays)} (the planner's
     * recency-weighted count, {@link PatrolConfig#DEFAULT_RISK_HALF_LIFE}, by whole days). Day
     * {@code i} counts: the planner draws every quarter hour on the calls so far that day.
     */
    static double[] riskThrough(Panel p, int i, double halfLifeDays) {
        double[] w = new double[i + 1];
        for (int j = 0; j <= i; j++) w[j] = Math.pow(0.5, (p.day(i) - p.day(j)) / halfLifeDays);
        double[] r = new double[p.cellCount()];
        for (int c = 0; c < r.length; c++) {
            double s = 0;
            for (int j = 0; j <= i; j++) s += w[j] * p.calls(c, j);
            r[c] = s;
        }
        return r;
    }

    /**
     * RISK: each treated cell against cells not yet patrolled on its first patrol day f, nearest in
     * the planner's risk at the end of f (log of 1 + risk) and in level over the matching window,
     * with replacement, the district's when it has enough within the caliper, else the city's; the
     * after period of the pair starts on the analysed day after f.
     */
    private static Design matchOnRisk(
            Panel p,
            ImpactConfig cfg,
            BitSet treated,
            BitSet candidate,
            BitSet buffer,
            int[] first,
            double[] level) {
        int n = p.cellCount();
        double halfLife = PatrolConfig.DEFAULT_RISK_HALF_LIFE.toHours() / 24.0;
        TreeMap<Integer, double[]> riskByDay = new TreeMap<>();
        for (int c = treated.nextSetBit(0); c >= 0; c = treated.nextSetBit(c + 1)) {
            riskByDay.computeIfAbsent(
                    first[c],
                    i -> {
                        double[] r = riskThrough(p, i, halfLife);
                        for (int x = 0; x < n; x++) r[x] = Math.log1p(r[x]);
                        return r;
                    });
        }
        BitSet pool = (BitSet) treated.clone();
        pool.or(candidate);
        double sl = sd(level, pool);
        double sr = riskByDay.isEmpty() ? 1 : sd(riskByDay.firstEntry().getValue(), pool);
        int[] cand = candidate.stream().toArray();
        int k = cfg.controlsPerTreated();
        double caliper2 = cfg.caliper() * cfg.caliper();
        List<Integer> kept = new ArrayList<>();
        List<int[]> controls = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        int dropped = 0;
        for (int t = treated.nextSetBit(0); t >= 0; t = treated.nextSetBit(t + 1)) {
            int f = first[t];
            BitSet open = new BitSet(n);
            // not yet patrolled on day f: whether it is patrolled later follows its later calls,
            // so leaving those cells out would choose the comparison on the outcome
            for (int c : cand) if (c != t && (first[c] < 0 || first[c] > f)) open.set(c);
            int[] got =
                    nearestWithin(cand, open, t, k, p, riskByDay.get(f), level, sr, sl, caliper2);
            if (got.length == 0) {
                dropped++;
                continue;
            }
            kept.add(t);
            controls.add(got);
            // the planner drew it on calls of day f itself: the outcome starts the day after
            from.add(f + 1);
        }
        return new Design(
                kept.stream().mapToInt(Integer::intValue).toArray(),
                controls.toArray(int[][]::new),
                buffer.stream().toArray(),
                dropped,
                from.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The {@code k} candidates nearest to {@code t} (squared standardized distance below {@code
     * max2}), nearest first, ties to the lower index; only those still in {@code open} (null: all)
     * and, when {@code district >= 0}, of that district.
     */
    static int[] nearest(
            int[] cand,
            BitSet open,
            int t,
            int district,
            int k,
            Panel p,
            double[] level,
            double[] trend,
            double sl,
            double st,
            double max2) {
        int[] best = new int[k];
        double[] dist = new double[k];
        Arrays.fill(best, -1);
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int c : cand) {
            if (open != null && !open.get(c)) continue;
            if (district >= 0 && p.district(c) != district) continue;
            double dl = (level[c] - level[t]) / sl;
            double dt = (trend[c] - trend[t]) / st;
            double d = dl * dl + dt * dt;
            if (!(d <= max2)) continue;
            // insertion into the sorted short list; ties keep the lower index
            int j = k - 1;
            if (!(d < dist[j])) continue;
            while (j > 0 && d < dist[j - 1]) {
                dist[j] = dist[j - 1];
                best[j] = best[j - 1];
                j--;
            }
            dist[j] = d;
            best[j] = c;
        }
        return Arrays.stream(best).filter(c -> c >= 0).toArray();
    }

    private static double sd(double[] x, BitSet over) {
        int n = 0;
        double s = 0, ss = 0;
        for (int c = over.nextSetBit(0); c >= 0; c = over.nextSetBit(c + 1)) {
            n++;
            s += x[c];
            ss += x[c] * x[c];
        }
        if (n < 2) return 1;
        double v = (ss - s * s / n) / (n - 1);
        return v > 1e-12 ? Math.sqrt(v) : 1;
    }
}
