package io.beatwatch.core.backtest;

import static io.beatwatch.core.backtest.Tables.at;
import static io.beatwatch.core.backtest.Tables.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.LatLon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {

    private static final List<String> CELLS = Tables.cells();

    /** 20 days: day d has d % 5 + 1 calls at cell 0 every 2 hours from 00:30, one at cell 1. */
    private static EventTable table() {
        var b = Tables.builder();
        int n = 0;
        for (int d = 0; d < 20; d++) {
            for (int i = 0; i <= d % 5; i++) call(b, "c" + n++, d, 30 + 120 * i, CELLS.get(0), "A");
            call(b, "c" + n++, d, 23 * 60 + 30, CELLS.get(1), "B");
        }
        return b.build();
    }

    @Test
    void tableKeepsCallsOnceInTimeOrderWithTheirCellsAndLocalDays() {
        var b = Tables.builder();
        call(b, "x", 1, 600, CELLS.get(2), "A");
        call(b, "y", 0, 30, CELLS.get(3), null);
        call(b, "x", 1, 601, CELLS.get(2), "A"); // a CAD update: counted once
        EventTable t = b.build();

        assertThat(t.size()).isEqualTo(2);
        assertThat(t.counts().duplicates()).isEqualTo(1);
        assertThat(t.time(0)).isEqualTo(at(0, 30));
        assertThat(t.cellAddress(t.cell(0))).isEqualTo(CELLS.get(3));
        assertThat(t.district(0)).isEqualTo(-1);
        assertThat(t.day(1)).isEqualTo(Tables.epochDay(1));
        assertThat(t.minuteOfDay(1)).isEqualTo(600);
        assertThat(t.cellCount()).isEqualTo(2);
        assertThat(t.firstAtOrAfter(at(0, 31))).isEqualTo(1);
    }

    @Test
    void genericRuleNeedsTheWholeDayCovered() {
        var b = Tables.builder();
        call(b, "a", 0, 10, CELLS.get(0), null); // 00:10 .. 23:30: complete
        call(b, "b", 0, 23 * 60 + 30, CELLS.get(0), null);
        call(b, "c", 1, 90, CELLS.get(0), null); // starts 01:30: partial
        call(b, "d", 1, 23 * 60 + 30, CELLS.get(0), null);
        call(b, "e", 2, 10, CELLS.get(0), null); // ends 22:00: partial
        call(b, "f", 2, 22 * 60, CELLS.get(0), null);
        CompleteDays c = CompleteDays.generic(b.build());
        assertThat(c.days()).containsExactly(Tables.epochDay(0));
        assertThat(c.rule()).contains("01:00").contains("23:00");
    }

    @Test
    void dateOnlyRuleNeedsHalfTheMedianCount() {
        var b = EventTable.builder(Tables.ZONE, true, Tables.GRID);
        int[] perDay = {10, 12, 4, 11};
        int n = 0;
        for (int d = 0; d < perDay.length; d++) {
            for (int i = 0; i < perDay[d]; i++) {
                LatLon p = H3Grid.centroid(CELLS.get(0));
                b.add("d" + n++, at(d, 0), p.lat(), p.lon(), null, "T", false);
            }
        }
        EventTable t = b.build();
        CompleteDays c = CompleteDays.generic(t);
        assertThatThrownBy(
                        () ->
                                new Timeline(t, c, Timeline.EventSet.ALL)
                                        .periods(Horizon.SHIFT, 1, null, null))
                .hasMessageContaining("dates only");
        // median 10.5: day 2 (4 calls) is below half of it
        assertThat(c.days())
                .containsExactly(Tables.epochDay(0), Tables.epochDay(1), Tables.epochDay(3));
    }

    @Test
    void coverageFileMarksTheCompleteDays(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("coverage_by_day.csv");
        Files.writeString(
                f,
                "date,calls,first_call,last_call,likely_complete\n"
                        + "2024-01-01,10,x,y,True\n2024-01-02,3,x,y,False\n2024-01-03,9,x,y,True\n");
        CompleteDays c = CompleteDays.fromCoverageCsv(f);
        assertThat(c.days()).containsExactly(Tables.epochDay(0), Tables.epochDay(2));
        assertThat(c.contains(Tables.epochDay(1))).isFalse();
        Files.writeString(f, "day,complete\n2024-01-01,True\n");
        assertThatThrownBy(() -> CompleteDays.fromCoverageCsv(f)).hasMessageContaining("date");
    }

    @Test
    void periodsNeedTheirPriorDaysAndCoverEachHorizon() {
        Timeline tl = new Timeline(table(), Tables.days(20), Timeline.EventSet.ALL);
        assertThat(tl.periods(Horizon.DAY, 5, null, null)).hasSize(15);
        // 15 night and 15 evening shifts; a day shift only when it has a call (d % 5 == 4)
        assertThat(tl.periods(Horizon.SHIFT, 5, null, null)).hasSize(33);
        List<Period> weeks = tl.periods(Horizon.WEEK, 5, null, null);
        // 2024-01-06 .. 01-20: the end of ISO week 1, weeks 2 and 3
        assertThat(weeks)
                .extracting(Period::label)
                .containsExactly("2024-W01", "2024-W02", "2024-W03");
        assertThat(weeks.get(1).dayIndexes()).hasSize(7);
        List<Period> ranged = tl.periods(Horizon.DAY, 5, Tables.epochDay(10), Tables.epochDay(12));
        assertThat(ranged).extracting(Period::label).containsExactly("2024-01-11", "2024-01-12");
    }

    @Test
    void trainingEventsLieBeforeThePeriodInsideTheWindow() {
        EventTable t = table();
        Timeline tl = new Timeline(t, Tables.days(20), Timeline.EventSet.ALL);
        for (Horizon h : Horizon.values()) {
            for (Period p : tl.periods(h, 5, null, null)) {
                List<Integer> seen = new ArrayList<>();
                tl.forEachTrainingEvent(p, 3, seen::add);
                long earliest = at(tl.localDay(p.firstDayIndex()) - Tables.epochDay(0) - 3, 0);
                for (int i : seen) {
                    assertThat(t.time(i))
                            .isLessThan(p.startMillis())
                            .isGreaterThanOrEqualTo(earliest);
                }
                if (h == Horizon.DAY) {
                    int k = p.firstDayIndex();
                    long expected = 0;
                    for (int j = k - 3; j < k; j++) expected += tl.to(j) - tl.from(j);
                    assertThat(seen).hasSize((int) expected);
                }
            }
        }
    }

    @Test
    void shiftsSplitTheDayAndCountTheirOwnCalls() {
        Timeline tl = new Timeline(table(), Tables.days(20), Timeline.EventSet.ALL);
        List<Period> shifts = tl.periods(Horizon.SHIFT, 5, null, null);
        Period night = shifts.get(0); // day 5: 1 call at 00:30 on cell 0
        Period evening = shifts.get(1); // day 5 has no day-shift call: the 23:30 call
        assertThat(evening.label()).isEqualTo("2024-01-06 s2 (16-24)");
        assertThat(night.shift()).isZero();
        assertThat(tl.observed(night)[0]).isEqualTo(1);
        assertThat(tl.observed(evening)[1]).isEqualTo(1);
        assertThat(tl.endOf(night)).isEqualTo(at(5, 480));
        assertThat(tl.endOf(evening)).isEqualTo(at(6, 0));
        List<Integer> sameDay = new ArrayList<>();
        tl.forEachSameDayBefore(evening, sameDay::add);
        assertThat(sameDay).hasSize(1); // day 5 (5 % 5 = 0): the 00:30 call only
    }

    @Test
    void citizenSetLeavesOfficerCallsOut() {
        var b = Tables.builder();
        LatLon p = H3Grid.centroid(CELLS.get(0));
        b.add("a", at(0, 10), p.lat(), p.lon(), null, "Patrol By", true);
        b.add("b", at(0, 20), p.lat(), p.lon(), null, "Theft", false);
        EventTable t = b.build();
        assertThat(new Timeline(t, Tables.days(1), Timeline.EventSet.ALL).eventsOnCompleteDays())
                .isEqualTo(2);
        assertThat(
                        new Timeline(t, Tables.days(1), Timeline.EventSet.CITIZEN)
                                .eventsOnCompleteDays())
                .isEqualTo(1);
    }
}
