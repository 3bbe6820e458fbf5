package io.beatwatch.jobs.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.jobs.hotspot.CellEvent;
import io.beatwatch.jobs.hotspot.Stamped;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feed clock: one tick per round period to every district heard from recently. */
class FeedClockTest {

    static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    static final long MINUTE = 60_000L;

    private KeyedOneInputStreamOperatorTestHarness<Integer, Stamped, PatrolInput> harness;

    @BeforeEach
    void open() throws Exception {
        var config = PatrolJobConfig.of(PatrolConfig.defaults(ZoneId.of("America/Chicago")));
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new FeedClock(config)), s -> 0, Types.INT);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    void call(String district, long minute) throws Exception {
        var e =
                new CellEvent(
                        "c" + minute + district,
                        T0.toEpochMilli() + minute * MINUTE,
                        "89489c12b23ffff",
                        district,
                        "Theft",
                        false,
                        false,
                        29.4,
                        -98.6);
        harness.processElement(new Stamped(e), e.timeMillis);
    }

    @Test
    void ticksEveryDistrictOncePerRoundPeriod() throws Exception {
        call("NORTH", 0);
        call("EAST", 1);
        call("NORTH", 14);
        call("EAST", 16);

        assertThat(harness.extractOutputValues())
                .extracting(
                        i ->
                                i.kind
                                        + ":"
                                        + i.district
                                        + "@"
                                        + (i.time - T0.toEpochMilli()) / MINUTE)
                .containsExactlyInAnyOrder(
                        "TICK:NORTH@0", "TICK:EAST@1", "TICK:EAST@16", "TICK:NORTH@16");
    }

    @Test
    void aDistrictFirstHeardMidPeriodIsTickedOnceAtOnce() throws Exception {
        call("NORTH", 0);
        call("SOLO", 0);
        call("SOLO", 5);
        call("NORTH", 7);

        assertThat(harness.extractOutputValues())
                .extracting(i -> i.district + "@" + (i.time - T0.toEpochMilli()) / MINUTE)
                .containsExactly("NORTH@0", "SOLO@0");
    }

    @Test
    void districtsSilentForQuietAfterGetNoMoreTicks() throws Exception {
        call("NORTH", 0);
        call("EAST", 13 * 60);

        assertThat(harness.extractOutputValues())
                .extracting(i -> i.district)
                .containsExactly("NORTH", "EAST");
    }
}
