package io.beatwatch.core.impact;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The cluster bootstrap by cell: a replicate redraws whole cells (all their days together) with
 * replacement within each stratum, so the interval respects the correlation of a cell's days. A
 * replicate is a multiplicity per cell; sums over a group weight each cell by it.
 */
public final class ClusterBootstrap {

    private ClusterBootstrap() {}

    /**
     * One replicate's multiplicities for {@code cellCount} cells: each stratum (an array of cell
     * indices) is redrawn to its own size; cells in no stratum get 0.
     */
    public static int[] weights(int cellCount, int[][] strata, SplittableRandom rng) {
        int[] w = new int[cellCount];
        for (int[] s : strata) {
            for (int k = 0; k < s.length; k++) w[s[rng.nextInt(s.length)]]++;
        }
        return w;
    }

    /** The weights of the data itself: 1 for every cell of a stratum. */
    public static int[] identity(int cellCount, int[][] strata) {
        int[] w = new int[cellCount];
        for (int[] s : strata) for (int c : s) w[c] = 1;
        return w;
    }

    /**
     * The {@code p} quantile (0..1) of the finite values, linear between order statistics (type 7);
     * NaN when none is finite.
     */
    public static double quantile(double[] values, double p) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        double h = (v.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }

    /** The 95% percentile interval of replicates around an estimate. */
    public static Interval interval(double estimate, double[] replicates) {
        return new Interval(estimate, quantile(replicates, 0.025), quantile(replicates, 0.975));
    }
}
