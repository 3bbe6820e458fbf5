package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.Signal;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.auth.DevKeys;
import io.beatwatch.gateway.auth.DevTokens;
import io.beatwatch.gateway.auth.Role;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.testing.Alerts;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST API against real Redis and Kafka: scoping, actions, geometry, ops endpoints. */
class RestIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    static TestServices services;

    static final String FEEDBACK_TOPIC = "it.feedback." + System.nanoTime();
    static GatewayFixture gw;
    static Path audit;

    @BeforeAll
    static void start() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        services.kafka().createTopics(1, FEEDBACK_TOPIC, GatewayConfig.Topics.DEFAULT_TIPS);
        audit =
                Files.createTempFile(
                        Path.of(System.getProperty("java.io.tmpdir")), "audit", ".jsonl");
        var base = GatewayFixture.config(services);
        var t = base.topics();
        gw =
                GatewayFixture.start(
                        base.auditFile(audit)
                                .topics(new GatewayConfig.Topics(t.tips(), FEEDBACK_TOPIC, t.cfs()))
                                .build());
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

    static void seedCell() {
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
        redis.hset(
                RedisKeys.cell(Alerts.CELL, 30),
                Map.of(
                        "observed",
                        "5",
                        "expected",
                        "1.0",
                        "score",
                        "4.0",
                        "recurrence",
                        "40",
                        "district",
                        "NORTH"));
    }

    @Test
    void everyApiRouteNeedsAValidTokenAndErrorsAreJson() throws Exception {
        for (var path :
                List.of("/api/alerts", "/api/hotspots.geojson", "/api/status", "/api/nothing")) {
            var r = gw.get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(GatewayFixture.json(r).path("error").asText()).isEqualTo("unauthorized");
            assertThat(gw.get(path, "not.a.jwt").statusCode()).isEqualTo(401);
        }
        var other = new DevTokens(DevKeys.generate(), "beatwatch", Clock.systemUTC());
        var forged = other.sign("sup1", Role.SUPERVISOR, List.of("*"), Duration.ofMinutes(5));
        assertThat(gw.get("/api/alerts", forged).statusCode()).isEqualTo(401);
        var wrongIssuer =
                gw.tokens()
                        .sign("sup1", "supervisor", List.of("*"), Duration.ofMinutes(5), "someone");
        assertThat(gw.get("/api/alerts", wrongIssuer).statusCode()).isEqualTo(401);

        var notFound = gw.get("/api/nothing", gw.token("sup1"));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(GatewayFixture.json(notFound).path("error").asText()).isEqualTo("not_found");
        assertThat(GatewayFixture.json(gw.get("/no/such/page", null)).path("error").asText())
                .isEqualTo("not_found");
    }

    @Test
    void openAlertsAreScopedByRoleAndDistrict() throws Exception {
        var redis = services.redis();
        Alerts.open(redis, Alerts.alert("n1", "NORTH"));
        Alerts.open(redis, Alerts.alert("s1", "SOUTH"));
        Alerts.open(redis, Alerts.alert("n-tips", "NORTH", Signal.TIPS, 0));

        var sup = GatewayFixture.json(gw.get("/api/alerts", gw.token("sup1")));
        assertThat(sup.findValuesAsText("alertId")).containsExactlyInAnyOrder("n1", "s1", "n-tips");
        var disp = GatewayFixture.json(gw.get("/api/alerts", gw.token("disp-north")));
        assertThat(disp.findValuesAsText("alertId")).containsExactly("n1");
        var analyst =
                GatewayFixture.json(gw.get("/api/alerts?district=SOUTH", gw.token("analyst1")));
        assertThat(analyst.findValuesAsText("alertId")).containsExactly("s1");

        assertThat(gw.get("/api/alerts?district=SOUTH", gw.token("disp-north")).statusCode())
                .isEqualTo(403);
        assertThat(gw.get("/api/alerts", gw.token("ops1")).statusCode()).isEqualTo(403);
    }

    @Test
    void supervisorActionsAreStoredAuditedAndShownWithTheAlert() throws Exception {
        var redis = services.redis();
        Alerts.open(redis, Alerts.alert("n1", "NORTH"));

        assertThat(gw.post("/api/alerts/n1/ack", gw.token("analyst1"), "{}").statusCode())
                .isEqualTo(403);
        assertThat(gw.post("/api/alerts/n1/ack", gw.token("disp-north"), "{}").statusCode())
                .isEqualTo(403);
        assertThat(gw.post("/api/alerts/n1/assign", gw.token("sup1"), "{}").statusCode())
                .isEqualTo(400);
        assertThat(gw.post("/api/alerts/missing/ack", gw.token("sup1"), "{}").statusCode())
                .isEqualTo(404);
        assertThat(gw.post("/api/alerts/n1/explode", gw.token("sup1"), "{}").statusCode())
                .isEqualTo(404);

        var ack = gw.post("/api/alerts/n1/ack", gw.token("sup1"), "{\"note\":\"seen\"}");
        assertThat(ack.statusCode()).isEqualTo(200);
        var assign =
                gw.post("/api/alerts/n1/assign", gw.token("sup1"), "{\"assignee\":\"unit 12\"}");
        assertThat(assign.statusCode()).isEqualTo(200);
        assertThat(GatewayFixture.json(assign).path("by").asText()).isEqualTo("sup1");

        var stored = Json.tree(redis.hget(RedisKeys.ALERT_ACTIONS, "n1"));
        assertThat(stored.path("action").asText()).isEqualTo("assign");
        assertThat(stored.path("assignee").asText()).isEqualTo("unit 12");
        var alerts = GatewayFixture.json(gw.get("/api/alerts", gw.token("sup1")));
        assertThat(alerts.get(0).path("action").path("action").asText()).isEqualTo("assign");

        var lines = Files.readAllLines(audit);
        assertThat(lines)
                .anyMatch(
                        l ->
                                l.contains("\"who\":\"sup1\"")
                                        && l.contains("\"action\":\"alert.assign\"")
                                        && l.contains("\"target\":\"n1\"")
                                        && l.contains("\"from\":\"127.0.0.1\"")
                                        && l.contains("\"outcome\":\"ok\""));
        assertThat(lines)
                .anyMatch(
                        l ->
                                l.contains("\"who\":\"analyst1\"")
                                        && l.contains("\"action\":\"alert.ack\"")
                                        && l.contains("\"outcome\":\"denied\""));
    }

    @Test
    void hotspotsAreHexPolygonsAndCellDetailExplainsTheCell() throws Exception {
        seedCell();
        Alerts.open(services.redis(), Alerts.alert("n1", "NORTH"));
        var sup = gw.token("sup1");

        var fc = GatewayFixture.json(gw.get("/api/hotspots.geojson?district=NORTH&window=60", sup));
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.path("features")).hasSize(1);
        var feature = fc.path("features").get(0);
        var ring = feature.path("geometry").path("coordinates").get(0);
        assertThat(ring).hasSize(7);
        assertThat(ring.get(0)).isEqualTo(ring.get(6));
        assertThat(ring.get(0).get(0).asDouble()).isBetween(-123.0, -122.0);
        assertThat(feature.path("properties").path("observed").asInt()).isEqualTo(9);
        assertThat(gw.get("/api/hotspots.geojson?window=45", sup).statusCode()).isEqualTo(400);
        assertThat(
                        GatewayFixture.json(gw.get("/api/hotspots.geojson", gw.token("disp-south")))
                                .path("features"))
                .isEmpty();

        var cell = GatewayFixture.json(gw.get("/api/cells/" + Alerts.CELL, sup));
        assertThat(cell.path("district").asText()).isEqualTo("NORTH");
        assertThat(cell.path("windows").findValuesAsText("window")).containsExactly("30", "60");
        assertThat(cell.path("alerts").findValuesAsText("alertId")).containsExactly("n1");
        assertThat(cell.path("boundary")).hasSize(6);
        assertThat(gw.get("/api/cells/" + Alerts.CELL, gw.token("disp-south")).statusCode())
                .isEqualTo(403);
        assertThat(gw.get("/api/cells/not-a-cell", sup).statusCode()).isEqualTo(400);
        assertThat(gw.get("/api/cells/8928308280bffff", sup).statusCode()).isEqualTo(404);
    }

    @Test
    void dispatcherAnswersASuggestionOfItsDistrictToKafka() throws Exception {
        var redis = services.redis();
        redis.set(
                RedisKeys.suggestion("sg-1"),
                "{\"v\":1,\"suggestionId\":\"sg-1\",\"district\":\"NORTH\",\"cell\":\""
                        + Alerts.CELL
                        + "\",\"dwellMinutes\":12}");
        // what the console sends: the action and, optionally, the unit (the gateway finds the
        // district from the suggestion itself)
        var body = "{\"action\":\"accepted\",\"unit\":\"unit 7\"}";
        var url = "/api/suggestions/sg-1/feedback";
        assertThat(gw.post(url, gw.token("disp-south"), body).statusCode()).isEqualTo(403);
        assertThat(gw.post(url, gw.token("analyst1"), body).statusCode()).isEqualTo(403);
        var unknown = gw.post("/api/suggestions/nope/feedback", gw.token("disp-north"), body);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(GatewayFixture.json(unknown).path("error").asText()).isNotBlank();
        var wrongDistrict = "{\"action\":\"accepted\",\"district\":\"SOUTH\"}";
        assertThat(gw.post(url, gw.token("sup1"), wrongDistrict).statusCode()).isEqualTo(400);
        assertThat(gw.post(url, gw.token("disp-north"), "{\"action\":\"maybe\"}").statusCode())
                .isEqualTo(400);

        var r = gw.post(url, gw.token("disp-north"), body);
        assertThat(r.statusCode()).isEqualTo(202);
        var done = gw.post(url, gw.token("sup1"), "{\"action\":\"done\",\"district\":\"NORTH\"}");
        assertThat(done.statusCode()).isEqualTo(202);
        var records = services.kafka().consume(FEEDBACK_TOPIC, 2, GatewayFixture.WAIT);
        assertThat(records).hasSize(2);
        var fb = Json.tree(records.get(0).value());
        assertThat(fb.path("suggestionId").asText()).isEqualTo("sg-1");
        assertThat(fb.path("action").asText()).isEqualTo("accepted");
        assertThat(fb.path("unit").asText()).isEqualTo("unit 7");
        assertThat(fb.path("district").asText()).isEqualTo("NORTH");
        assertThat(fb.path("cell").asText()).isEqualTo(Alerts.CELL);
        assertThat(Json.tree(records.get(1).value()).path("action").asText()).isEqualTo("done");
        // keyed by district, so one district's answers stay in order on one partition
        assertThat(records).allMatch(rec -> "NORTH".equals(rec.key()));
        var lines = Files.readAllLines(audit);
        assertThat(lines.stream().filter(l -> l.contains("suggestion.feedback")))
                .anyMatch(l -> l.contains("\"disp-north\"") && l.contains("\"ok\""))
                .anyMatch(l -> l.contains("\"disp-south\"") && l.contains("denied"));
    }

    @Test
    void dosageOfTheFeedsNewestDayIsScopedAndShowsConcentration() throws Exception {
        var redis = services.redis();
        var sup = gw.token("sup1");
        // before the first patrol round: no day yet
        var none = GatewayFixture.json(gw.get("/api/patrol/dosage", sup));
        assertThat(none.path("date").isNull()).isTrue();
        assertThat(none.path("districts")).isEmpty();

        redis.zadd(RedisKeys.DOSAGE_DAYS, 20514, "2026-03-01");
        redis.zadd(RedisKeys.DOSAGE_DAYS, 20515, "2026-03-02");
        var day = RedisKeys.dosageSummary("2026-03-02");
        redis.hset(
                day,
                "NORTH",
                "{\"minutes\":60,\"visits\":4,\"fromAlerts\":1,\"doneMinutes\":15,"
                        + "\"declined\":1,\"cells\":3}");
        redis.hset(day, "SOUTH", "{\"minutes\":15,\"visits\":1}");
        redis.hset(
                RedisKeys.dosage("NORTH", "2026-03-02"),
                Map.of("c1", "30", "c2", "15", "c3", "15"));
        redis.hset(RedisKeys.dosageSummary("2026-03-01"), "NORTH", "{\"minutes\":5}");

        var all = GatewayFixture.json(gw.get("/api/patrol/dosage", sup));
        assertThat(all.path("date").asText()).isEqualTo("2026-03-02");
        assertThat(all.path("districts").findValuesAsText("district"))
                .containsExactly("NORTH", "SOUTH");
        var north = all.path("districts").get(0);
        assertThat(north.path("minutes").asInt()).isEqualTo(60);
        assertThat(north.path("declined").asInt()).isEqualTo(1);
        assertThat(north.path("cells").asInt()).isEqualTo(3);
        assertThat(north.path("topCell").asText()).isEqualTo("c1");
        assertThat(north.path("topCellShare").asDouble()).isEqualTo(0.5);

        var own = GatewayFixture.json(gw.get("/api/patrol/dosage", gw.token("disp-north")));
        assertThat(own.path("districts").findValuesAsText("district")).containsExactly("NORTH");
        var earlier = GatewayFixture.json(gw.get("/api/patrol/dosage?date=2026-03-01", sup));
        assertThat(earlier.path("districts").get(0).path("minutes").asInt()).isEqualTo(5);
        assertThat(gw.get("/api/patrol/dosage?date=yesterday", sup).statusCode()).isEqualTo(400);
        assertThat(gw.get("/api/patrol/dosage", null).statusCode()).isEqualTo(401);
    }

    @Test
    void opsEndpointsReportHealthMetricsAndTheApi() throws Exception {
        assertThat(gw.get("/health/live", null).statusCode()).isEqualTo(200);
        var ready = gw.get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(GatewayFixture.json(ready).path("checks").path("redis").asText())
                .isEqualTo("UP");

        try (var c = gw.console("sup1")) {
            c.subscribe(List.of("*"), null);
            c.next("snapshot");
            Alerts.append(services.redis(), Alerts.alert("m1", "NORTH"));
            c.next("alert");
            var metrics = gw.get("/metrics", null).body();
            assertThat(metrics)
                    .contains("beatwatch_gateway_ws_sessions{role=\"supervisor\"} 1.0")
                    .contains("beatwatch_gateway_alerts_pushed_total 1.0")
                    .contains("beatwatch_gateway_alert_push_latency_seconds_count 1")
                    .contains("beatwatch_gateway_tips_accepted_total")
                    .contains("beatwatch_gateway_http_requests_seconds_count{outcome=\"SUCCESS\"}");
            var status = GatewayFixture.json(gw.get("/api/status", gw.token("ops1")));
            assertThat(status.path("sessions").path("supervisor").asInt()).isEqualTo(1);
            assertThat(gw.get("/api/status", gw.token("analyst1")).statusCode()).isEqualTo(403);
        }

        var api = GatewayFixture.json(gw.get("/api/openapi.json", null));
        assertThat(api.path("openapi").asText()).isEqualTo("3.1.0");
        var paths = new ArrayList<String>();
        api.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths)
                .contains(
                        "/api/alerts",
                        "/api/hotspots.geojson",
                        "/api/cells/{cell}",
                        "/api/alerts/{alertId}/{action}",
                        "/api/tips",
                        "/api/tips/{tipId}",
                        "/public/hotspots.geojson",
                        "/health/live",
                        "/health/ready",
                        "/metrics",
                        "/api/ws-ticket",
                        "/api/dev/login",
                        "/api/status",
                        "/api/openapi.json",
                        "/api/suggestions/{suggestionId}/feedback");

        var leaflet = gw.get("/webjars/leaflet/1.9.4/dist/leaflet.js", null);
        assertThat(leaflet.statusCode()).isEqualTo(200);
        assertThat(leaflet.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void devLoginIssuesUsableTokensOnlyWhenEnabled() throws Exception {
        var login = gw.post("/api/dev/login", null, "{\"user\":\"disp-north\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        var token = GatewayFixture.json(login).path("token").asText();
        assertThat(GatewayFixture.json(login).path("districts").get(0).asText()).isEqualTo("NORTH");
        assertThat(gw.get("/api/alerts", token).statusCode()).isEqualTo(200);
        assertThat(gw.post("/api/dev/login", null, "{\"user\":\"mallory\"}").statusCode())
                .isEqualTo(401);

        var keys = DevKeys.generate();
        var base = GatewayFixture.config(services);
        try (var prod =
                GatewayFixture.start(
                        base.devLogins(false)
                                .jwt(
                                        new GatewayConfig.Jwt(
                                                keys.publicKeyPem(),
                                                null,
                                                "beatwatch",
                                                Duration.ofSeconds(30),
                                                GatewayConfig.Jwt.DEFAULT_AUDIENCE))
                                .build())) {
            assertThat(prod.post("/api/dev/login", null, "{\"user\":\"sup1\"}").statusCode())
                    .isEqualTo(404);
            var signed =
                    new DevTokens(keys, "beatwatch", Clock.systemUTC())
                            .sign("sup1", Role.SUPERVISOR, List.of("*"), Duration.ofMinutes(5));
            assertThat(prod.get("/api/alerts", signed).statusCode()).isEqualTo(200);
            assertThat(prod.get("/api/alerts", token).statusCode()).isEqualTo(401);
        }
    }
}
