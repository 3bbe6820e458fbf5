package io.beatwatch.core.backtest;

import java.util.Arrays;

/** Small summaries over arrays of doubles; NaN values are skipped. */
public final class Stats {

    private Stats() {}

    /** Values that are not NaN, sorted. */
    static double[] finiteSorted(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
    }

    /** Mean, or NaN when empty. */
    public static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isNaN(x)) continue;
            s += x;
            n++;
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Sample standard deviation, or NaN with fewer than two values. */
    public static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isNaN(x)) continue;
            s += (x - m) * (x - m);
            n++;
        }
        return n < 2 ? Double.NaN : Math.sqrt(s / (n - 1));
    }

    /** Standard error of the mean. */
    public static double se(double[] v) {
        long n = Arrays.stream(v).filter(x -> !Double.isNaN(x)).count();
        return n < 2 ? Double.NaN : sd(v) / Math.sqrt(n);
    }

    /** Quantile q in [0, 1] by linear interpolation between order statistics; NaN when empty. */
    public static double quantile(double[] v, double q) {
        double[] s = finiteSorted(v);
        if (s.length == 0) return Double.NaN;
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    public static double median(double[] v) {
        return quantile(v, 0.5);
    }
}
