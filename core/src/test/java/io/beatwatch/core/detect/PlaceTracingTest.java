package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.Signal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Why each window and ring of a traced place was or was not scored. */
class PlaceTracingTest {

    static final DetectionConfig CONFIG = DetectionConfig.defaults(); // at least 4 calls, 100 days
    static final int[] WINDOWS = {30, 60};
    static final long CELL = 0x8928308280fffffL;

    final List<TracePoint> points = new ArrayList<>();

    PlaceTracing tracing(boolean ring1) {
        var t = new PlaceTracing(CONFIG, new AlertLifecycle(CONFIG), WINDOWS, ring1);
        t.set(
                new StreamDetector.Tracer() {
                    @Override
                    public boolean traces(long cell) {
                        return cell == CELL;
                    }

                    @Override
                    public void scored(TracePoint point) {
                        points.add(point);
                    }
                });
        return t;
    }

    static CellState place() {
        return new CellState(CELL, 28, 4, WINDOWS.length);
    }

    static Evaluation cfs(int ring, int window, long observed, double expected, double ri) {
        return new Evaluation("z", ring, window, Signal.CFS, observed, expected, 3, ri, 0);
    }

    @Test
    void tracesOnlyTheCellsItIsAskedFor() {
        var t = new PlaceTracing(CONFIG, new AlertLifecycle(CONFIG), WINDOWS, true);
        assertThat(t.traces(CELL)).isFalse();
        t = tracing(true);
        assertThat(t.traces(CELL)).isTrue();
        assertThat(t.traces(CELL + 1)).isFalse();
    }

    @Test
    void aPlaceWithTooFewCallsSaysSoPerRingAndWindow() {
        var t = tracing(true);
        t.unscored(
                place(),
                99,
                new long[] {1, 2},
                new long[] {5, 9},
                new long[] {1, 2},
                new long[] {3, 4});
        assertThat(points).extracting(TracePoint::ring).containsExactly(0, 1, 0, 1);
        assertThat(points).extracting(TracePoint::windowMinutes).containsExactly(30, 30, 60, 60);
        assertThat(points).extracting(TracePoint::calls).containsExactly(1L, 5L, 2L, 9L);
        assertThat(points).extracting(TracePoint::counted).containsExactly(1L, 3L, 2L, 4L);
        // ring 1 with enough calls counted was left out because the centre had too few
        assertThat(points)
                .extracting(TracePoint::why)
                .containsExactly(
                        TracePoint.Why.FEW_CALLS,
                        TracePoint.Why.FEW_CALLS,
                        TracePoint.Why.FEW_CALLS,
                        TracePoint.Why.CENTRE_SHARE);
        assertThat(points).allMatch(p -> p.cell() == CELL && p.eventTimeMillis() == 99);
        points.clear();
        tracing(false).unscored(place(), 99, new long[] {1, 2}, null, new long[] {1, 2}, null);
        assertThat(points).extracting(TracePoint::ring).containsExactly(0, 0);
    }

    @Test
    void aScoredPlaceSaysWhetherItWasBelowTheBudgetOrOpened() {
        var t = tracing(true);
        var evals =
                List.of(
                        cfs(0, 30, 6, 0.5, 1e6), // opens
                        cfs(1, 30, 6, 2.0, 50), // below the budget
                        cfs(0, 60, 6, 0.5, 1e6),
                        new Evaluation("z", 1, 60, Signal.TIPS, 6, 0.5, 3, 1e6, 0));
        var p = place();
        t.scored(
                p,
                7,
                null,
                evals,
                new long[] {6, 6},
                new long[] {8, 3},
                new long[] {6, 6},
                new long[] {6, 3},
                2.0,
                3.0);
        assertThat(points)
                .extracting(TracePoint::why)
                .containsExactly(
                        TracePoint.Why.LIFECYCLE,
                        TracePoint.Why.BELOW_BUDGET,
                        TracePoint.Why.LIFECYCLE,
                        TracePoint.Why.FEW_CALLS); // ring 1 of 60 min: tips only, 3 counted
        var first = points.get(0);
        assertThat(first.expected()).isEqualTo(0.5);
        assertThat(first.strength()).isEqualTo(StreamDetector.strength(6, 0.5, 2.0));
        assertThat(first.recurrenceDays()).isEqualTo(1e6);
        assertThat(points.get(1).strength()).isEqualTo(StreamDetector.strength(6, 2.0, 3.0));
        var last = points.get(3);
        assertThat(last.expected()).isNaN();
        assertThat(last.strength()).isNaN();
        assertThat(last.recurrenceDays()).isZero();
        assertThat(last.calls()).isEqualTo(3);
    }

    @Test
    void enoughCallsWithoutAnEvaluationWereLeftToTheCentre() {
        var t = tracing(false);
        t.scored(
                place(),
                7,
                null,
                List.of(),
                new long[] {5, 5},
                null,
                new long[] {4, 3},
                null,
                1,
                1);
        assertThat(points)
                .extracting(TracePoint::why)
                .containsExactly(TracePoint.Why.CENTRE_SHARE, TracePoint.Why.FEW_CALLS);
    }

    @Test
    void anOpenAlertOrOneJustOpenedIsSaid() {
        var open =
                new ZoneAlert(
                        "a",
                        true,
                        "z",
                        0,
                        30,
                        0,
                        0,
                        5,
                        6,
                        0,
                        30,
                        Signal.CFS,
                        EmergenceCategory.NEW,
                        0,
                        5,
                        0);
        var t = tracing(false);
        var evals = List.of(cfs(0, 30, 6, 0.5, 1e6));
        t.scored(place(), 7, open, evals, new long[] {6, 6}, null, new long[] {6, 6}, null, 1, 1);
        assertThat(points).extracting(TracePoint::why).containsOnly(TracePoint.Why.OPEN);
        points.clear();
        var p = place();
        p.alert = open; // opened by this very evaluation
        t.scored(
                p,
                7,
                open.closed(5),
                evals,
                new long[] {6, 6},
                null,
                new long[] {6, 6},
                null,
                1,
                1);
        assertThat(points)
                .extracting(TracePoint::why)
                .containsExactly(TracePoint.Why.OPENED, TracePoint.Why.CENTRE_SHARE);
        points.clear();
        t.warmUp(p, 11);
        assertThat(points)
                .singleElement()
                .satisfies(
                        w -> {
                            assertThat(w.why()).isEqualTo(TracePoint.Why.WARM_UP);
                            assertThat(w.ring()).isEqualTo(-1);
                            assertThat(w.eventTimeMillis()).isEqualTo(11);
                        });
    }
}
