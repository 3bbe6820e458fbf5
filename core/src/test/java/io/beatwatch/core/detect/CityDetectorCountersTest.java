package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What {@link CityDetector} counts besides alerts: duplicates, officer calls, late calls. */
class CityDetectorCountersTest {

    static final H3Grid GRID = H3Grid.defaultGrid();
    static final Instant T0 = Instant.parse("2026-11-02T12:00:00Z");

    static CallForService call(String id, Instant at, boolean officer) {
        return new CallForService(
                CallForService.VERSION,
                id,
                at,
                "DISTURBANCE",
                "DISTURBANCE",
                null,
                "disorder",
                null,
                officer,
                null,
                null,
                null,
                29.4241,
                -98.4936,
                null,
                "test");
    }

    @Test
    void countsDuplicatesOfficerAndTooLateCallsApart() {
        var d = new CityDetector(DetectionConfig.defaults(), GRID, cell -> "NORTH");
        assertThat(d.detector().config()).isEqualTo(DetectionConfig.defaults());
        d.accept(call("a", T0, false));
        d.accept(call("a", T0.plusSeconds(60), false)); // an update of the same incident
        d.accept(call("o", T0.plusSeconds(120), true));
        d.accept(call("late", T0.minus(Duration.ofHours(4)), false)); // behind the 180 min window
        assertThat(d.duplicates()).isEqualTo(1);
        assertThat(d.officerExcluded()).isEqualTo(1);
        assertThat(d.tooLate()).isEqualTo(1);
        assertThat(d.openAlerts()).isEmpty();
        assertThat(d.advanceTo(T0.plusSeconds(600).toEpochMilli())).isEmpty();
        // the next day the first day's call is baseline: its cell is active
        d.accept(call("b", T0.plus(Duration.ofDays(1)), false));
        assertThat(d.activeCells()).isEqualTo(1);
    }
}
