package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestClock;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.gateway.view.Hexes;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The public patrol-minutes feed from dosage summaries in a real Redis, written as the job writes
 * them: complete local days only, once the delay has passed, rounded, k-suppressed, no cells.
 */
class PatrolMinutesIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static final ZoneId CITY = ZoneId.of("America/Chicago");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final LocalDate YESTERDAY = TODAY.minusDays(1);
    static final LocalDate DAY_BEFORE = TODAY.minusDays(2);
    static final LocalDate TEN_DAYS_AGO = TODAY.minusDays(10);

    /** 30 minutes into today: yesterday is over, but less than the 60-minute delay ago. */
    static final Instant T0 = TODAY.atStartOfDay(CITY).plusMinutes(30).toInstant();

    /** 61 minutes into today: yesterday ended more than the delay ago. */
    static final Instant T1 = T0.plus(Duration.ofMinutes(31));

    static final String CELL_A = Hexes.cellAt(29.4241, -98.4936, 9);
    static final String CELL_B = Hexes.cellAt(29.4641, -98.4936, 9);
    static final String CFS_TOPIC = "it.cfs.patrol." + System.nanoTime();

    static final TestClock CLOCK = new TestClock(T0.minus(Duration.ofHours(1)));
    static TestServices services;
    static GatewayFixture gw;

    @BeforeAll
    static void start() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        services.kafka().createTopics(1, CFS_TOPIC);
        var base = GatewayFixture.config(services);
        var t = base.topics();
        var pf = base.publicFeed();
        gw =
                GatewayFixture.start(
                        base.topics(
                                        new GatewayConfig.Topics(
                                                t.tips(), t.patrolFeedback(), CFS_TOPIC))
                                .publicFeed(
                                        pf.withZone(CITY)
                                                .withRefreshInterval(Duration.ofMillis(200)))
                                .build(),
                        CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        services.close();
    }

    /** One district's line of a day's summary, as {@code ViewWrites.dosage()} writes it. */
    static String summary(int minutes, int visits, int cells) {
        return Json.write(
                Map.of(
                        "minutes",
                        minutes,
                        "visits",
                        visits,
                        "fromAlerts",
                        1,
                        "doneMinutes",
                        minutes / 2,
                        "declined",
                        2,
                        "cells",
                        cells));
    }

    static void writeDay(LocalDate date, Map<String, String> districts) {
        services.redis().hset(RedisKeys.dosageSummary(date.toString()), districts);
    }

    /** The feed once it has been rebuilt at the clock's current time. */
    static HttpResponse<String> feedAt(Instant t) throws Exception {
        CLOCK.set(t);
        GatewayFixture.await(
                "a patrol-minutes feed built at " + t,
                () -> {
                    try {
                        var meta =
                                Json.tree(gw.get("/public/patrol-minutes.json", null).body())
                                        .path("metadata");
                        return meta.path("generatedAt").asText().equals(t.toString());
                    } catch (Exception e) {
                        return false;
                    }
                });
        return gw.get("/public/patrol-minutes.json", null);
    }

    static List<String> dates(JsonNode feed) {
        var out = new ArrayList<String>();
        feed.path("days").forEach(d -> out.add(d.path("date").asText()));
        return out;
    }

    static JsonNode districts(JsonNode feed, LocalDate date) {
        for (var d : feed.path("days")) {
            if (d.path("date").asText().equals(date.toString())) {
                return d.path("districts");
            }
        }
        throw new AssertionError("no day " + date + " in " + feed);
    }

    static List<String> names(JsonNode object) {
        var out = new ArrayList<String>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void publishesCompleteDaysOnceTheDelayHasPassedRoundedAndWithoutCells() throws Exception {
        writeDay(TODAY, Map.of("NORTH", summary(95, 8, 3)));
        writeDay(
                YESTERDAY,
                Map.of(
                        "NORTH", summary(137, 9, 2),
                        "SOUTH", summary(22, 2, 1),
                        "EAST", summary(63, 5, 4)));
        writeDay(DAY_BEFORE, Map.of("NORTH", summary(212, 11, 5)));
        writeDay(TEN_DAYS_AGO, Map.of("NORTH", summary(318, 14, 6)));
        services.redis()
                .hset(
                        RedisKeys.dosage("NORTH", YESTERDAY.toString()),
                        Map.of(CELL_A, "80", CELL_B, "57"));

        // Half an hour after midnight: yesterday is not published yet, the day before is.
        var early = feedAt(T0);
        assertThat(early.statusCode()).isEqualTo(200);
        assertThat(early.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(early.headers().firstValue("Cache-Control")).contains("public, max-age=60");
        assertThat(early.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/json");
        var before = Json.tree(early.body());
        assertThat(dates(before))
                .hasSize(7)
                .endsWith(DAY_BEFORE.toString())
                .doesNotContain(TODAY.toString(), YESTERDAY.toString(), TEN_DAYS_AGO.toString());
        var dayBefore = districts(before, DAY_BEFORE);
        assertThat(names(dayBefore)).containsExactly("NORTH");
        assertThat(dayBefore.path("NORTH").path("minutes").asInt()).isEqualTo(210);
        assertThat(dayBefore.path("NORTH").path("visits").asInt()).isEqualTo(11);

        // Once the delay has passed: yesterday too, rounded, SOUTH (2 visits < k) left out.
        var late = feedAt(T1);
        var after = Json.tree(late.body());
        assertThat(dates(after))
                .hasSize(7)
                .startsWith(TODAY.minusDays(7).toString())
                .endsWith(YESTERDAY.toString())
                .doesNotContain(TODAY.toString(), TEN_DAYS_AGO.toString());
        var y = districts(after, YESTERDAY);
        assertThat(names(y)).containsExactly("EAST", "NORTH");
        assertThat(y.path("NORTH").path("minutes").asInt()).isEqualTo(135);
        assertThat(y.path("NORTH").path("visits").asInt()).isEqualTo(9);
        assertThat(y.path("EAST").path("minutes").asInt()).isEqualTo(65);
        assertThat(y.path("EAST").path("visits").asInt()).isEqualTo(5);
        assertThat(names(y.path("NORTH"))).containsExactlyInAnyOrder("minutes", "visits");

        var meta = after.path("metadata");
        assertThat(meta.path("zone").asText()).isEqualTo("America/Chicago");
        assertThat(meta.path("delayMinutes").asInt()).isEqualTo(60);
        assertThat(meta.path("roundMinutes").asInt()).isEqualTo(5);
        assertThat(meta.path("minVisits").asInt()).isEqualTo(5);
        assertThat(meta.path("to").asText()).isEqualTo(YESTERDAY.toString());

        for (var body : List.of(early.body(), late.body())) {
            assertThat(body).doesNotContain(CELL_A, CELL_B, "\"minutes\":95", "\"minutes\":318");
            assertThat(Json.tree(body).path("days").toString())
                    .doesNotContain("declined", "fromAlerts", "doneMinutes", "cells");
        }
    }
}
