package io.beatwatch.jobs.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The city stamper in Flink's operator harness: dedupe, repeats, city counts, cleanup. */
class CityStamperTest {

    private static final Instant T0 = Instant.parse("2026-03-06T18:00:00Z");
    private static final String CELL = Scenarios.QUIET_CELL;

    private KeyedOneInputStreamOperatorTestHarness<Integer, CellEvent, Stamped> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new CityStamper(Scenarios.jobConfig())),
                        e -> 0,
                        Types.INT);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void call(String id, Instant t, String type) throws Exception {
        harness.processElement(
                new CellEvent(id, t.toEpochMilli(), CELL, "NORTH", type, false, false, 0, 0),
                t.toEpochMilli());
    }

    private List<Stamped> out() {
        return harness.extractOutputValues();
    }

    @Test
    void countsAnIncidentOnceAcrossCadUpdates() throws Exception {
        call("a", T0, "Burglary");
        call("a", T0.plus(Duration.ofMinutes(4)), "Burglary");

        assertThat(out()).hasSize(1);
        assertThat(out().get(0).cityCfsWindows[0]).isEqualTo(1);
    }

    @Test
    void marksRepeatCallsOfOneTypeAtOneCellWithinTheWindow() throws Exception {
        call("a", T0, "Shooting");
        call("b", T0.plus(Duration.ofMinutes(2)), "Shooting");
        call("c", T0.plus(Duration.ofMinutes(5)), "Disturbance");
        call("d", T0.plus(Duration.ofMinutes(20)), "Shooting");

        assertThat(out())
                .extracting(s -> s.event.repeat)
                .containsExactly(false, true, false, false);
        // repeats stay out of the city's signal counts too
        assertThat(out().get(3).cityCfsWindows[0]).isEqualTo(3);
    }

    @Test
    void forgetsIdsAndCellsWhenTheirTimeHasPassed() throws Exception {
        call("a", T0, "Burglary");
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(T0.plus(Duration.ofDays(60)).toEpochMilli());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
