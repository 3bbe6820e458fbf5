package io.beatwatch.gateway.http;

import io.beatwatch.gateway.auth.Role;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.internal.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * Operational endpoints: liveness, readiness (Redis PING and Kafka metadata), Prometheus metrics,
 * the OpenAPI document, the status summary for ops, and the public feeds (hotspots, patrol
 * minutes).
 */
final class OpsRoutes {

    static final String OPENAPI_RESOURCE = "/openapi.json";
    static final long READY_TIMEOUT_MS = 3000;

    private final ServerDeps deps;
    private final Buffer openApi;

    OpsRoutes(ServerDeps deps) {
        this.deps = deps;
        try (var in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            this.openApi = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void mountPublic(Router router) {
        router.get("/health/live").handler(ctx -> Http.json(ctx, 200, "{\"status\":\"UP\"}"));
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(this::metrics);
        router.get("/api/openapi.json")
                .handler(
                        ctx ->
                                ctx.response()
                                        .putHeader(HttpHeaders.CONTENT_TYPE, Http.JSON)
                                        .end(openApi));
        router.get("/public/hotspots.geojson").handler(this::publicFeed);
        router.get("/public/patrol-minutes.json").handler(this::patrolMinutes);
    }

    void mountProtected(Router router) {
        router.get("/api/status").handler(this::status);
    }

    private void ready(RoutingContext ctx) {
        var c = ctx.vertx().getOrCreateContext();
        Future<String> redis =
                Async.on(c, deps.view().commands().ping())
                        .timeout(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        var kafka =
                deps.kafka()
                        .partitionsFor(deps.config().topics().tips())
                        .timeout(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Future.join(redis, kafka)
                .onComplete(
                        r -> {
                            boolean redisUp = redis.succeeded() && "PONG".equals(redis.result());
                            boolean kafkaUp = kafka.succeeded() && !kafka.result().isEmpty();
                            var out = Json.object();
                            out.put("status", redisUp && kafkaUp ? "UP" : "DOWN");
                            var checks = out.putObject("checks");
                            checks.put("redis", redisUp ? "UP" : "DOWN");
                            checks.put("kafka", kafkaUp ? "UP" : "DOWN");
                            Http.json(ctx, redisUp && kafkaUp ? 200 : 503, out);
                        });
    }

    private void metrics(RoutingContext ctx) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .end(deps.prometheus().scrape());
    }

    private void publicFeed(RoutingContext ctx) {
        var snap = deps.publicFeed().get();
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/geo+json; charset=utf-8")
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Cache-Control", "public, max-age=60")
                .end(
                        snap == null
                                ? "{\"type\":\"FeatureCollection\",\"features\":[]}"
                                : snap.geoJson());
    }

    private void patrolMinutes(RoutingContext ctx) {
        var snap = deps.patrolMinutes().get();
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, Http.JSON)
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Cache-Control", "public, max-age=60")
                .end(snap == null ? "{\"v\":1,\"days\":[]}" : snap.json());
    }

    private void status(RoutingContext ctx) {
        var p = Http.principal(ctx);
        if (!p.role().readsStatus()) {
            throw ApiException.forbidden("only ops and supervisors read status");
        }
        var out = Json.object();
        var sessions = out.putObject("sessions");
        for (var r : Role.values()) {
            sessions.put(r.wire(), deps.metrics().sessions(r));
        }
        out.put("sessionsTotal", deps.sessions().total());
        out.put("readerPosition", deps.live().readerPosition().toString());
        if (deps.live().lastRead() != null) {
            out.put("lastStreamRead", deps.live().lastRead().toString());
        }
        if (deps.live().lastPoll() != null) {
            out.put("lastMapPoll", deps.live().lastPoll().toString());
        }
        var snap = deps.publicFeed().get();
        if (snap != null) {
            var pf = out.putObject("publicFeed");
            pf.put("generatedAt", snap.generatedAt().toString());
            pf.put("cells", snap.cells());
        }
        var patrol = deps.patrolMinutes().get();
        if (patrol != null) {
            var pm = out.putObject("patrolMinutes");
            pm.put("generatedAt", patrol.generatedAt().toString());
            pm.put("districtDays", patrol.districtDays());
        }
        Http.json(ctx, 200, out);
    }
}
