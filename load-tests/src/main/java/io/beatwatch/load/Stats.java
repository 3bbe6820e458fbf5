package io.beatwatch.load;

import java.util.Arrays;
import java.util.List;

/** Pure helpers for the benchmark figures: medians and throughput ratios. */
public final class Stats {

    private Stats() {}

    /** The median of {@code values} (mean of the two middle values for an even count). */
    public static double median(List<Double> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("no values");
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
    }

    /** Events per second; {@code seconds} must be positive. */
    public static double rate(long events, double seconds) {
        if (seconds <= 0) throw new IllegalArgumentException("seconds must be > 0");
        return events / seconds;
    }

    /** {@code part / whole}, e.g. the job's throughput as a share of the plain loop's. */
    public static double ratio(double part, double whole) {
        if (whole <= 0) throw new IllegalArgumentException("whole must be > 0");
        return part / whole;
    }
}
