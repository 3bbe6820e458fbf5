package io.beatwatch.gateway.http;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.audit.AuditLog;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.internal.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public tips intake ({@code POST /api/tips}: rate-limited per client, identifying fields
 * stripped, 202 with the tip id) and the supervisor's audited tip detail ({@code GET
 * /api/tips/{id}}). The client address is used only, salted and hashed in memory, for the rate
 * limit: it is never logged, audited or stored with the tip.
 */
final class TipRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(TipRoutes.class);
    private static final Pattern TIP_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Reason tags for rejections that are not validation failures. */
    static final String RATE_LIMITED = "rate_limited";

    static final String MALFORMED_JSON = "malformed_json";
    static final String TOO_LARGE = "too_large";
    static final String UNAVAILABLE = "unavailable";

    private final ServerDeps deps;

    TipRoutes(ServerDeps deps) {
        this.deps = deps;
    }

    void mountPublic(Router router) {
        router.post("/api/tips").handler(this::submit);
    }

    void mountProtected(Router router) {
        router.get("/api/tips/:tipId").handler(this::detail);
    }

    private void submit(RoutingContext ctx) {
        var metrics = deps.metrics();
        var client = Http.remote(ctx.request(), deps.config().trustForwardedFor());
        if (!deps.tipLimiter().tryAcquire(client)) {
            metrics.tipRejected(RATE_LIMITED);
            throw ApiException.tooManyRequests("too many tips from this client; try again later");
        }
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = Http.body(ctx);
        } catch (ApiException e) {
            metrics.tipRejected(MALFORMED_JSON);
            throw new ApiException(e.status(), MALFORMED_JSON, e.detail());
        }
        var result =
                deps.tipIntake()
                        .accept(body, deps.clock().instant(), () -> UUID.randomUUID().toString());
        if (!result.accepted()) {
            metrics.tipRejected(result.reason());
            throw ApiException.badRequest(result.reason(), result.detail());
        }
        var tip = result.tip();
        deps.tips()
                .publish(ctx.vertx().getOrCreateContext(), tip)
                .onSuccess(
                        v -> {
                            metrics.tipAccepted();
                            var out = Json.object();
                            out.put("id", tip.id());
                            Http.json(ctx, 202, out);
                        })
                .onFailure(
                        e -> {
                            metrics.tipRejected(UNAVAILABLE);
                            LOG.warn("tip {} not published: {}", tip.id(), e.toString());
                            ctx.fail(
                                    ApiException.unavailable(
                                            "tips intake is unavailable; try again"));
                        });
    }

    private void detail(RoutingContext ctx) {
        var p = Http.principal(ctx);
        var id = ctx.pathParam("tipId");
        var from = Http.remote(ctx.request(), deps.config().trustForwardedFor());
        if (id == null || !TIP_ID.matcher(id).matches()) {
            throw ApiException.badRequest("not a tip id");
        }
        if (!p.role().seesTips()) {
            deps.audit()
                    .record(
                            p.user(),
                            p.role().wire(),
                            "tip.read",
                            id,
                            from,
                            AuditLog.DENIED,
                            "role");
            throw ApiException.forbidden("only supervisors read tip detail");
        }
        Async.on(ctx.vertx().getOrCreateContext(), deps.view().commands().get(RedisKeys.tip(id)))
                .onSuccess(
                        json -> {
                            if (json == null) {
                                deps.audit()
                                        .record(
                                                p.user(),
                                                p.role().wire(),
                                                "tip.read",
                                                id,
                                                from,
                                                AuditLog.FAILED,
                                                "not found");
                                ctx.fail(ApiException.notFound("no tip with this id (or expired)"));
                                return;
                            }
                            deps.audit()
                                    .record(
                                            p.user(),
                                            p.role().wire(),
                                            "tip.read",
                                            id,
                                            from,
                                            AuditLog.OK,
                                            null);
                            ctx.response().putHeader("Cache-Control", "no-store");
                            Http.json(ctx, 200, json);
                        })
                .onFailure(ctx::fail);
    }
}
