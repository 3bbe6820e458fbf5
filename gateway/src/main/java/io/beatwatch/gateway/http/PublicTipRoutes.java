package io.beatwatch.gateway.http;

import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.tips.TipForm;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The anonymous tip form's intake ({@code POST /public/tip}): rate-limited per client under a
 * rotating salted hash, the form turned into an intake body by {@link TipForm} (cell centre, text
 * scrubbed), then the same intake and Kafka path as {@code POST /api/tips}. Answers 202 with a
 * reference the tipster can quote. The client address and user agent are read for nothing but the
 * in-memory rate limit: never logged, audited or stored with the tip.
 */
final class PublicTipRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(PublicTipRoutes.class);

    private final ServerDeps deps;
    private final TipForm form;

    PublicTipRoutes(ServerDeps deps) {
        this.deps = deps;
        this.form = new TipForm(deps.config().tips().cellResolution());
    }

    void mount(Router router) {
        router.post("/public/tip")
                .handler(
                        BodyHandler.create(false)
                                .setBodyLimit(deps.config().limits().maxBodyBytes()))
                .handler(this::submit);
    }

    private void submit(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store");
        var metrics = deps.metrics();
        var client = Http.remote(ctx.request(), deps.config().trustForwardedFor());
        if (!deps.tipFormLimiter().tryAcquire(client)) {
            metrics.tipRejected(TipRoutes.RATE_LIMITED);
            throw ApiException.tooManyRequests("too many tips from here; try again later");
        }
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = form.toIntakeBody(Http.body(ctx));
        } catch (ApiException e) {
            metrics.tipRejected(TipRoutes.MALFORMED_JSON);
            throw new ApiException(e.status(), TipRoutes.MALFORMED_JSON, e.detail());
        } catch (TipForm.Rejected e) {
            metrics.tipRejected(e.reason());
            throw ApiException.badRequest(e.reason(), e.getMessage());
        }
        TipRoutes.intake(
                ctx,
                deps,
                body,
                LOG,
                "form tip",
                tip -> Json.object().put("reference", TipForm.reference(tip.id())));
    }
}
