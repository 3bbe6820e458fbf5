package io.beatwatch.core.backtest;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.LatLon;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;

/** Fixtures for hand-made event tables: cells around a home cell, local days and minutes. */
final class Tables {

    static final ZoneId ZONE = ZoneId.of("America/Chicago");
    static final H3Grid GRID = H3Grid.defaultGrid();
    static final String HOME = GRID.cellOf(29.42, -98.49);
    static final LocalDate DAY0 = LocalDate.of(2024, 1, 1);

    private Tables() {}

    /** The home cell's disk of radius 5 (91 cells), home first. */
    static List<String> cells() {
        return H3Grid.ring(HOME, 5);
    }

    static long at(int day, int minute) {
        return DAY0.plusDays(day).atStartOfDay(ZONE).plusMinutes(minute).toInstant().toEpochMilli();
    }

    static int epochDay(int day) {
        return (int) DAY0.plusDays(day).toEpochDay();
    }

    /** Complete days 0..n-1. */
    static CompleteDays days(int n) {
        return new CompleteDays(IntStream.range(0, n).map(Tables::epochDay).toArray(), "test");
    }

    static EventTable.Builder builder() {
        return EventTable.builder(ZONE, false, GRID);
    }

    /** A call at the centre of a cell. */
    static void call(
            EventTable.Builder b, String id, int day, int minute, String cell, String district) {
        LatLon p = H3Grid.centroid(cell);
        b.add(id, at(day, minute), p.lat(), p.lon(), district, "Disturbance", false);
    }
}
