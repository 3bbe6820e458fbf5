package io.beatwatch.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.detect.StreamDetector;
import io.beatwatch.core.detect.TracePoint;
import io.beatwatch.core.detect.TracePoint.Why;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.synth.InjectedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTraceTest {

    private static final String CELL = new H3Grid(9).cellOf(29.42, -98.49);
    private static final long ID = StreamDetector.cellId(CELL);
    private static final Instant START = Instant.parse("2026-03-02T14:00:00Z");

    private static InjectedCluster cluster() {
        return new InjectedCluster(
                "C1",
                CELL,
                0,
                START,
                Duration.ofMinutes(30),
                6,
                List.of("Theft"),
                InjectedCluster.Kind.CALLS);
    }

    private static TracePoint at(int minute, long calls, long counted, double ri, Why why) {
        return new TracePoint(
                ID,
                START.toEpochMilli() + minute * 60_000L,
                0,
                60,
                calls,
                counted,
                0.2,
                3,
                ri,
                why);
    }

    @Test
    void keepsTheCentresScoringsFromStartToTheEndOfTheGrace() {
        var trace = new ClusterTrace(List.of(cluster()), Duration.ofMinutes(60));
        assertThat(trace.traces(ID)).isTrue();
        assertThat(trace.traces(ID + 1)).isFalse();
        trace.scored(at(-5, 1, 1, 0, Why.FEW_CALLS)); // before the cluster
        trace.scored(at(0, 1, 1, 0, Why.FEW_CALLS));
        trace.scored(at(20, 5, 4, 30, Why.BELOW_BUDGET));
        trace.scored(at(89, 6, 5, 60, Why.BELOW_BUDGET));
        trace.scored(at(91, 6, 5, 90, Why.BELOW_BUDGET)); // past start + 30 + 60
        assertThat(trace.rowsOf(cluster()))
                .extracting(ClusterTrace.Row::minute)
                .containsExactly(0.0, 20.0, 89.0);
    }

    @Test
    void aMissIsExplainedByTheScoringThatCameClosest() {
        var trace = new ClusterTrace(List.of(cluster()), Duration.ofMinutes(60));
        assertThat(ClusterTrace.missReason(trace.rowsOf(cluster())))
                .isEqualTo(ClusterTrace.Miss.NOT_SCORED);
        trace.scored(at(3, 3, 3, 0, Why.FEW_CALLS));
        assertThat(ClusterTrace.missReason(trace.rowsOf(cluster())))
                .isEqualTo(ClusterTrace.Miss.FEW_CALLS);
        trace.scored(at(10, 6, 4, 42, Why.BELOW_BUDGET));
        trace.scored(at(12, 6, 4, 7, Why.BELOW_BUDGET));
        ClusterTrace.Row best = ClusterTrace.closest(trace.rowsOf(cluster()));
        assertThat(best.point().recurrenceDays()).isEqualTo(42);
        // six calls arrived, four counted: the per-type cap was binding at the closest scoring
        assertThat(best.point().calls()).isGreaterThan(best.point().counted());
        assertThat(ClusterTrace.missReason(trace.rowsOf(cluster())))
                .isEqualTo(ClusterTrace.Miss.BELOW_BUDGET);
    }
}
