package io.beatwatch.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.view.Hexes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatrolMinutesAggregatorTest {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final LocalDate YESTERDAY = TODAY.minusDays(1);

    /** Local midnight that ends yesterday, plus the default delay (60 min): yesterday is due. */
    static final Instant DUE = TODAY.atStartOfDay(CHICAGO).plus(Duration.ofMinutes(60)).toInstant();

    static final String CELL = Hexes.cellAt(29.4241, -98.4936, 9);

    static PatrolMinutesAggregator aggregator() {
        return new PatrolMinutesAggregator(GatewayConfig.PublicFeed.defaults(), CHICAGO);
    }

    static String line(int minutes, int visits) {
        return "{\"minutes\":"
                + minutes
                + ",\"visits\":"
                + visits
                + ",\"fromAlerts\":2,\"doneMinutes\":40,\"declined\":3,\"cells\":7}";
    }

    static JsonNode build(
            PatrolMinutesAggregator agg, Instant feedNow, Map<LocalDate, Map<String, String>> s)
            throws Exception {
        return Json.tree(agg.build(feedNow, feedNow, s).json());
    }

    static List<String> dates(JsonNode feed) {
        var out = new ArrayList<String>();
        feed.path("days").forEach(d -> out.add(d.path("date").asText()));
        return out;
    }

    static JsonNode day(JsonNode feed, LocalDate date) {
        for (var d : feed.path("days")) {
            if (d.path("date").asText().equals(date.toString())) {
                return d.path("districts");
            }
        }
        throw new AssertionError("no day " + date + " in " + feed);
    }

    @Test
    void roundsMinutesToTheNearestStepHalvesUp() {
        int[][] table = {
            // minutes, step, expected
            {0, 5, 0},
            {2, 5, 0},
            {3, 5, 5},
            {137, 5, 135},
            {138, 5, 140},
            {142, 5, 140},
            {4, 10, 0},
            {5, 10, 10},
            {14, 10, 10},
            {15, 10, 20},
            {123, 1, 123},
            {Integer.MAX_VALUE, 5, Integer.MAX_VALUE - 2}
        };
        for (var row : table) {
            assertThat(PatrolMinutesAggregator.round(row[0], row[1]))
                    .as("round(%d, %d)", row[0], row[1])
                    .isEqualTo(row[2]);
        }
    }

    @Test
    void yesterdayIsPublishedOnlyOnceItEndedAtLeastTheDelayAgo() {
        var agg = aggregator();
        var early = agg.days(DUE.minusSeconds(1));
        assertThat(early).hasSize(7).doesNotContain(TODAY, YESTERDAY);
        assertThat(early.get(6)).isEqualTo(YESTERDAY.minusDays(1));
        assertThat(early.get(0)).isEqualTo(YESTERDAY.minusDays(7));

        var due = agg.days(DUE);
        assertThat(due).hasSize(7).contains(YESTERDAY).doesNotContain(TODAY);
        assertThat(due.get(0)).isEqualTo(YESTERDAY.minusDays(6));
        assertThat(due.get(6)).isEqualTo(YESTERDAY);
        // Late in the day, today is still never published.
        assertThat(agg.days(TODAY.atTime(23, 59).atZone(CHICAGO).toInstant()))
                .doesNotContain(TODAY);
    }

    @Test
    void localDaysFollowTheCityZoneIncludingALongDstDay() {
        // 2026-11-01 in Chicago lasts 25 h: 05:00Z to 06:00Z the next day (CDT to CST).
        var agg = aggregator();
        var longDay = LocalDate.of(2026, 11, 1);
        assertThat(agg.days(Instant.parse("2026-11-02T06:59:59Z"))).doesNotContain(longDay);
        assertThat(agg.days(Instant.parse("2026-11-02T07:00:00Z"))).endsWith(longDay);
        // The same instant in UTC would already publish the Chicago day in progress.
        var utc = new PatrolMinutesAggregator(GatewayConfig.PublicFeed.defaults(), ZoneOffset.UTC);
        assertThat(utc.days(Instant.parse("2026-11-02T01:00:00Z"))).endsWith(longDay);
        assertThat(agg.days(Instant.parse("2026-11-02T01:00:00Z"))).doesNotContain(longDay);
    }

    @Test
    void theUnconfiguredZoneWaitsUntilTheDayIsOverEverywhere() {
        var agg =
                new PatrolMinutesAggregator(
                        GatewayConfig.PublicFeed.defaults(), GatewayConfig.PublicFeed.LATEST_ZONE);
        // Yesterday is over in Chicago plus the delay, but not yet at UTC-12.
        assertThat(agg.days(DUE)).doesNotContain(YESTERDAY);
        var overEverywhere =
                TODAY.atStartOfDay(ZoneOffset.ofHours(-12)).plusMinutes(60).toInstant();
        assertThat(agg.days(overEverywhere)).endsWith(YESTERDAY);
    }

    @Test
    void districtDaysBelowKVisitsOrWithoutAVisitCountAreOmitted() throws Exception {
        var s =
                Map.of(
                        YESTERDAY,
                        Map.of(
                                "NORTH", line(137, 9),
                                "SOUTH", line(45, 4),
                                "EAST", line(52, 5),
                                "WEST", "{\"minutes\":300}",
                                "CENTRAL", "not json",
                                "HARBOR", "{\"minutes\":-5,\"visits\":9}",
                                "AIRPORT", "{\"minutes\":12.5,\"visits\":9}"));
        var feed = build(aggregator(), DUE, s);
        var y = day(feed, YESTERDAY);
        assertThat(names(y)).containsExactly("EAST", "NORTH");
        assertThat(y.path("NORTH").path("minutes").asInt()).isEqualTo(135);
        assertThat(y.path("NORTH").path("visits").asInt()).isEqualTo(9);
        assertThat(y.path("EAST").path("minutes").asInt()).isEqualTo(50);
        assertThat(y.path("EAST").path("visits").asInt()).isEqualTo(5);
        assertThat(aggregator().build(DUE, DUE, s).districtDays()).isEqualTo(2);
    }

    @Test
    void kFollowsTheConfiguredMinCountAndRoundingTheConfiguredStep() throws Exception {
        var d = GatewayConfig.PublicFeed.defaults();
        var config =
                new GatewayConfig.PublicFeed(
                        d.delay(),
                        d.period(),
                        10,
                        d.resolution(),
                        false,
                        d.refreshInterval(),
                        null,
                        CHICAGO,
                        3,
                        15);
        var agg = new PatrolMinutesAggregator(config, CHICAGO);
        var s = Map.of(YESTERDAY, Map.of("NORTH", line(137, 10), "SOUTH", line(400, 9)));
        var feed = build(agg, DUE, s);
        assertThat(dates(feed)).hasSize(3).endsWith(YESTERDAY.toString());
        assertThat(names(day(feed, YESTERDAY))).containsExactly("NORTH");
        assertThat(day(feed, YESTERDAY).path("NORTH").path("minutes").asInt()).isEqualTo(135);
        assertThat(feed.path("metadata").path("minVisits").asInt()).isEqualTo(10);
        assertThat(feed.path("metadata").path("roundMinutes").asInt()).isEqualTo(15);
    }

    @Test
    void publishesEveryDueDayAndNothingOfTodayOrOlderDays() throws Exception {
        var s = new HashMap<LocalDate, Map<String, String>>();
        s.put(TODAY, Map.of("NORTH", line(95, 8)));
        s.put(YESTERDAY, Map.of("NORTH", line(137, 9)));
        s.put(TODAY.minusDays(10), Map.of("NORTH", line(215, 12)));
        var feed = build(aggregator(), DUE, s);
        var expected = new ArrayList<String>();
        for (int i = 7; i >= 1; i--) {
            expected.add(TODAY.minusDays(i).toString());
        }
        assertThat(dates(feed)).containsExactlyElementsOf(expected);
        assertThat(feed.path("metadata").path("from").asText()).isEqualTo(expected.get(0));
        assertThat(feed.path("metadata").path("to").asText()).isEqualTo(YESTERDAY.toString());
        assertThat(names(day(feed, YESTERDAY.minusDays(1)))).isEmpty();
        var days = feed.path("days").toString();
        assertThat(days).doesNotContain("\"minutes\":95", "\"minutes\":215", "\"visits\":8");
        assertThat(days).doesNotContain(TODAY.toString(), TODAY.minusDays(10).toString());
    }

    @Test
    void publishesOnlyMinutesAndVisitsPerDistrictNeverCellsUnitsOrSuggestions() throws Exception {
        var leaky =
                "{\"minutes\":60,\"visits\":6,\"cells\":3,\"declined\":1,\"fromAlerts\":4,"
                        + "\"doneMinutes\":30,\"cell\":\""
                        + CELL
                        + "\",\"unit\":\"ADAM-12\",\"suggestionId\":\"sg-42\"}";
        var feed = build(aggregator(), DUE, Map.of(YESTERDAY, Map.of("NORTH", leaky)));
        var north = day(feed, YESTERDAY).path("NORTH");
        assertThat(names(north)).containsExactlyInAnyOrder("minutes", "visits");
        assertThat(feed.toString()).doesNotContain(CELL, "ADAM-12", "sg-42");
        assertThat(feed.path("days").toString())
                .doesNotContain("declined", "fromAlerts", "doneMinutes", "cell");
    }

    @Test
    void metadataStatesTheRulesApplied() throws Exception {
        var wall = DUE.plusMillis(1500);
        var feed = Json.tree(aggregator().build(wall, DUE, Map.of()).json());
        assertThat(feed.path("v").asInt()).isEqualTo(1);
        var meta = feed.path("metadata");
        assertThat(meta.path("generatedAt").asText()).isEqualTo(DUE.plusSeconds(1).toString());
        assertThat(meta.path("zone").asText()).isEqualTo("America/Chicago");
        assertThat(meta.path("delayMinutes").asInt()).isEqualTo(60);
        assertThat(meta.path("roundMinutes").asInt()).isEqualTo(5);
        assertThat(meta.path("minVisits").asInt()).isEqualTo(5);
        assertThat(meta.path("minutes").asText()).contains("rounded", "omitted");
    }

    @Test
    void theStartingFeedIsEmpty() throws Exception {
        var feed = Json.tree(PatrolMinutesAggregator.empty(DUE).json());
        assertThat(feed.path("days")).isEmpty();
        assertThat(feed.path("metadata").path("status").asText()).isEqualTo("starting");
    }

    @Test
    void theFeedClockNeverRunsAheadOfTheWallClock() {
        var wall = new java.util.concurrent.atomic.AtomicReference<>(DUE);
        var clock =
                new FeedClock(
                        new java.time.Clock() {
                            @Override
                            public ZoneId getZone() {
                                return ZoneOffset.UTC;
                            }

                            @Override
                            public java.time.Clock withZone(ZoneId zone) {
                                return this;
                            }

                            @Override
                            public Instant instant() {
                                return wall.get();
                            }
                        });
        assertThat(clock.now()).isEqualTo(DUE);
        clock.observe(DUE.minus(Duration.ofDays(400)));
        assertThat(clock.now()).isEqualTo(DUE.minus(Duration.ofDays(400)));
        clock.observe(DUE.minus(Duration.ofDays(500)));
        assertThat(clock.now()).isEqualTo(DUE.minus(Duration.ofDays(400)));
        clock.observe(DUE.plus(Duration.ofDays(1)));
        assertThat(clock.now()).isEqualTo(DUE);
        wall.set(DUE.plus(Duration.ofDays(2)));
        assertThat(clock.now()).isEqualTo(DUE.plus(Duration.ofDays(1)));
        assertThat(clock.wallNow()).isEqualTo(DUE.plus(Duration.ofDays(2)));
    }

    static List<String> names(JsonNode object) {
        var out = new ArrayList<String>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
