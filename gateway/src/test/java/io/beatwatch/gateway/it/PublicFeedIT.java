package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.PublicCall;
import io.beatwatch.core.privacy.SensitiveRule;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.gateway.view.Hexes;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The public feed built from real Kafka records: delay, k-suppression, sensitive types. */
class PublicFeedIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    static TestServices services;

    static final String PUBLIC_TOPIC = "it.public-calls." + System.nanoTime();
    static GatewayFixture gw;

    @BeforeAll
    static void start() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        services.kafka().createTopics(2, PUBLIC_TOPIC);
        var base = GatewayFixture.config(services);
        var t = base.topics();
        var pf = base.publicFeed();
        gw =
                GatewayFixture.start(
                        base.topics(
                                        new GatewayConfig.Topics(
                                                t.tips(),
                                                t.patrolFeedback(),
                                                t.cfs(),
                                                PUBLIC_TOPIC))
                                .publicFeed(pf.withRefreshInterval(Duration.ofSeconds(1)))
                                .build());
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        services.close();
    }

    static CallForService call(
            String id,
            Instant at,
            String type,
            String typeFinal,
            boolean officer,
            double lat,
            double lon) {
        return new CallForService(
                CallForService.VERSION,
                id,
                at,
                type,
                type,
                typeFinal,
                "disturbance",
                2,
                officer,
                null,
                "NORTH",
                "N1",
                lat,
                lon,
                "100 BLOCK OF SECRET ST",
                "test");
    }

    @Test
    void publishesOnlyOldEnoughNonSensitiveCountsOfAtLeastK() throws Exception {
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var old = now.minus(Duration.ofHours(3));
        var recent = now.minus(Duration.ofMinutes(5));
        var records = new ArrayList<Map.Entry<String, String>>();
        // what the job writes at decode: sensitivity decided there (defaults for this test)
        var rule = SensitiveRule.defaults();
        java.util.function.Consumer<CallForService> add =
                c ->
                        records.add(
                                Map.entry(
                                        c.id(), Json.write(PublicCall.of(c, rule.isSensitive(c)))));
        double[] a = {29.4241, -98.4936};
        double[] b = {29.4641, -98.4936};
        double[] c = {29.5041, -98.4936};
        double[] d = {29.4241, -98.4536};
        double[] e = {29.4641, -98.4536};
        double[] f = {29.5041, -98.4536};
        for (int i = 0; i < 6; i++) {
            add.accept(call("a" + i, old, "DISTURBANCE", null, false, a[0], a[1]));
            // A CAD update of the same incident must not count twice.
            add.accept(call("a" + i, old, "DISTURBANCE", "DISTURBANCE", false, a[0], a[1]));
            add.accept(call("c" + i, old, "DOMESTIC DISTURBANCE", null, false, c[0], c[1]));
            add.accept(call("e" + i, old, "TRAFFIC STOP", null, true, e[0], e[1]));
            add.accept(call("f" + i, recent, "DISTURBANCE", null, false, f[0], f[1]));
        }
        for (int i = 0; i < 4; i++) {
            add.accept(call("b" + i, old, "DISTURBANCE", null, false, b[0], b[1]));
        }
        for (int i = 0; i < 7; i++) {
            add.accept(call("d" + i, old, "DISTURBANCE", null, false, d[0], d[1]));
        }
        for (int i = 0; i < 3; i++) {
            // Final type known later: sensitive, so these three leave cell D (7 -> 4 < k).
            add.accept(call("d" + i, old, "DISTURBANCE", "SEXUAL ASSAULT", false, d[0], d[1]));
        }
        services.produce(PUBLIC_TOPIC, records);

        var registry = gw.gateway().meterRegistry();
        GatewayFixture.await(
                "the feed consumer to read every record",
                () -> {
                    var cnt = registry.find(GatewayMetrics.PUBLIC_FEED_RECORDS).counter();
                    return cnt != null && cnt.count() >= records.size();
                });
        var consumed = Instant.now();
        GatewayFixture.await(
                "a feed built after that",
                () -> {
                    try {
                        var meta =
                                Json.tree(gw.get("/public/hotspots.geojson", null).body())
                                        .path("metadata");
                        return meta.has("generatedAt")
                                && Instant.parse(meta.path("generatedAt").asText())
                                        .isAfter(consumed.plusSeconds(1));
                    } catch (Exception ex) {
                        return false;
                    }
                });

        var r = gw.get("/public/hotspots.geojson", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        var fc = Json.tree(r.body());
        var features = fc.path("features");
        assertThat(features).hasSize(1);
        var props = features.get(0).path("properties");
        assertThat(props.path("cell").asText()).isEqualTo(Hexes.cellAt(a[0], a[1], 8));
        assertThat(props.path("count").asInt()).isEqualTo(6);
        assertThat(features.get(0).path("geometry").path("coordinates").get(0)).hasSize(7);
        assertThat(fc.path("metadata").path("resolution").asInt()).isEqualTo(8);
        assertThat(fc.path("metadata").path("minCount").asInt()).isEqualTo(5);
        assertThat(r.body())
                .doesNotContain("SECRET", "DISTURBANCE", "DOMESTIC", "\"a0\"", "NORTH", "N1");
        assertThat(List.of(r.body())).noneMatch(s -> s.contains(old.toString()));
    }
}
