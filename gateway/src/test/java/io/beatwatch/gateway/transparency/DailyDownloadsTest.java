package io.beatwatch.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The public page's JSON and downloads, rendered from figures built by hand. */
class DailyDownloadsTest {

    /**
     * A resolution-9 cell: centre (29.4127873588, -98.4646123244), vertex 0 (29.4109755110,
     * -98.4637582346).
     */
    static final String CELL = "89489c1ac03ffff";

    static final Instant GENERATED = Instant.parse("2026-11-21T13:45:12.345Z");
    static final LocalDate D1 = LocalDate.parse("2026-11-19");
    static final LocalDate D2 = LocalDate.parse("2026-11-20");
    static final ZoneId ZONE = ZoneId.of("America/Chicago");
    static final GatewayConfig.PublicFeed FEED = GatewayConfig.PublicFeed.defaults();
    static final GatewayConfig.PublicPage PAGE = GatewayConfig.PublicPage.defaults();

    static <V> TreeMap<String, V> map(String k, V v) {
        var m = new TreeMap<String, V>();
        m.put(k, v);
        return m;
    }

    static DailyFigures figures() {
        var districts1 = map("NORTH", 7);
        districts1.put("A,\"B\"", 3);
        return new DailyFigures(
                GENERATED,
                D1,
                D2,
                ZONE,
                map(CELL, "NORTH"),
                List.of(
                        new DailyFigures.Day(D1, map(CELL, 7), districts1),
                        new DailyFigures.Day(D2, new TreeMap<>(), map("NORTH", 2))));
    }

    static DistrictTrends.Result trends() {
        return new DistrictTrends.Result(
                new DistrictTrends.Windows(D2, D2, 1, D1, D1, 1),
                List.of(
                        new DistrictTrends.Trend(
                                "NORTH",
                                2,
                                7,
                                7.04,
                                0.2857142,
                                0.0712345,
                                1.1459999,
                                DistrictTrends.NO_CLEAR_CHANGE),
                        new DistrictTrends.Trend(
                                "SOUTH", 1, 0, 0, null, null, null, DistrictTrends.TOO_FEW)));
    }

    @Test
    void thePageJsonCarriesTheMetadataTheCellsTheDaysAndTheTrends() throws Exception {
        JsonNode root = Json.tree(DailyDownloads.pageJson(figures(), trends(), FEED, PAGE));
        assertThat(root.path("v").asInt()).isEqualTo(DailyDownloads.VERSION);

        var meta = root.path("metadata");
        assertThat(meta.path("generatedAt").asText()).isEqualTo("2026-11-21T13:45:12Z");
        assertThat(meta.path("from").asText()).isEqualTo("2026-11-19");
        assertThat(meta.path("to").asText()).isEqualTo("2026-11-20");
        assertThat(meta.path("zone").asText()).isEqualTo("America/Chicago");
        assertThat(meta.has("status")).isFalse();
        assertThat(meta.path("delayMinutes").asLong()).isEqualTo(60);
        assertThat(meta.path("resolution").asInt()).isEqualTo(8);
        assertThat(meta.path("minCount").asInt()).isEqualTo(5);
        assertThat(meta.path("officerInitiatedIncluded").asBoolean(true)).isFalse();
        assertThat(meta.path("publisher").asText()).isEqualTo("Beatwatch demo agency");
        assertThat(meta.path("licence").path("name").asText()).isEqualTo("CC BY 4.0");
        assertThat(meta.path("licence").path("url").asText()).isEqualTo(PAGE.licenceUrl());

        var cell = root.path("cells").path(CELL);
        assertThat(cell.path("district").asText()).isEqualTo("NORTH");
        assertThat(cell.path("lat").asDouble()).isEqualTo(29.41279);
        assertThat(cell.path("lon").asDouble()).isEqualTo(-98.46461);
        assertThat(cell.path("ring")).hasSize(6);
        assertThat(cell.path("ring").get(0).get(0).asDouble()).isEqualTo(-98.46376);
        assertThat(cell.path("ring").get(0).get(1).asDouble()).isEqualTo(29.41098);

        var days = root.path("days");
        assertThat(days).hasSize(2);
        assertThat(days.get(0).path("date").asText()).isEqualTo("2026-11-19");
        assertThat(days.get(0).path("cells").path(CELL).asInt()).isEqualTo(7);
        assertThat(days.get(0).path("districts").path("NORTH").asInt()).isEqualTo(7);
        assertThat(days.get(1).path("districts").path("NORTH").asInt()).isEqualTo(2);
        assertThat(days.get(1).path("cells").size()).isZero();

        var w = root.path("trends").path("windows");
        assertThat(w.path("recentFrom").asText()).isEqualTo("2026-11-20");
        assertThat(w.path("recentTo").asText()).isEqualTo("2026-11-20");
        assertThat(w.path("recentDays").asInt()).isEqualTo(1);
        assertThat(w.path("baselineFrom").asText()).isEqualTo("2026-11-19");
        assertThat(w.path("baselineTo").asText()).isEqualTo("2026-11-19");
        assertThat(w.path("baselineDays").asInt()).isEqualTo(1);

        var north = root.path("trends").path("districts").get(0);
        assertThat(north.path("district").asText()).isEqualTo("NORTH");
        assertThat(north.path("recent").asInt()).isEqualTo(2);
        assertThat(north.path("baseline").asInt()).isEqualTo(7);
        assertThat(north.path("expected").asDouble()).isEqualTo(7.0);
        assertThat(north.path("ratio").asDouble()).isEqualTo(0.286);
        assertThat(north.path("low").asDouble()).isEqualTo(0.071);
        assertThat(north.path("high").asDouble()).isEqualTo(1.146);
        assertThat(north.path("verdict").asText()).isEqualTo("unclear");
        var south = root.path("trends").path("districts").get(1);
        assertThat(south.has("ratio")).isFalse();
        assertThat(south.has("low")).isFalse();
        assertThat(south.path("verdict").asText()).isEqualTo("too_few");
    }

