package io.beatwatch.core.impact;

/**
 * A point estimate with its 95% percentile bootstrap interval.
 *
 * @param estimate the estimate on the study's data
 * @param lo 2.5th percentile of the bootstrap replicates
 * @param hi 97.5th percentile of the bootstrap replicates
 */
public record Interval(double estimate, double lo, double hi) {

    /** True when the interval contains {@code x}. */
    public boolean contains(double x) {
        return lo <= x && x <= hi;
    }
}
