package io.beatwatch.gateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the router: common headers and request metrics, body limits, public routes, the bearer
 * check for the rest of {@code /api/*}, protected routes, static files, and the single error
 * mapper.
 */
public final class RestApi {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    /** Classpath folder of the console (from the dashboard-ws jar). */
    public static final String CONSOLE_ROOT = "console";

    /** Classpath folder of WebJars. */
    public static final String WEBJARS_ROOT = "META-INF/resources/webjars";

    private RestApi() {}

    /** Builds the router for one HTTP verticle instance. */
    public static Router router(Vertx vertx, ServerDeps deps) {
        var router = Router.router(vertx);
        var auth = new AuthRoutes(deps);
        var ops = new OpsRoutes(deps);
        var tips = new TipRoutes(deps);

        router.route().handler(ctx -> common(ctx, deps));
        router.route("/api/*")
                .handler(
                        ctx -> {
                            ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                            ctx.next();
                        });
        router.post("/api/*")
                .handler(
                        BodyHandler.create(false)
                                .setBodyLimit(deps.config().limits().maxBodyBytes()));

        ops.mountPublic(router);
        auth.mountPublic(router);
        tips.mountPublic(router);
        new PublicTipRoutes(deps).mount(router);
        new PublicPageRoutes(deps).mount(router);

        var handover = new HandoverRoutes(deps);
        handover.mountPage(router);

        router.route("/api/*").handler(auth::authenticate);
        auth.mountProtected(router);
        new LiveViewRoutes(deps).mount(router);
        new MapRoutes(deps).mount(router);
        new ActionRoutes(deps).mount(router);
        new TimelineRoutes(deps).mount(router);
        handover.mount(router);
        new PatrolRoutes(deps).mount(router);
        tips.mountProtected(router);
        ops.mountProtected(router);

        router.route("/webjars/*").handler(StaticHandler.create(WEBJARS_ROOT));
        router.route("/*").handler(StaticHandler.create(CONSOLE_ROOT));

        router.route().failureHandler(RestApi::failure);
        router.errorHandler(404, ctx -> respondError(ctx, ErrorMapper.forStatus(404)));
        router.errorHandler(405, ctx -> respondError(ctx, ErrorMapper.forStatus(405)));
        router.errorHandler(500, RestApi::failure);
        return router;
    }

    private static void common(RoutingContext ctx, ServerDeps deps) {
        long start = System.nanoTime();
        ctx.addBodyEndHandler(
                v ->
                        deps.metrics()
                                .httpRequest(
                                        ctx.response().getStatusCode(),
                                        Duration.ofNanos(System.nanoTime() - start)));
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    private static void failure(RoutingContext ctx) {
        var body = ErrorMapper.map(ctx.failure(), ctx.statusCode());
        if (body.serverError()
                && ctx.failure() != null
                && !(ctx.failure() instanceof ApiException)) {
            LOG.error(
                    "request {} {} failed",
                    ctx.request().method(),
                    ctx.request().path(),
                    ctx.failure());
        }
        respondError(ctx, body);
    }

    private static void respondError(RoutingContext ctx, ErrorMapper.ErrorBody body) {
        var resp = ctx.response();
        if (resp.ended() || resp.headWritten()) {
            if (!resp.ended()) {
                resp.reset();
            }
            return;
        }
        if (body.status() == 401) {
            resp.putHeader("WWW-Authenticate", "Bearer");
        }
        var n = io.beatwatch.gateway.internal.Json.object();
        n.put("error", body.error());
        n.put("detail", body.detail());
        Http.json(ctx, body.status(), n);
    }
}
