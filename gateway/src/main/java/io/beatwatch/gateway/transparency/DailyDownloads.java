package io.beatwatch.gateway.transparency;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.view.GeoJson;
import io.beatwatch.gateway.view.Hexes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;

/**
 * Renders {@link DailyFigures} and {@link DistrictTrends} as the public page's JSON and its
 * downloads (cells CSV, districts CSV, cells GeoJSON, data dictionary). Everything here comes from
 * the published figures only: nothing the aggregator suppressed can reach a download.
 */
public final class DailyDownloads {

    /** Version of the page JSON and the downloads' layout. */
    public static final int VERSION = 1;

    /** The CSV header of the cells download. */
    public static final String CELLS_HEADER = "date,cell,district,lat,lon,incidents";

    /** The CSV header of the districts download. */
    public static final String DISTRICTS_HEADER = "date,district,incidents";

    private DailyDownloads() {}

    /** Renders everything from one state of the figures. */
    public static PublicPageSnapshot render(
            DailyFigures f,
            DistrictTrends.Result trends,
            GatewayConfig.PublicFeed feed,
            GatewayConfig.PublicPage page) {
        int cellDays = f.days().stream().mapToInt(d -> d.cells().size()).sum();
        return new PublicPageSnapshot(
                cellDays,
                pageJson(f, trends, feed, page),
                cellsCsv(f),
                districtsCsv(f),
                cellsGeoJson(f, feed, page),
                dictionary(f, feed, page));
    }

    /** An empty state, served until the first build. */
    public static PublicPageSnapshot empty(
            Instant now, GatewayConfig.PublicFeed feed, GatewayConfig.PublicPage page) {
        var f =
                new DailyFigures(
                        now,
                        null,
                        null,
                        java.time.ZoneOffset.UTC,
                        new java.util.TreeMap<>(),
                        java.util.List.of());
        return render(f, new DistrictTrends.Result(null, java.util.List.of()), feed, page);
    }

