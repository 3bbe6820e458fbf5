package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.beatwatch.gateway.testing.Alerts;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import io.vertx.core.http.WebSocketClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A console that stops reading must not hold back the others: both consoles share one event loop
 * here, the fast one gets every alert, the stalled one is closed with 4008 and resumes.
 */
class SlowConsoleIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    static TestServices services;

    static final int ALERTS = 1500;
    static final int PAD_TYPES = 40;
    static final int MAX_QUEUED = 100;
    static final int CHUNK = 25;

    static GatewayFixture gw;

    @BeforeAll
    static void start() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        services.flushRedis();
        gw = GatewayFixture.start(config(MAX_QUEUED, Duration.ofSeconds(30)));
    }

    /** One event loop, small stream batches, the given outbox cap and drain timeout. */
    static GatewayConfig config(int maxQueued, Duration drainTimeout) {
        var limits = GatewayConfig.Limits.defaults();
        var base = GatewayFixture.config(services);
        var live = base.live();
        var config =
                base.httpInstances(1)
                        .live(
                                new GatewayConfig.Live(
                                        live.windows(),
                                        live.defaultWindow(),
                                        live.topCellsPerDistrict(),
                                        live.mapPollInterval(),
                                        live.cellsFlushInterval(),
                                        live.pingInterval(),
                                        20,
                                        live.streamBlock(),
                                        20))
                        .limits(
                                new GatewayConfig.Limits(
                                        limits.maxFrameBytes(),
                                        limits.maxConnectionsPerUser(),
                                        maxQueued,
                                        drainTimeout,
                                        limits.tipsPerMinute(),
                                        limits.maxBodyBytes(),
                                        limits.ticketTtl(),
                                        16 * 1024,
                                        limits.maxNoteChars()))
                        .build();
        return config;
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        services.close();
    }

    private static List<String> ids(List<JsonNode> msgs) {
        return msgs.stream()
                .filter(m -> m.path("type").asText().equals("alert"))
                .map(m -> m.path("id").asText())
                .toList();
    }

    @Test
    void stalledConsoleIsClosedWhileTheFastOneGetsEverythingAndTheStalledOneResumes()
            throws Exception {
        var fast = gw.console("sup1");
        var slow =
                gw.console(
                        gw.ticket(gw.token("sup1")),
                        GatewayFixture.ORIGIN,
                        new WebSocketClientOptions().setReceiveBufferSize(4096));
        fast.subscribe(List.of("*"), null);
        slow.subscribe(List.of("*"), null);
        fast.next("snapshot");
        slow.next("snapshot");
        slow.pause();

        // The fast console keeps up: each chunk is written once it has read the previous one.
        // The stalled console never reads, so its outbox passes the cap and it is closed.
        var redis = services.redis();
        var written = new ArrayList<String>();
        var received = new ArrayList<String>();
        for (int i = 0; i < ALERTS; i += CHUNK) {
            for (int j = i; j < i + CHUNK; j++) {
                written.add(
                        Alerts.append(
                                redis,
                                Alerts.alert(
                                        "load-" + j,
                                        "NORTH",
                                        io.beatwatch.core.model.Signal.CFS,
                                        PAD_TYPES)));
            }
            received.addAll(ids(fast.alerts(CHUNK)));
        }
        assertThat(received).isEqualTo(written);

        GatewayFixture.await(
                "the stalled console to be closed as slow",
                () ->
                        gw.gateway()
                                        .meterRegistry()
                                        .find(GatewayMetrics.WS_CLOSED)
                                        .tag(GatewayMetrics.TAG_REASON, "overflow")
                                        .counter()
                                != null);
        // The stalled console reads what reached it before the close, then sees the socket end.
        slow.resume();
        slow.closed().get(GatewayFixture.WAIT.toSeconds(), TimeUnit.SECONDS);
        var before = ids(slow.drain());
        assertThat(before.size()).isLessThan(ALERTS);
        assertThat(written).startsWith(before.toArray(String[]::new));

        try (var resumed = gw.console("sup1")) {
            resumed.subscribe(
                    List.of("*"),
                    before.isEmpty() ? written.get(0) : before.get(before.size() - 1));
            var rest = ids(resumed.alerts(ALERTS - Math.max(1, before.size())));
            assertThat(resumed.drain()).noneMatch(m -> m.path("type").asText().equals("alert"));
            var all = new LinkedHashSet<>(before);
            if (before.isEmpty()) {
                all.add(written.get(0));
            }
            all.addAll(rest);
            assertThat(all).hasSize(ALERTS);
            assertThat(new ArrayList<>(all)).isEqualTo(written);
        } finally {
            fast.close();
            slow.close();
        }
    }

    @Test
    void consoleThatStaysBlockedLongerThanTheDrainTimeoutIsClosedBeforeItsCap() throws Exception {
        try (var fresh = GatewayFixture.start(config(1000, Duration.ofSeconds(2)));
                var slow =
                        fresh.console(
                                fresh.ticket(fresh.token("analyst1")),
                                GatewayFixture.ORIGIN,
                                new WebSocketClientOptions().setReceiveBufferSize(4096))) {
            slow.subscribe(List.of("*"), null);
            slow.next("snapshot");
            slow.pause();
            var redis = services.redis();
            // Far more than the socket buffers hold, far fewer than the 1000-frame cap.
            for (int i = 0; i < 300; i++) {
                Alerts.append(
                        redis,
                        Alerts.alert(
                                "stall-" + i,
                                "NORTH",
                                io.beatwatch.core.model.Signal.CFS,
                                PAD_TYPES));
            }
            GatewayFixture.await(
                    "the blocked console to be closed by the drain timeout",
                    () ->
                            fresh.gateway()
                                            .meterRegistry()
                                            .find(GatewayMetrics.WS_CLOSED)
                                            .tag(GatewayMetrics.TAG_REASON, "stalled")
                                            .counter()
                                    != null);
            assertThat(
                            fresh.gateway()
                                    .meterRegistry()
                                    .find(GatewayMetrics.WS_CLOSED)
                                    .tag(GatewayMetrics.TAG_REASON, "overflow")
                                    .counter())
                    .isNull();
        }
    }
}
