package io.beatwatch.load.latency;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.HdrHistogram.Histogram;

/** Percentiles of one distribution in milliseconds (from a microsecond HdrHistogram). */
@JsonPropertyOrder({"count", "p50Ms", "p99Ms", "p999Ms", "maxMs"})
public record StageFigures(long count, Double p50Ms, Double p99Ms, Double p999Ms, Double maxMs) {

    public static StageFigures of(Histogram micros) {
        if (micros.getTotalCount() == 0) return new StageFigures(0, null, null, null, null);
        return new StageFigures(
                micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    /** Microseconds to milliseconds, kept to 0.1 ms (never rounded down to a pass: a hair up). */
    public static Double ms(long micros) {
        return Math.ceil(micros / 100.0) / 10.0;
    }

    /** A new microsecond histogram (auto-resizing, 3 significant digits). */
    public static Histogram histogram() {
        return new Histogram(3);
    }

    /** Records a non-negative value (a clock step of another process can give -0.x ms). */
    public static void record(Histogram h, long micros) {
        h.recordValue(Math.max(0, micros));
    }
}
