package io.beatwatch.load;

/**
 * One timed run of one side of the bench.
 *
 * @param eventsPerSecond events in / {@code seconds}; NaN when the run failed
 * @param seconds the timed span: Flink's job runtime (submission to finish) or the loop's time
 * @param wallSeconds with the MiniCluster's start and stop (Flink sides), else {@code seconds}
 * @param eventsIn events the side consumed, as counted where it read them
 * @param outputs what came out, for the sanity line
 * @param load load average when the run ended
 * @param failure why the run has no figure (timeout, error); null when it has one
 */
public record SideRun(
        double eventsPerSecond,
        double seconds,
        double wallSeconds,
        long eventsIn,
        String outputs,
        String load,
        String failure) {

    /** A run that produced no figure. */
    public static SideRun failed(String why, String load) {
        return new SideRun(Double.NaN, Double.NaN, Double.NaN, 0, "", load, why);
    }

    public boolean ok() {
        return failure == null;
    }
}
