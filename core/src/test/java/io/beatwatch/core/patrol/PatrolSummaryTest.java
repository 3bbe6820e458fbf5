package io.beatwatch.core.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.PatrolSuggestion;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replay figures: per shift, concentration on the top cells, largest daily cell share. */
class PatrolSummaryTest {

    static final ZoneId ZONE = ZoneId.of("America/Chicago");

    static PatrolSuggestion at(String district, String cell, String localIso) {
        Instant t = java.time.LocalDateTime.parse(localIso).atZone(ZONE).toInstant();
        return new PatrolSuggestion(
                1,
                "p-" + cell + "-" + t.getEpochSecond(),
                district,
                cell,
                null,
                new LatLon(0, 0),
                "r",
                null,
                15,
                t,
                t.plusSeconds(900));
    }

    @Test
    void countsSuggestionsPerDistrictAndShift() {
        var s =
                new PatrolSummary(
                        List.of(
                                at("NORTH", "a", "2026-03-02T07:00"),
                                at("NORTH", "b", "2026-03-02T15:00"),
                                at("NORTH", "c", "2026-03-02T23:30"),
                                // 03:00 on the 3rd belongs to the night shift that started on the
                                // 2nd
                                at("EAST", "d", "2026-03-03T03:00"),
                                at("EAST", "e", "2026-03-03T07:00")),
                        ZONE);

        assertThat(s.count("NORTH", PatrolSummary.Shift.DAY)).isEqualTo(1);
        assertThat(s.count("NORTH", PatrolSummary.Shift.NIGHT)).isEqualTo(1);
        assertThat(s.count("EAST", PatrolSummary.Shift.NIGHT)).isEqualTo(1);
        assertThat(s.shiftsWorked(PatrolSummary.Shift.NIGHT)).isEqualTo(1);
        assertThat(s.shiftsWorked(PatrolSummary.Shift.DAY)).isEqualTo(2);
        assertThat(s.districts()).containsExactly("EAST", "NORTH");
    }

    @Test
    void concentrationAndLargestDailyShare() {
        List<PatrolSuggestion> all = new ArrayList<>();
        // one cell gets 10 of 100 visits on one day, 90 others one each
        for (int i = 0; i < 10; i++) all.add(at("NORTH", "hot", "2026-03-02T07:%02d".formatted(i)));
        for (int i = 0; i < 90; i++)
            all.add(at("NORTH", "c" + i, "2026-03-02T09:%02d".formatted(i % 60)));
        var s = new PatrolSummary(all, ZONE);

        assertThat(s.patrolledCells()).isEqualTo(91);
        // top 1% of 100 cells = 1 cell: 10 of 100 visits
        assertThat(s.shareOnTop(0.01, 100)).isEqualTo(0.10);
        assertThat(s.shareOnTop(0.02, 100)).isEqualTo(0.11);
        var m = s.maxDailyCellShare(20);
        assertThat(m.share()).isEqualTo(0.10);
        assertThat(m.cell()).isEqualTo("hot");
        assertThat(s.maxDailyCellShare(101)).isNull();
        var calls = new java.util.HashMap<String, Long>();
        for (int i = 0; i < 100; i++) calls.put("c" + i, i == 0 ? 50L : 1L);
        assertThat(PatrolSummary.callShareOnTop(calls, 0.01)).isEqualTo(50 / 149.0);
        assertThat(s.format(calls, 0.10)).contains("NORTH").contains("10.0%").contains("33.6%");
    }
}
