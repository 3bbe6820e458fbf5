package io.beatwatch.load.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.synth.SyntheticCityConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    static final long T0 = Instant.parse("2026-12-07T12:00:00Z").toEpochMilli();
    static final SyntheticCityConfig CITY = SyntheticCityConfig.defaults();

    static Schedule schedule(double rate) {
        List<String> cells =
                Schedule.freshCells(CITY, 10, Map.of(), Instant.ofEpochMilli(T0), 3.5, 1.0, 7);
        return new Schedule(T0, rate, 12, 200, 5, cells, CITY, 7);
    }

    @Test
    void slotsAreDueAtTheFixedRate() {
        var s = schedule(250);
        assertThat(s.dueMillis(0)).isEqualTo(T0);
        assertThat(s.dueMillis(250)).isEqualTo(T0 + 1000);
        assertThat(s.dueNanos(1)).isEqualTo(4_000_000);
        assertThat(s.slotAt(T0 + 1000)).isEqualTo(250);
    }

    @Test
    void everyClusterHasItsCallsInItsOwnCellSpacedApart() {
        for (double rate : List.of(14.0, 250.0, 2500.0)) {
            var s = schedule(rate);
            for (Schedule.Cluster c : s.clusters()) {
                for (int j = 0; j < 12; j++) {
                    long slot = s.slotOf(c, j);
                    assertThat(s.clusterOf(slot)).isEqualTo(c);
                    assertThat(s.callIndex(slot)).isEqualTo(j);
                    var call = s.call(slot);
                    assertThat(call.officerInitiated()).isFalse();
                    assertThat(new H3Grid(CITY.resolution()).cellOf(call.lat(), call.lon()))
                            .isEqualTo(c.cell());
                }
                assertThat(s.slotOf(c, 11)).isLessThan((c.index() + 1) * s.everySlots());
            }
        }
    }

    @Test
    void otherSlotsAreOfficerInitiatedBackground() {
        var s = schedule(2500);
        long clusterCalls = 0;
        for (long slot = 0; slot < s.everySlots() * 3; slot++) {
            var call = s.call(slot);
            if (s.clusterOf(slot) == null) {
                assertThat(call.officerInitiated()).isTrue();
                String cell = new H3Grid(CITY.resolution()).cellOf(call.lat(), call.lon());
                for (Schedule.Cluster c : s.clusters()) {
                    assertThat(H3Grid.ring(c.cell(), 1)).doesNotContain(cell);
                }
            } else {
                clusterCalls++;
            }
        }
        assertThat(clusterCalls).isEqualTo(36);
    }

    @Test
    void freshCellsAreDistinctAndSpreadOverDistricts() {
        List<String> cells =
                Schedule.freshCells(CITY, 20, Map.of(), Instant.ofEpochMilli(T0), 3.5, 1.0, 7);
        assertThat(cells).hasSize(20).doesNotHaveDuplicates();
        var s = new Schedule(T0, 14, 12, 200, 5, cells, CITY, 7);
        assertThat(s.clusters().stream().map(Schedule.Cluster::district).distinct()).hasSize(5);
    }
}
