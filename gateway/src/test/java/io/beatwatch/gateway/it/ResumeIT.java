package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.testing.Alerts;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consoles that reconnect get what they missed exactly once, or a resync snapshot. */
class ResumeIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    static TestServices services;

    static GatewayFixture gw;

    /** How long nothing may arrive after the last expected message. */
    static final java.time.Duration QUIET = java.time.Duration.ofMillis(500);

    @BeforeAll
    static void start() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        gw = GatewayFixture.start(GatewayFixture.config(services).build());
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        services.close();
    }

    @BeforeEach
    void clean() {
        services.flushRedis();
    }

    private static List<String> ids(List<JsonNode> alerts) {
        return alerts.stream().map(m -> m.path("id").asText()).toList();
    }

    private static List<String> append(String prefix, int n) {
        var redis = services.redis();
        var out = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            out.add(Alerts.append(redis, Alerts.alert(prefix + i, "NORTH")));
        }
        return out;
    }

    @Test
    void consoleThatResumesWithLastIdGetsEveryMissedAlertExactlyOnce() throws Exception {
        List<String> seen;
        try (var c = gw.console("sup1")) {
            c.subscribe(List.of("*"), null);
            c.next("snapshot");
            var live = append("first-", 5);
            seen = ids(c.alerts(5));
            assertThat(seen).isEqualTo(live);
        }
        // Missed while disconnected: more than one replay page (100 in the test config).
        var missed = append("missed-", 250);
        try (var c = gw.console("sup1")) {
            c.subscribe(List.of("*"), seen.get(seen.size() - 1));
            // Alerts keep arriving while the replay runs: they must come after it, once each.
            var writer = Executors.newSingleThreadExecutor();
            var during = writer.submit(() -> append("during-", 60));
            var expected = new ArrayList<>(missed);
            expected.addAll(during.get(30, TimeUnit.SECONDS));
            writer.shutdown();
            var got = ids(c.alerts(expected.size()));
            assertThat(got).isEqualTo(expected);
            var after = append("after-", 1);
            assertThat(ids(c.alerts(1))).isEqualTo(after);
            // Nothing more may follow: a barrier alert appended now arrives after anything the
            // session would still send (a late re-send, a second snapshot), so the tail up to it
            // must be the barrier alone.
            var barrier = append("barrier-", 1).get(0);
            var tail = new ArrayList<String>();
            JsonNode m;
            do {
                m = c.nextOf(Set.of("alert", "snapshot"));
                tail.add(m.path("type").asText() + ":" + m.path("id").asText());
            } while (!(m.path("type").asText().equals("alert")
                    && m.path("id").asText().equals(barrier)));
            assertThat(tail).containsExactly("alert:" + barrier);
            // and a bounded quiet period after it catches a late re-send of either
            Thread.sleep(QUIET.toMillis());
            assertThat(c.drain())
                    .extracting(x -> x.path("type").asText())
                    .doesNotContain("alert", "snapshot");
        }
    }

    @Test
    void lastIdOlderThanTheRetainedStreamGetsAResyncSnapshot() throws Exception {
        var redis = services.redis();
        var ids = append("old-", 5);
        var open = Alerts.alert("still-open", "NORTH");
        Alerts.open(redis, open);
        redis.xtrim(RedisKeys.ALERT_STREAM, 2);
        try (var c = gw.console("sup1")) {
            c.subscribe(List.of("NORTH"), ids.get(0));
            var snap = c.next("snapshot");
            assertThat(snap.path("resync").asBoolean()).isTrue();
            assertThat(snap.path("lastId").asText()).isEqualTo(ids.get(4));
            assertThat(snap.path("alerts").findValuesAsText("alertId"))
                    .containsExactly("still-open");
            var next = append("next-", 1);
            assertThat(ids(c.alerts(1))).isEqualTo(next);
        }
    }

    @Test
    void unknownOrMalformedLastIdGetsAResyncSnapshot() throws Exception {
        append("x-", 2);
        try (var c = gw.console("sup1")) {
            c.subscribe(List.of("*"), "99999999999999-0");
            assertThat(c.next("snapshot").path("resync").asBoolean()).isTrue();
        }
        try (var c = gw.console("sup1")) {
            c.subscribe(List.of("*"), "not-an-id");
            assertThat(c.next("snapshot").path("resync").asBoolean()).isTrue();
        }
    }

    @Test
    void snapshotCarriesCellsAndMapUpdatesFollow() throws Exception {
        var redis = services.redis();
        redis.sadd(RedisKeys.DISTRICTS, "NORTH");
        redis.zadd(RedisKeys.ranked("NORTH", 60), 7.5, Alerts.CELL);
        redis.hset(
                RedisKeys.cell(Alerts.CELL, 60),
                Map.of(
                        "observed",
                        "9",
                        "expected",
                        "2.5",
                        "score",
                        "7.5",
                        "recurrence",
                        "120",
                        "district",
                        "NORTH",
                        "updatedAt",
                        "2026-11-21T13:00:00Z"));
        GatewayFixture.await(
                "the poller to see the cell",
                () -> {
                    try {
                        return gw.get("/api/hotspots.geojson?district=NORTH", gw.token("sup1"))
                                .body()
                                .contains(Alerts.CELL);
                    } catch (Exception e) {
                        return false;
                    }
                });
        try (var c = gw.console("disp-north")) {
            // The snapshot comes from the poller's in-memory state, which may lag Redis: subscribe
            // again (bounded) until the snapshot carries the cell.
            JsonNode snap = null;
            long deadline = System.nanoTime() + GatewayFixture.WAIT.toNanos();
            while (snap == null
                    || !snap.path("cells").findValuesAsText("cell").contains(Alerts.CELL)) {
                assertThat(System.nanoTime()).as("a snapshot with the cell").isLessThan(deadline);
                if (snap != null) {
                    Thread.sleep(100);
                }
                c.subscribe(List.of("NORTH"), null);
                snap = c.next("snapshot");
            }
            redis.hset(RedisKeys.cell(Alerts.CELL, 60), "observed", "12");
            redis.zadd(RedisKeys.ranked("NORTH", 60), 9.0, Alerts.CELL);
            JsonNode update;
            do {
                update = c.next("cells");
            } while (update.path("cells").findValuesAsText("observed").stream()
                    .noneMatch("12"::equals));
            var cell = update.path("cells").get(0);
            assertThat(cell.path("cell").asText()).isEqualTo(Alerts.CELL);
            assertThat(cell.path("district").asText()).isEqualTo("NORTH");
            assertThat(cell.path("boundary")).hasSize(6);
            assertThat(snap.path("resync").asBoolean()).isFalse();
        }
    }
}
