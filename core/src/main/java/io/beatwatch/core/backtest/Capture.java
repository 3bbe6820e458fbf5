package io.beatwatch.core.backtest;

import java.util.Arrays;

/**
 * How well a set of flagged cells captured a period's events: hit rate, PAI and PEI (the measures
 * of the NIJ Real-Time Crime Forecasting Challenge). Cells stand in for area: at one H3 resolution
 * cells differ in area by well under 1% across a city, so {@code a / A} is the share of cells.
 *
 * <ul>
 *   <li>hit rate {@code = n / N}: share of the period's events inside the flagged cells
 *   <li>PAI {@code = (n / N) / (a / A)}: hit rate per share of area (1 = no better than chance)
 *   <li>PEI {@code = n / n*}, where {@code n*} is the most events any {@code a} cells could have
 *       captured (the {@code a} busiest cells of the period, known only afterwards); 1 is perfect
 * </ul>
 *
 * @param flaggedCells a, cells flagged
 * @param areaCells A, cells in the study area
 * @param captured n, events in flagged cells
 * @param total N, events in the period
 * @param best n*, events in the period's {@code a} busiest cells
 */
public record Capture(int flaggedCells, int areaCells, long captured, long total, long best) {

    public Capture {
        if (flaggedCells < 0 || areaCells < 1 || flaggedCells > areaCells) {
            throw new IllegalArgumentException(
                    "flagged " + flaggedCells + " of " + areaCells + " cells");
        }
        if (captured < 0 || captured > best || best > total) {
            throw new IllegalArgumentException(
                    "need 0 <= n <= n* <= N, was " + captured + ", " + best + ", " + total);
        }
    }

    /** n / N, or NaN when the period had no events. */
    public double hitRate() {
        return total == 0 ? Double.NaN : captured / (double) total;
    }

    /** (n / N) / (a / A), or NaN when undefined. */
    public double pai() {
        if (total == 0 || flaggedCells == 0) return Double.NaN;
        return hitRate() / (flaggedCells / (double) areaCells);
    }

    /** n / n*, or NaN when the period had no events. */
    public double pei() {
        return best == 0 ? Double.NaN : captured / (double) best;
    }

    /** The best PAI any choice of this many cells could reach: {@code (n* / N) / (a / A)}. */
    public double maxPai() {
        if (total == 0 || flaggedCells == 0) return Double.NaN;
        return (best / (double) total) / (flaggedCells / (double) areaCells);
    }

    /**
     * How many cells make {@code fraction} of the area: {@code round(fraction × A)}, at least 1.
     */
    public static int cellsForFraction(double fraction, int areaCells) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("area fraction must be in (0, 1], was " + fraction);
        }
        return (int) Math.max(1, Math.min(areaCells, Math.round(fraction * areaCells)));
    }

    /**
     * All cells ordered by score, highest first; equal scores keep the lower cell index first, so a
     * ranking is deterministic. NaN scores rank last.
     */
    public static int[] rank(double[] scores) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(
                idx,
                (a, b) -> {
                    double x = Double.isNaN(scores[a]) ? Double.NEGATIVE_INFINITY : scores[a];
                    double y = Double.isNaN(scores[b]) ? Double.NEGATIVE_INFINITY : scores[b];
                    int c = Double.compare(y, x);
                    return c != 0 ? c : Integer.compare(a, b);
                });
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) out[i] = idx[i];
        return out;
    }

    /**
     * The first {@code k} cells of {@link #rank} (same order, same tie rule), found with a bounded
     * heap: cheaper than a full sort when k is small.
     */
    public static int[] top(double[] scores, int k) {
        k = Math.min(k, scores.length);
        if (k <= 0) return new int[0];
        // min-heap on (score, -index): the root is the weakest of the kept cells
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            if (size < k) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (stronger(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, k, scores);
            }
        }
        Integer[] boxed = new Integer[k];
        for (int i = 0; i < k; i++) boxed[i] = heap[i];
        Arrays.sort(boxed, (a, b) -> stronger(a, b, scores) ? -1 : stronger(b, a, scores) ? 1 : 0);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = boxed[i];
        return out;
    }

    private static double value(double[] s, int i) {
        return Double.isNaN(s[i]) ? Double.NEGATIVE_INFINITY : s[i];
    }

    /** a ranks before b: higher score, or equal score and lower index. */
    private static boolean stronger(int a, int b, double[] s) {
        int c = Double.compare(value(s, a), value(s, b));
        return c > 0 || (c == 0 && a < b);
    }

    private static void siftUp(int[] h, int i, double[] s) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!stronger(h[parent], h[i], s)) break;
            int tmp = h[parent];
            h[parent] = h[i];
            h[i] = tmp;
            i = parent;
        }
    }

    private static void siftDown(int[] h, int size, double[] s) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int weakest = i;
            if (l < size && stronger(h[weakest], h[l], s)) weakest = l;
            if (r < size && stronger(h[weakest], h[r], s)) weakest = r;
            if (weakest == i) return;
            int tmp = h[weakest];
            h[weakest] = h[i];
            h[i] = tmp;
            i = weakest;
        }
    }

    /** n*: the sum of the {@code k} largest counts. */
    public static long best(int[] observed, int k) {
        int[] sorted = observed.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (int i = sorted.length - 1; i >= 0 && i >= sorted.length - k; i--) sum += sorted[i];
        return sum;
    }

    /** Scores the first {@code k} cells of {@code ranking} against the observed counts. */
    public static Capture of(int[] observed, int[] ranking, int k) {
        if (ranking.length != observed.length) {
            throw new IllegalArgumentException("ranking and counts differ in length");
        }
        long n = 0;
        for (int i = 0; i < k; i++) n += observed[ranking[i]];
        long total = 0;
        for (int c : observed) total += c;
        return new Capture(k, observed.length, n, total, best(observed, k));
    }
}