    private static void metadata(
            ObjectNode meta,
            DailyFigures f,
            GatewayConfig.PublicFeed feed,
            GatewayConfig.PublicPage page) {
        meta.put("generatedAt", f.generatedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        if (f.from() != null) {
            meta.put("from", f.from().toString());
            meta.put("to", f.to().toString());
            meta.put("zone", f.zone().getId());
        } else {
            meta.put("status", "starting");
        }
        meta.put("delayMinutes", feed.delay().toMinutes());
        meta.put("resolution", feed.resolution());
        meta.put("minCount", feed.minCount());
        meta.put("officerInitiatedIncluded", feed.includeOfficerInitiated());
        meta.put("publisher", page.publisher());
        var licence = meta.putObject("licence");
        licence.put("name", page.licenceName());
        licence.put("url", page.licenceUrl());
    }

    static String pageJson(
            DailyFigures f,
            DistrictTrends.Result trends,
            GatewayConfig.PublicFeed feed,
            GatewayConfig.PublicPage page) {
        var root = Json.object();
        root.put("v", VERSION);
        metadata(root.putObject("metadata"), f, feed, page);
        var cells = root.putObject("cells");
        f.cells()
                .forEach(
                        (cell, district) -> {
                            var c = cells.putObject(cell);
                            c.put("district", district);
                            var centre = Hexes.center(cell);
                            c.put("lat", round(centre.lat));
                            c.put("lon", round(centre.lng));
                            var ring = c.putArray("ring");
                            for (var v : Hexes.boundary(cell)) {
                                ring.addArray().add(round(v.lng)).add(round(v.lat));
                            }
                        });
        var days = root.putArray("days");
        for (var d : f.days()) {
            var day = days.addObject();
            day.put("date", d.date().toString());
            var dc = day.putObject("cells");
            d.cells().forEach(dc::put);
            var dd = day.putObject("districts");
            d.districts().forEach(dd::put);
        }
        var t = root.putObject("trends");
        var w = trends.windows();
        if (w != null) {
            var win = t.putObject("windows");
            win.put("recentFrom", w.recentFrom().toString());
            win.put("recentTo", w.recentTo().toString());
            win.put("recentDays", w.recentDays());
            win.put("baselineFrom", w.baselineFrom().toString());
            win.put("baselineTo", w.baselineTo().toString());
            win.put("baselineDays", w.baselineDays());
        }
        var list = t.putArray("districts");
        for (var d : trends.districts()) {
            var o = list.addObject();
            o.put("district", d.district());
            o.put("recent", d.recent());
            o.put("baseline", d.baseline());
            o.put("expected", Math.round(d.expected() * 10) / 10.0);
            if (d.ratio() != null) {
                o.put("ratio", Math.round(d.ratio() * 1000) / 1000.0);
                o.put("low", Math.round(d.low() * 1000) / 1000.0);
                o.put("high", Math.round(d.high() * 1000) / 1000.0);
            }
            o.put("verdict", d.verdict());
        }
        return Json.write(root);
    }

    static String cellsCsv(DailyFigures f) {
        var sb = new StringBuilder(CELLS_HEADER).append('\n');
        for (var d : f.days()) {
            d.cells()
                    .forEach(
                            (cell, n) -> {
                                var c = Hexes.center(cell);
                                sb.append(d.date())
                                        .append(',')
                                        .append(cell)
                                        .append(',')
                                        .append(csv(f.cells().get(cell)))
                                        .append(',')
                                        .append(round(c.lat))
                                        .append(',')
                                        .append(round(c.lng))
                                        .append(',')
                                        .append(n)
                                        .append('\n');
                            });
        }
        return sb.toString();
    }

    static String districtsCsv(DailyFigures f) {
        var sb = new StringBuilder(DISTRICTS_HEADER).append('\n');
        for (var d : f.days()) {
            d.districts()
                    .forEach(
                            (district, n) ->
                                    sb.append(d.date())
                                            .append(',')
                                            .append(csv(district))
                                            .append(',')
                                            .append(n)
                                            .append('\n'));
        }
        return sb.toString();
    }

    static String cellsGeoJson(
            DailyFigures f, GatewayConfig.PublicFeed feed, GatewayConfig.PublicPage page) {
        var features = new ArrayList<ObjectNode>();
        for (var d : f.days()) {
            d.cells()
                    .forEach(
                            (cell, n) -> {
                                var p = Json.object();
                                p.put("date", d.date().toString());
                                p.put("cell", cell);
                                p.put("district", f.cells().get(cell));
                                p.put("incidents", n);
                                var feature = GeoJson.hexFeature(cell, p);
                                feature.put("id", d.date() + "/" + cell);
                                features.add(feature);
                            });
        }
        var fc = GeoJson.collection(features);
        metadata(fc.putObject("metadata"), f, feed, page);
        return Json.write(fc);
    }

    static String dictionary(
            DailyFigures f, GatewayConfig.PublicFeed feed, GatewayConfig.PublicPage page) {
        int k = feed.minCount();
        return String.join(
                "\n",
                "Beatwatch public data: daily incidents by hexagon and by district",
                "Publisher: " + page.publisher(),
                "Licence: " + page.licenceName() + " (" + page.licenceUrl() + ")",
                "Period: "
                        + (f.from() == null ? "none yet" : f.from() + " to " + f.to())
                        + (f.zone() == null ? "" : ", local days in " + f.zone().getId()),
                "",
                "What is counted: distinct calls for service received on the day (an incident"
                        + " updated later counts once, on the day it was received).",
                "What is hidden: calls whose type was ever sensitive (sexual assault, domestic"
                        + " violence, juvenile, mental health / welfare and similar)"
                        + (feed.includeOfficerInitiated() ? "" : ", officer-initiated events")
                        + ", tips, addresses, times and call types; a day is published only once"
                        + " it ended at least "
                        + feed.delay().toMinutes()
                        + " minutes ago; a hexagon-day with fewer than "
                        + k
                        + " incidents is left out; a district-day is reduced to the sum of its"
                        + " published hexagons where the full figure would reveal the hidden"
                        + " ones.",
                "",
                "daily-cells.csv (and daily-cells.geojson, one Feature per row, same fields):",
                "  date       local date, YYYY-MM-DD",
                "  cell       H3 cell index, resolution "
                        + feed.resolution()
                        + " (about 0.7 km2 at resolution 8)",
                "  district   the district most of the cell's incidents belong to",
                "  lat, lon   the cell's centre (WGS84, 5 decimals)",
                "  incidents  distinct incidents that day, always " + k + " or more",
                "",
                "daily-districts.csv:",
                "  date       local date, YYYY-MM-DD",
                "  district   district name",
                "  incidents  incidents in the district's hexagons that day (see above)",
                "",
                "Rows missing from a file mean zero or a suppressed figure: the two are not told"
                        + " apart, on purpose.",
                "");
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    static double round(double deg) {
        return Math.round(deg * 1e5) / 1e5;
    }
}
