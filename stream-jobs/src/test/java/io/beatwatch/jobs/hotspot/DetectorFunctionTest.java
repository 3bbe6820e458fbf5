package io.beatwatch.jobs.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.HotspotAlert;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The detector operator: bounded timers, bounded state, checkpoints that restore. */
class DetectorFunctionTest {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 1440 * MINUTE;
    private static final long T0 = 1_700_006_400_000L;
    private static final String CELL = "89489c12b23ffff";
    private static final String FAR = "8948980a497ffff";

    private static KeyedOneInputStreamOperatorTestHarness<Integer, CellEvent, HotspotAlert>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DetectorFunction(Scenarios.jobConfig())),
                e -> 0,
                Types.INT);
    }

    private static CellEvent call(String id, long t, String cell) {
        return new CellEvent(id, t, cell, "NORTH", "Theft", false, false, 29.4, -98.5);
    }

    @Test
    void timersStayBoundedAndStopAfterTheLongestWindow() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < 2_000; i++) {
                long t = T0 + i * 7 * MINUTE;
                h.processElement(call("c" + i, t, i % 2 == 0 ? CELL : FAR), t);
                h.processWatermark(new Watermark(t - 2 * MINUTE));
                // at most the minutes between the watermark and the clock wait
                assertThat(h.numEventTimeTimers()).isLessThanOrEqualTo(4);
            }
            // the end of a bounded input: every timer fires once, none re-arms past the window
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aQuietPlaceIsForgottenAfterItsBaselinePeriod() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(call("first", T0, CELL), T0);
            // 10 days with data elsewhere: past the 7-day baseline the first cell is gone
            for (int d = 1; d <= 10; d++) {
                long t = T0 + d * DAY;
                h.processElement(call("far" + d, t, FAR), t);
            }
            var function =
                    (DetectorFunction)
                            ((KeyedProcessOperator<?, ?, ?>) h.getOperator()).getUserFunction();
            assertThat(function.cellsHeld()).isEqualTo(1);
        }
    }

    @Test
    void aCheckpointRestoresTheDetector() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < 50; i++) h.processElement(call("c" + i, T0 + i * MINUTE, CELL), T0);
            state = h.snapshot(1, T0);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            var function =
                    (DetectorFunction)
                            ((KeyedProcessOperator<?, ?, ?>) h.getOperator()).getUserFunction();
            assertThat(function.cellsHeld()).isEqualTo(1);
            // an update of an incident seen before the checkpoint is still a duplicate
            h.processElement(call("c7", T0 + 60 * MINUTE, CELL), T0);
            assertThat(h.getSideOutput(DetectorFunction.COUNTED)).isNull();
        }
    }
}
