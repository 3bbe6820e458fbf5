package io.beatwatch.gateway.transparency;

/**
 * One published state of the public page's data: the page's JSON and the downloads rendered from
 * the same {@link DailyFigures} (so they always agree), and how many cell-days it publishes.
 */
public record PublicPageSnapshot(
        int cellDays,
        String pageJson,
        String cellsCsv,
        String districtsCsv,
        String cellsGeoJson,
        String dictionary) {}
