package io.beatwatch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.core.model.Tip;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.audit.AuditLog;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.internal.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.function.Function;
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
        JsonNode body;
        try {
            body = Http.body(ctx);
        } catch (ApiException e) {
            metrics.tipRejected(MALFORMED_JSON);
            throw new ApiException(e.status(), MALFORMED_JSON, e.detail());
        }
        intake(ctx, deps, body, LOG, "tip", tip -> Json.object().put("id", tip.id()));
    }

    /**
     * Runs an intake body through the tip intake and publishes the tip to Kafka: 202 with {@code
     * reply(tip)}, or a 400 or 503 with its rejection counted. The API and the form share it.
     */
    static void intake(
            RoutingContext ctx,
            ServerDeps deps,
            JsonNode body,
            Logger log,
            String what,
            Function<Tip, ObjectNode> reply) {
        var metrics = deps.metrics();
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
                            Http.json(ctx, 202, reply.apply(tip));
                        })
                .onFailure(
                        e -> {
                            metrics.tipRejected(UNAVAILABLE);
                            log.warn("{} {} not published: {}", what, tip.id(), e.toString());
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
