package io.beatwatch.core.detect;

import io.beatwatch.core.model.Signal;
import java.util.Objects;

/**
 * One scan of one zone, window and signal at one event time: observed vs expected, the LLR score
 * and the recurrence interval. The input of {@link AlertLifecycle}.
 *
 * @param zone the zone's centre cell (H3 address)
 * @param ring the zone's radius in H3 rings
 * @param windowMinutes the window length
 * @param signal {@link Signal#CFS} or {@link Signal#TIPS}
 * @param observed events in the zone and window
 * @param expected the space-time permutation expectation ({@link Baseline#expected})
 * @param score {@link PoissonScan#llr}
 * @param recurrenceIntervalDays {@link PoissonScan#recurrenceIntervalDays}
 * @param eventTimeMillis event time (epoch ms) of the event that triggered the evaluation
 */
public record Evaluation(
        String zone,
        int ring,
        int windowMinutes,
        Signal signal,
        long observed,
        double expected,
        double score,
        double recurrenceIntervalDays,
        long eventTimeMillis) {

    public Evaluation {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(signal, "signal");
        if (signal == Signal.BOTH) {
            throw new IllegalArgumentException("an evaluation scores one signal, CFS or TIPS");
        }
    }

    /** Scores observed against expected with {@link PoissonScan}. */
    public static Evaluation of(
            String zone,
            int ring,
            int windowMinutes,
            Signal signal,
            long observed,
            double expected,
            double testsPerDay,
            long eventTimeMillis) {
        return new Evaluation(
                zone,
                ring,
                windowMinutes,
                signal,
                observed,
                expected,
                PoissonScan.llr(observed, expected),
                PoissonScan.recurrenceIntervalDays(observed, expected, testsPerDay),
                eventTimeMillis);
    }

    /** True when there is an excess at all (observed above a known expectation). */
    public boolean hasExcess() {
        return !Double.isNaN(expected) && observed > expected;
    }
}
