package io.beatwatch.core.patrol;

/**
 * A cell of a district that may be suggested, with its risk at the time of the choice.
 *
 * @param cell H3 cell
 * @param beat the cell's beat, or null
 * @param neighbourhood the cell's neighbourhood (H3 parent) for the share cap
 * @param risk recency-weighted count of citizen calls that count as risk (see {@link
 *     PatrolConfig#countsAsRisk})
 */
public record Candidate(String cell, String beat, String neighbourhood, double risk) {

    /**
     * A risk {@code value} measured at {@code fromMillis}, decayed to {@code toMillis} with the
     * half-life: risk is a recency-weighted count, Σ 2^(-(t - t_i) / halfLife) over the calls.
     */
    public static double decayed(
            double value, long fromMillis, long toMillis, java.time.Duration halfLife) {
        if (toMillis <= fromMillis) return value;
        return value * Math.pow(0.5, (toMillis - fromMillis) / (double) halfLife.toMillis());
    }
}
