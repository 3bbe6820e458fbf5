package io.beatwatch.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.PublicCall;
import io.beatwatch.core.privacy.SensitiveRule;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.view.Hexes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The daily figures of the public page and every download rendered from them: nothing below k,
 * nothing of a day not yet over by the delay, no sensitive type, and no district figure that
 * reveals a suppressed cell.
 */
class DailyAggregatorTest {

    static final ZoneId ZONE = ZoneOffset.UTC;

    /** 00:30 on the 21st: the 20th ended 30 min ago, within the 60 min delay. */
    static final Instant EARLY = Instant.parse("2026-11-21T00:30:00Z");

    static final Instant NOW = Instant.parse("2026-11-21T13:45:00Z");
    static final LocalDate DAY = LocalDate.parse("2026-11-19");
    static final LocalDate YESTERDAY = LocalDate.parse("2026-11-20");
    static final double LAT = 29.4241;
    static final double LON = -98.4936;
    static final double LAT2 = 29.5100;
    static final double LON2 = -98.4000;
    static final GatewayConfig.PublicFeed FEED = GatewayConfig.PublicFeed.defaults();

    static DailyAggregator aggregator() {
        return new DailyAggregator(FEED, 14, ZONE);
    }

    /** What the job writes to the public-calls topic for this call: sensitivity decided there. */
    static PublicCall call(
            String id,
            Instant at,
            String type,
            String typeFinal,
            boolean officer,
            String district,
            double lat,
            double lon) {
        var c =
                new CallForService(
                        CallForService.VERSION,
                        id,
                        at,
                        type,
                        type,
                        typeFinal,
                        "disorder",
                        null,
                        officer,
                        null,
                        district,
                        null,
                        lat,
                        lon,
                        "100 BLOCK OF SECRET ST",
                        "test");
        return PublicCall.of(c, SensitiveRule.defaults().isSensitive(c));
    }

