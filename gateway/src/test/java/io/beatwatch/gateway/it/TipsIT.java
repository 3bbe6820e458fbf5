package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.gateway.tips.TipIntake;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tips intake against a real broker: bad payloads get a 400 with a reason, identifying fields
 * never reach Kafka, the per-client rate limit answers 429, tip detail is for supervisors only.
 */
class TipsIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    static TestServices services;

    static final String TIPS_TOPIC = "it.tips." + System.nanoTime();
    static GatewayFixture gw;
    static Path audit;

    @BeforeAll
    static void start() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        services.kafka().createTopics(1, TIPS_TOPIC);
        audit =
                Files.createTempFile(
                        Path.of(System.getProperty("java.io.tmpdir")), "audit", ".jsonl");
        var base = GatewayFixture.config(services);
        var t = base.topics();
        gw =
                GatewayFixture.start(
                        base.topics(
                                        new GatewayConfig.Topics(
                                                TIPS_TOPIC, t.patrolFeedback(), t.cfs()))
                                .auditFile(audit)
                                .build());
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        services.close();
    }

    @Test
    void tipIsPublishedWithoutIdentifyingFieldsAndReadableOnlyBySupervisors() throws Exception {
        var body =
                """
                {"category":"drugs","lat":29.4241,"lon":-98.4936,"text":"dealing at the corner",
                 "channel":"app","ip":"203.0.113.9","deviceId":"abc-123","name":"Jane Roe",
                 "phone":"+1 555 0100","email":"jane@example.org","userAgent":"Mozilla/5.0",
                 "receivedAt":"2001-01-01T00:00:00Z","id":"client-chosen"}
                """;
        var r = gw.post("/api/tips", null, body);
        assertThat(r.statusCode()).isEqualTo(202);
        var id = GatewayFixture.json(r).path("id").asText();

        var records = services.kafka().consume(TIPS_TOPIC, 1, GatewayFixture.WAIT);
        var mine = records.stream().filter(rec -> id.equals(rec.key())).toList();
        assertThat(mine).hasSize(1);
        var tip = Json.tree(mine.get(0).value());
        var fields = new ArrayList<String>();
        tip.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "v", "id", "receivedAt", "category", "lat", "lon", "text", "channel");
        assertThat(tip.path("id").asText()).isEqualTo(id);
        assertThat(tip.path("receivedAt").asText()).isNotEqualTo("2001-01-01T00:00:00Z");
        assertThat(mine.get(0).value())
                .doesNotContain(
                        "203.0.113.9",
                        "abc-123",
                        "Jane",
                        "555",
                        "example.org",
                        "Mozilla",
                        "127.0.0.1");
        assertThat(mine.get(0).headers().toArray()).isEmpty();

        var supervisor = gw.get("/api/tips/" + id, gw.token("sup1"));
        assertThat(supervisor.statusCode()).isEqualTo(200);
        assertThat(GatewayFixture.json(supervisor).path("text").asText())
                .isEqualTo("dealing at the corner");
        assertThat(gw.get("/api/tips/" + id, gw.token("analyst1")).statusCode()).isEqualTo(403);
        assertThat(gw.get("/api/tips/" + id, gw.token("disp-north")).statusCode()).isEqualTo(403);

        var stored = services.redis().get(RedisKeys.tip(id));
        assertThat(stored).doesNotContain("203.0.113.9", "Jane");
        assertThat(services.redis().ttl(RedisKeys.tip(id))).isPositive();

        // Every read of tip detail is audited; the audit never carries the tip text.
        GatewayFixture.await(
                "audit lines",
                () -> {
                    try {
                        return Files.readString(audit).contains("\"tip.read\"");
                    } catch (Exception e) {
                        return false;
                    }
                });
        var lines = Files.readAllLines(audit);
        assertThat(lines)
                .anyMatch(
                        l -> l.contains("\"tip.read\"") && l.contains("\"ok\"") && l.contains(id));
        assertThat(lines).anyMatch(l -> l.contains("\"tip.read\"") && l.contains("\"denied\""));
        assertThat(lines).noneMatch(l -> l.contains("dealing at the corner"));
        assertThat(lines)
                .allMatch(
                        l ->
                                l.matches(
                                        ".*\"at\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d\\dZ\".*"));
    }

    @Test
    void badPayloadsAreRefusedWithAReason() throws Exception {
        record Case(String body, int status, String reason) {}
        var cases =
                new Case[] {
                    new Case("{\"lat\":29.4,\"lon\":-98.5}", 400, TipIntake.MISSING_CATEGORY),
                    new Case(
                            "{\"category\":\"aliens\",\"lat\":29.4,\"lon\":-98.5}",
                            400,
                            TipIntake.UNKNOWN_CATEGORY),
                    new Case("{\"category\":\"drugs\"}", 400, TipIntake.MISSING_COORDINATES),
                    new Case(
                            "{\"category\":\"drugs\",\"lat\":\"29.4\",\"lon\":-98.5}",
                            400,
                            TipIntake.BAD_COORDINATES),
                    new Case(
                            "{\"category\":\"drugs\",\"lat\":129.4,\"lon\":-98.5}",
                            400,
                            TipIntake.BAD_COORDINATES),
                    new Case(
                            "{\"category\":\"drugs\",\"lat\":29.4,\"lon\":-98.5,\"text\":\""
                                    + "x".repeat(1001)
                                    + "\"}",
                            400,
                            TipIntake.TEXT_TOO_LONG),
                    new Case("[1,2]", 400, TipIntake.NOT_AN_OBJECT),
                    new Case("{not json", 400, "malformed_json"),
                    new Case(
                            "{\"category\":\"drugs\",\"lat\":29.4,\"lon\":-98.5,\"text\":\""
                                    + "y".repeat(17 * 1024)
                                    + "\"}",
                            413,
                            "payload_too_large"),
                };
        // Each case from its own forwarded address would need trustForwardedFor: instead stay
        // under the per-client limit (10 per minute) by using a fresh gateway per batch of cases.
        var base = GatewayFixture.config(services);
        var t = base.topics();
        try (var fresh =
                GatewayFixture.start(
                        base.topics(
                                        new GatewayConfig.Topics(
                                                TIPS_TOPIC, t.patrolFeedback(), t.cfs()))
                                .build())) {
            for (var c : cases) {
                var r = fresh.post("/api/tips", null, c.body());
                assertThat(r.statusCode()).as(c.reason()).isEqualTo(c.status());
                assertThat(GatewayFixture.json(r).path("error").asText()).isEqualTo(c.reason());
            }
            var rejected =
                    fresh.gateway().meterRegistry().find(GatewayMetrics.TIPS_REJECTED).counters();
            var reasons = new java.util.HashSet<String>();
            rejected.forEach(cnt -> reasons.add(cnt.getId().getTag(GatewayMetrics.TAG_REASON)));
            assertThat(reasons).contains(TipIntake.MISSING_CATEGORY, TipIntake.TEXT_TOO_LONG);
        }
    }

    @Test
    void eleventhTipInAMinuteFromOneClientIsRateLimited() throws Exception {
        var base = GatewayFixture.config(services);
        var t = base.topics();
        try (var fresh =
                GatewayFixture.start(
                        base.topics(
                                        new GatewayConfig.Topics(
                                                TIPS_TOPIC, t.patrolFeedback(), t.cfs()))
                                .build())) {
            var ok = "{\"category\":\"other\",\"lat\":29.4,\"lon\":-98.5}";
            for (int i = 0; i < 10; i++) {
                assertThat(fresh.post("/api/tips", null, ok).statusCode()).isEqualTo(202);
            }
            var r = fresh.post("/api/tips", null, ok);
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(GatewayFixture.json(r).path("error").asText()).isEqualTo("rate_limited");
            var metrics = fresh.get("/metrics", null).body();
            assertThat(metrics)
                    .contains("beatwatch_gateway_tips_rejected_total{reason=\"rate_limited\"} 1.0");
            assertThat(metrics).contains("beatwatch_gateway_tips_accepted_total 10.0");
        }
    }
}