    @Test
    void theCsvDownloadsHaveOneRowPerPublishedFigureAndQuoteTheirText() {
        assertThat(DailyDownloads.cellsCsv(figures()).lines())
                .containsExactly(
                        DailyDownloads.CELLS_HEADER,
                        "2026-11-19," + CELL + ",NORTH,29.41279,-98.46461,7");
        assertThat(DailyDownloads.districtsCsv(figures()).lines())
                .containsExactly(
                        DailyDownloads.DISTRICTS_HEADER,
                        "2026-11-19,\"A,\"\"B\"\"\",3",
                        "2026-11-19,NORTH,7",
                        "2026-11-20,NORTH,2");
    }

    @Test
    void aDistrictNameWithALineBreakIsQuotedAndAnUnknownOneIsEmpty() {
        var f =
                new DailyFigures(
                        GENERATED,
                        D1,
                        D1,
                        ZONE,
                        new TreeMap<>(),
                        List.of(new DailyFigures.Day(D1, map(CELL, 5), map("TWO\nLINES", 5))));
        assertThat(DailyDownloads.districtsCsv(f))
                .isEqualTo(DailyDownloads.DISTRICTS_HEADER + "\n2026-11-19,\"TWO\nLINES\",5\n");
        assertThat(DailyDownloads.cellsCsv(f))
                .isEqualTo(
                        DailyDownloads.CELLS_HEADER
                                + "\n2026-11-19,"
                                + CELL
                                + ",,29.41279,-98.46461,5\n");
    }

    @Test
    void theGeoJsonHasOneFeaturePerCellDayAndTheMetadata() throws Exception {
        var fc = Json.tree(DailyDownloads.cellsGeoJson(figures(), FEED, PAGE));
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.path("features")).hasSize(1);
        var f = fc.path("features").get(0);
        assertThat(f.path("id").asText()).isEqualTo("2026-11-19/" + CELL);
        assertThat(f.path("properties").path("date").asText()).isEqualTo("2026-11-19");
        assertThat(f.path("properties").path("cell").asText()).isEqualTo(CELL);
        assertThat(f.path("properties").path("district").asText()).isEqualTo("NORTH");
        assertThat(f.path("properties").path("incidents").asInt()).isEqualTo(7);
        assertThat(f.path("geometry").path("coordinates").get(0)).hasSize(7);
        assertThat(fc.path("metadata").path("from").asText()).isEqualTo("2026-11-19");
        assertThat(fc.path("metadata").path("minCount").asInt()).isEqualTo(5);
    }

    @Test
    void theDictionaryStatesTheRulesOfThisConfiguration() {
        var text = DailyDownloads.dictionary(figures(), FEED, PAGE);
        assertThat(text)
                .contains("Publisher: Beatwatch demo agency")
                .contains("Licence: CC BY 4.0 (" + PAGE.licenceUrl() + ")")
                .contains("Period: 2026-11-19 to 2026-11-20, local days in America/Chicago")
                .contains(", officer-initiated events, tips")
                .contains("at least 60 minutes ago")
                .contains("fewer than 5 incidents")
                .contains("resolution 8 (")
                .contains("always 5 or more")
                .endsWith("on purpose.\n");
        var withOfficer =
                new GatewayConfig.PublicFeed(
                        FEED.delay(),
                        FEED.period(),
                        3,
                        7,
                        true,
                        FEED.refreshInterval(),
                        null,
                        null,
                        FEED.patrolDays(),
                        FEED.patrolRoundMinutes());
        assertThat(DailyDownloads.dictionary(figures(), withOfficer, PAGE))
                .doesNotContain("officer-initiated")
                .contains("similar), tips")
                .contains("fewer than 3 incidents")
                .contains("resolution 7 (");
    }

    @Test
    void beforeTheFirstBuildEverythingIsEmptyAndSaysSo() throws Exception {
        var snap = DailyDownloads.empty(GENERATED, FEED, PAGE);
        assertThat(snap.cellDays()).isZero();
        var root = Json.tree(snap.pageJson());
        assertThat(root.path("metadata").path("status").asText()).isEqualTo("starting");
        assertThat(root.path("metadata").has("from")).isFalse();
        assertThat(root.path("trends").has("windows")).isFalse();
        assertThat(root.path("trends").path("districts")).isEmpty();
        assertThat(snap.cellsCsv()).isEqualTo(DailyDownloads.CELLS_HEADER + "\n");
        assertThat(snap.districtsCsv()).isEqualTo(DailyDownloads.DISTRICTS_HEADER + "\n");
        assertThat(Json.tree(snap.cellsGeoJson()).path("features")).isEmpty();
        assertThat(snap.dictionary()).contains("Period: none yet, local days in Z");
    }

    @Test
    void renderCountsThePublishedCellDays() {
        var snap = DailyDownloads.render(figures(), trends(), FEED, PAGE);
        assertThat(snap.cellDays()).isEqualTo(1);
        assertThat(snap.cellsCsv()).isEqualTo(DailyDownloads.cellsCsv(figures()));
        assertThat(snap.dictionary()).isEqualTo(DailyDownloads.dictionary(figures(), FEED, PAGE));
    }

    @Test
    void roundsCoordinatesToFiveDecimals() {
        assertThat(DailyDownloads.round(29.4127873588)).isEqualTo(29.41279);
        assertThat(DailyDownloads.round(-98.4646123244)).isEqualTo(-98.46461);
    }
}