    static Instant noonOf(LocalDate d) {
        return d.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    static void calls(DailyAggregator agg, String prefix, int n, LocalDate day, double lat) {
        for (int i = 0; i < n; i++) {
            agg.accept(
                    call(
                            prefix + i,
                            noonOf(day).plusSeconds(i),
                            "DISTURBANCE",
                            null,
                            false,
                            "NORTH",
                            lat,
                            LON));
        }
    }

    /** Moves the feed clock to {@code t} with a call far away from the cells under test. */
    static void clockAt(DailyAggregator agg, Instant t) {
        agg.accept(call("clock-" + t, t, "DISTURBANCE", null, false, "FAR", -33.9, 151.2));
    }

    static String cell(double lat, double lon) {
        return Hexes.cellAt(lat, lon, FEED.resolution());
    }

    @Test
    void publishesCompleteDaysAtOrAboveK() {
        var agg = aggregator();
        calls(agg, "a", 5, DAY, LAT);
        calls(agg, "b", 4, DAY, LAT2);
        clockAt(agg, NOW);
        var f = agg.build(NOW);
        assertThat(f.to()).isEqualTo(YESTERDAY);
        assertThat(f.days()).hasSize(14);
        var day = f.days().stream().filter(d -> d.date().equals(DAY)).findFirst().orElseThrow();
        assertThat(day.cells()).containsOnlyKeys(cell(LAT, LON)).containsValue(5);
        assertThat(f.cells()).containsOnlyKeys(cell(LAT, LON));
        // the 4 calls of the other cell are not added to the district either
        assertThat(day.districts()).containsEntry("NORTH", 5);
    }

    @Test
    void aDayWithinTheDelayIsNotPublished() {
        var agg = aggregator();
        calls(agg, "y", 9, YESTERDAY, LAT);
        clockAt(agg, EARLY);
        var f = agg.build(EARLY);
        assertThat(f.to()).isEqualTo(YESTERDAY.minusDays(1));
        assertThat(f.days()).allSatisfy(d -> assertThat(d.cells()).isEmpty());
        // an hour later the day has been over long enough
        clockAt(agg, EARLY.plus(Duration.ofMinutes(31)));
        var later = agg.build(EARLY.plus(Duration.ofMinutes(31)));
        assertThat(later.to()).isEqualTo(YESTERDAY);
        assertThat(later.days().get(later.days().size() - 1).cells()).containsValue(9);
    }

    @Test
    void theFeedClockNeverRunsAheadOfTheWallClock() {
        var agg = aggregator();
        calls(agg, "y", 9, YESTERDAY, LAT);
        clockAt(agg, NOW.plus(Duration.ofDays(3)));
        assertThat(agg.build(EARLY).to()).isEqualTo(YESTERDAY.minusDays(1));
    }

    @Test
    void sensitiveTypesByAnyTypeAndOfficerInitiatedAreLeftOut() {
        var agg = aggregator();
        for (int i = 0; i < 6; i++) {
            var t = noonOf(DAY).plusSeconds(i);
            agg.accept(call("dv" + i, t, "DOMESTIC DISTURBANCE", null, false, "NORTH", LAT, LON));
            agg.accept(
                    call("f" + i, t, "DISTURBANCE", "Family Violence", false, "NORTH", LAT, LON));
            agg.accept(call("o" + i, t, "TRAFFIC STOP", null, true, "NORTH", LAT, LON));
            // an update that turns an incident sensitive hides it, and it stays hidden
            agg.accept(call("u" + i, t, "DISTURBANCE", null, false, "NORTH", LAT2, LON2));
            agg.accept(call("u" + i, t, "WELFARE CHECK", null, false, "NORTH", LAT2, LON2));
            agg.accept(call("u" + i, t, "DISTURBANCE", null, false, "NORTH", LAT2, LON2));
        }
        clockAt(agg, NOW);
        var f = agg.build(NOW);
        assertThat(f.days()).allSatisfy(d -> assertThat(d.cells()).isEmpty());
        assertThat(f.days()).allSatisfy(d -> assertThat(d.districts()).isEmpty());
    }

    @Test
    void anUpdateCountsOnceOnTheDayItWasReceived() {
        var agg = aggregator();
        calls(agg, "a", 5, DAY, LAT);
        // the same incidents updated the next day
        for (int i = 0; i < 5; i++) {
            agg.accept(
                    call(
                            "a" + i,
                            noonOf(YESTERDAY),
                            "DISTURBANCE",
                            null,
                            false,
                            "NORTH",
                            LAT,
                            LON));
        }
        clockAt(agg, NOW);
        var f = agg.build(NOW);
        int total =
                f.days().stream()
                        .mapToInt(d -> d.cells().values().stream().mapToInt(x -> x).sum())
                        .sum();
        assertThat(total).isEqualTo(5);
        assertThat(f.days().get(f.days().size() - 2).cells()).containsValue(5);
    }

    @Test
    void aDistrictFigureNeverRevealsASuppressedCell() {
        var agg = aggregator();
        // 6 in one cell (published) and 3 in another (suppressed): the district's total of 9
        // would reveal the 3, so the district shows 6
        calls(agg, "a", 6, DAY, LAT);
        calls(agg, "b", 3, DAY, LAT2);
        // the next day 6 + 6 + 5 hidden in two cells of 2 and 3: 5 hidden is safe to include
        var next = DAY.plusDays(1);
        calls(agg, "c", 6, next, LAT);
        calls(agg, "d", 6, next, LAT2);
        calls(agg, "e", 2, next, 29.45);
        calls(agg, "g", 3, next, 29.47);
        clockAt(agg, NOW);
        var f = agg.build(NOW);
        var byDate = new java.util.HashMap<LocalDate, DailyFigures.Day>();
        f.days().forEach(d -> byDate.put(d.date(), d));
        assertThat(byDate.get(DAY).districts()).containsEntry("NORTH", 6);
        assertThat(byDate.get(next).districts()).containsEntry("NORTH", 17);
    }

    @Test
    void aCellBelongsToTheDistrictMostOfItsIncidentsName() {
        assertThat(DailyAggregator.homeDistrict(java.util.Map.of("NORTH", 3, "EAST", 5, "WEST", 5)))
                .isEqualTo("EAST");
    }

    @Test
    void downloadsCarryOnlyWhatTheFiguresPublish() {
        var agg = aggregator();
        calls(agg, "a", 7, DAY, LAT);
        calls(agg, "b", 4, DAY, LAT2);
        for (int i = 0; i < 8; i++) {
            agg.accept(
                    call(
                            "s" + i,
                            noonOf(DAY),
                            "SEXUAL ASSAULT",
                            null,
                            false,
                            "NORTH",
                            29.40,
                            -98.60));
        }
        calls(agg, "y", 9, NOW.atZone(ZONE).toLocalDate(), 29.30);
        clockAt(agg, NOW);
        var f = agg.build(NOW);
        var trends = DistrictTrends.of(f, 28, 56);
        var snap = DailyDownloads.render(f, trends, FEED, GatewayConfig.PublicPage.defaults());
        var published = cell(LAT, LON);
        for (var text :
                java.util.List.of(
                        snap.pageJson(),
                        snap.cellsCsv(),
                        snap.cellsGeoJson(),
                        snap.districtsCsv())) {
            assertThat(text)
                    .doesNotContain(cell(LAT2, LON2))
                    .doesNotContain(cell(29.40, -98.60))
                    .doesNotContain(cell(29.30, LON))
                    .doesNotContain("SECRET")
                    .doesNotContain("SEXUAL")
                    .doesNotContain("DISTURBANCE");
        }
        assertThat(snap.cellsCsv().lines())
                .containsExactly(
                        DailyDownloads.CELLS_HEADER,
                        DAY
                                + ","
                                + published
                                + ",NORTH,"
                                + round(Hexes.center(published).lat)
                                + ","
                                + round(Hexes.center(published).lng)
                                + ",7");
        assertThat(snap.districtsCsv().lines())
                .containsExactly(DailyDownloads.DISTRICTS_HEADER, DAY + ",NORTH,7");
        assertThat(snap.cellDays()).isEqualTo(1);
        assertThat(snap.dictionary()).contains("CC BY 4.0").contains("fewer than 5");
    }

    private static double round(double d) {
        return Math.round(d * 1e5) / 1e5;
    }

    @Test
    void forgetsIncidentsOlderThanTheHistory() {
        var agg = aggregator();
        calls(agg, "old", 5, DAY.minusDays(30), LAT);
        calls(agg, "a", 5, DAY, LAT);
        clockAt(agg, NOW);
        agg.build(NOW);
        assertThat(agg.tracked()).isEqualTo(6);
    }
}
