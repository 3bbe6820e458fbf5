package io.beatwatch.gateway.transparency;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SortedMap;

/**
 * The published daily figures of the public page: for each local day from {@code from} to {@code
 * to}, the incidents per cell (only cell-days at or above k) and per district (see {@link
 * DailyAggregator}); {@code cells} maps every cell published on some day to its home district.
 */
public record DailyFigures(
        Instant generatedAt,
        LocalDate from,
        LocalDate to,
        ZoneId zone,
        SortedMap<String, String> cells,
        List<Day> days) {

    /** One local day: published counts per cell and per district. */
    public record Day(
            LocalDate date,
            SortedMap<String, Integer> cells,
            SortedMap<String, Integer> districts) {}

    public DailyFigures {
        cells = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(cells));
        days = List.copyOf(days);
    }
}
