package io.beatwatch.jobs.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The zone detector in Flink's operator harness: outputs, and state and timer cleanup. */
class ZoneDetectorTest {

    private static final Instant T0 = Instant.parse("2026-03-06T18:00:00Z");
    private static final String CELL = Scenarios.QUIET_CELL;

    /** A warm city: 10,000 calls in the baseline, 60 / 120 / 360 in the 30 / 60 / 180 windows. */
    private static final long[] CITY_WINDOWS = {60, 120, 360};

    private static final long CITY_BASELINE = 10_000;

    private KeyedOneInputStreamOperatorTestHarness<String, ZonedEvent, HotspotAlert> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ZoneDetector(Scenarios.jobConfig())),
                        z -> z.zone,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static ZonedEvent callAt(String cell, Instant t, int n) {
        var e =
                new CellEvent(
                        "call-" + n,
                        t.toEpochMilli(),
                        cell,
                        "NORTH",
                        "Burglary",
                        false,
                        false,
                        0,
                        0);
        var stamped = new Stamped(e, CITY_WINDOWS, CITY_BASELINE, new long[3], 0, 5, 3_000);
        return new ZonedEvent(cell, 0, stamped);
    }

    private List<HotspotAlert> alerts() {
        return harness.extractOutputValues();
    }

    @Test
    void opensOnAnExcessAndClosesWhenCallsStop() throws Exception {
        for (int i = 0; i < 6; i++) {
            Instant t = T0.plus(Duration.ofMinutes(3L * i));
            harness.processElement(callAt(CELL, t, i), t.toEpochMilli());
        }
        assertThat(alerts()).extracting(HotspotAlert::state).contains(AlertState.OPENED);
        HotspotAlert opened = alerts().get(0);
        assertThat(opened.cells()).containsExactly(CELL);
        assertThat(opened.district()).isEqualTo("NORTH");
        assertThat(opened.topTypes().get(0).type()).isEqualTo("Burglary");

        harness.processWatermark(T0.plus(Duration.ofHours(4)).toEpochMilli());

        assertThat(alerts().get(alerts().size() - 1).state()).isEqualTo(AlertState.CLOSED);
    }

    @Test
    void clearsStateAndTimersOfAnIdleCell() throws Exception {
        for (int i = 0; i < 6; i++) {
            Instant t = T0.plus(Duration.ofMinutes(3L * i));
            harness.processElement(callAt(CELL, t, i), t.toEpochMilli());
        }
        assertThat(harness.numKeyedStateEntries()).isPositive();
        assertThat(harness.numEventTimeTimers()).isPositive();

        // past the baseline period (7 days in the test config) and the NEW lookback
        harness.processWatermark(T0.plus(Duration.ofDays(40)).toEpochMilli());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void singleCallLeavesNoAlertAndIsForgotten() throws Exception {
        harness.processElement(callAt(CELL, T0, 1), T0.toEpochMilli());
        assertThat(alerts()).isEmpty();

        harness.processWatermark(T0.plus(Duration.ofDays(40)).toEpochMilli());

        assertThat(alerts()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
