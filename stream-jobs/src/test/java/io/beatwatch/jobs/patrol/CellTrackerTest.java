package io.beatwatch.jobs.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.patrol.DistrictBoundaries;
import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.jobs.hotspot.CellEvent;
import io.beatwatch.jobs.hotspot.Stamped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cell tracker in Flink's operator harness: districts, risk, moves, cleanup. */
class CellTrackerTest {

    static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    static final long MINUTE = 60_000L;
    static final String CELL = H3Grid.defaultGrid().cellOf(29.42, -98.49);
    static final PatrolConfig POLICY =
            PatrolConfig.defaults(ZoneId.of("America/Chicago"))
                    .withTypes(
                            PatrolConfig.DEFAULT_ENFORCEMENT_TYPES,
                            PatrolConfig.DEFAULT_IGNORED_TYPES);

    private KeyedOneInputStreamOperatorTestHarness<String, Stamped, PatrolInput> harness;
    private int n;

    void open(PatrolJobConfig config) throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new CellTracker(config)),
                        s -> s.event.cell,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    void call(String district, String type, boolean officer, long minute) throws Exception {
        var e =
                new CellEvent(
                        "c" + n++,
                        T0.toEpochMilli() + minute * MINUTE,
                        CELL,
                        district,
                        type,
                        officer,
                        false,
                        29.42,
                        -98.49);
        e.beat = district == null ? null : district.charAt(0) + "100";
        harness.processElement(new Stamped(e), e.timeMillis);
    }

    List<PatrolInput> out() {
        return harness.extractOutputValues();
    }

    @Test
    void riskCallsUpdateTheCellsDistrictWithItsBeatAndNeighbourhood() throws Exception {
        open(PatrolJobConfig.of(POLICY));
        call("NORTH", "Burglary", false, 0);
        call("NORTH", "Theft", false, 10);

        assertThat(out()).hasSize(2).allMatch(i -> i.kind == PatrolInput.Kind.RISK);
        PatrolInput last = out().get(1);
        assertThat(last.district).isEqualTo("NORTH");
        assertThat(last.beat).isEqualTo("N100");
        assertThat(last.neighbourhood).isEqualTo(H3Grid.parent(CELL, 7));
        // the first call decayed over 10 minutes (half-life 14 days) plus one
        assertThat(last.risk).isBetween(1.99, 2.0);
    }

    @Test
    void enforcementProneOfficerInitiatedIgnoredTypesAndTipsAreNotRisk() throws Exception {
        open(PatrolJobConfig.of(POLICY));
        call("NORTH", "Patrol By", false, 0);
        call("NORTH", "Burglary", true, 1);
        call("NORTH", "Minor Accident", false, 2);
        var tip = new CellEvent("t1", T0.toEpochMilli(), CELL, null, "drugs", false, true, 0, 0);
        harness.processElement(new Stamped(tip), tip.timeMillis);

        assertThat(out()).isEmpty();
    }

    @Test
    void aCellMovesToTheDistrictMostOfItsCallsCarry() throws Exception {
        open(PatrolJobConfig.of(POLICY));
        call("NORTH", "Burglary", false, 0);
        call("EAST", "Burglary", false, 1);
        call("EAST", "Burglary", false, 2);

        List<PatrolInput> o = out();
        assertThat(o)
                .extracting(i -> i.kind + ":" + i.district)
                .containsExactly("RISK:NORTH", "RISK:NORTH", "REMOVE:NORTH", "RISK:EAST");
    }

    @Test
    void boundariesWinOverTheCallsLabels() throws Exception {
        var square =
                DistrictBoundaries.parse(
                        """
                        {"type":"FeatureCollection","features":[{"type":"Feature",
                         "properties":{"district":"ZONE A"},
                         "geometry":{"type":"Polygon","coordinates":[[[-99,29],[-98,29],[-98,30],[-99,30],[-99,29]]]}}]}
                        """,
                        null);
        open(PatrolJobConfig.of(POLICY).withBoundaries(square));
        call("NORTH", "Burglary", false, 0);

        assertThat(out().get(0).district).isEqualTo("ZONE A");
    }

    @Test
    void aQuietCellIsForgottenHereAndAtItsDistrict() throws Exception {
        var config = PatrolJobConfig.of(POLICY);
        open(config);
        call("NORTH", "Burglary", false, 0);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(T0.toEpochMilli() + config.forgetAfterMillis() + MINUTE);

        assertThat(out().get(out().size() - 1).kind).isEqualTo(PatrolInput.Kind.REMOVE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theEndOfABoundedInputClearsTheStateWithoutRemovals() throws Exception {
        open(PatrolJobConfig.of(POLICY));
        call("NORTH", "Burglary", false, 0);
        int before = out().size();

        harness.processWatermark(Long.MAX_VALUE);

        assertThat(out()).hasSize(before);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anInputIsNeverBehindTheWatermark() throws Exception {
        open(PatrolJobConfig.of(POLICY));
        harness.processWatermark(T0.toEpochMilli() + 30 * MINUTE);
        call("NORTH", "Burglary", false, 0);

        assertThat(out().get(0).time).isEqualTo(T0.toEpochMilli() + 30 * MINUTE + 1);
        assertThat(out().get(0).riskAt).isEqualTo(T0.toEpochMilli());
    }
}
