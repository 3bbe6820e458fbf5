package io.beatwatch.gateway.http;

import io.beatwatch.gateway.internal.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Files;
import java.util.function.Function;

/**
 * The public transparency page, without sign-in: its static assets under {@code /public/} (from the
 * dashboard-ws jar), the page's daily data ({@code /public/daily.json}), the downloads of the same
 * figures ({@code /public/downloads/...}) and the latest impact result if its file exists ({@code
 * /public/impact.json}). Everything is built from the published figures only.
 */
final class PublicPageRoutes {

    /** Classpath folder of the public page (from the dashboard-ws jar). */
    static final String PUBLIC_ROOT = "public";

    /** Largest impact file passed through. */
    static final int MAX_IMPACT_BYTES = 64 * 1024;

    /** The page's assets may only load from the gateway itself (no CDN, no tile server). */
    static final String CSP =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                    + " connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
                    + " base-uri 'none'";

    private final ServerDeps deps;

    PublicPageRoutes(ServerDeps deps) {
        this.deps = deps;
    }

    void mount(Router router) {
        // Vert.x matches "/public" with or without the slash: redirect only the bare one
        router.get("/public")
                .handler(
                        ctx -> {
                            if (ctx.request().path().equals("/public")) {
                                redirect(ctx, "/public/");
                            } else {
                                ctx.next();
                            }
                        });
        router.get("/public/daily.json")
                .handler(ctx -> data(ctx, Http.JSON, null, s -> s.pageJson()));
        router.get("/public/downloads/daily-cells.csv")
                .handler(
                        ctx ->
                                data(
                                        ctx,
                                        "text/csv; charset=utf-8",
                                        "daily-cells.csv",
                                        s -> s.cellsCsv()));
        router.get("/public/downloads/daily-districts.csv")
                .handler(
                        ctx ->
                                data(
                                        ctx,
                                        "text/csv; charset=utf-8",
                                        "daily-districts.csv",
                                        s -> s.districtsCsv()));
        router.get("/public/downloads/daily-cells.geojson")
                .handler(
                        ctx ->
                                data(
                                        ctx,
                                        "application/geo+json; charset=utf-8",
                                        "daily-cells.geojson",
                                        s -> s.cellsGeoJson()));
        router.get("/public/downloads/data-dictionary.txt")
                .handler(
                        ctx ->
                                data(
                                        ctx,
                                        "text/plain; charset=utf-8",
                                        "data-dictionary.txt",
                                        s -> s.dictionary()));
        router.get("/public/impact.json").handler(this::impact);
        router.get("/public/tip").handler(ctx -> ctx.reroute("/public/tip.html"));
        router.route("/public/*")
                .handler(
                        ctx -> {
                            ctx.response()
                                    .putHeader("Content-Security-Policy", CSP)
                                    .putHeader("Cross-Origin-Opener-Policy", "same-origin");
                            ctx.next();
                        });
        router.route("/public/*").handler(StaticHandler.create(PUBLIC_ROOT));
    }

    private static void redirect(RoutingContext ctx, String to) {
        ctx.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, to).end();
    }

    private void data(
            RoutingContext ctx,
            String contentType,
            String filename,
            Function<io.beatwatch.gateway.transparency.PublicPageSnapshot, String> part) {
        var snap = deps.publicPage().get();
        if (snap == null) {
            throw ApiException.unavailable("the public page is starting");
        }
        var page = deps.config().publicPage();
        var resp =
                ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                        .putHeader("Access-Control-Allow-Origin", "*")
                        .putHeader("Cache-Control", "public, max-age=60")
                        .putHeader("Link", "<" + page.licenceUrl() + ">; rel=\"license\"");
        if (filename != null) {
            resp.putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        }
        resp.end(part.apply(snap));
    }

    /**
     * The latest impact evaluation, if the configured file exists: only its top-level numbers,
     * booleans, short texts and lists of numbers are passed on.
     */
    private void impact(RoutingContext ctx) {
        var file = deps.config().publicPage().impactFile();
        ctx.vertx()
                .executeBlocking(
                        () -> {
                            if (file == null
                                    || !Files.isRegularFile(file)
                                    || Files.size(file) > MAX_IMPACT_BYTES) {
                                return null;
                            }
                            var tree = Json.tree(Files.readAllBytes(file));
                            if (!tree.isObject()) {
                                return null;
                            }
                            var out = Json.object();
                            tree.fields()
                                    .forEachRemaining(
                                            e -> {
                                                var v = e.getValue();
                                                boolean numbers =
                                                        v.isArray()
                                                                && v.size() <= 16
                                                                && java
                                                                        .util
                                                                        .stream
                                                                        .StreamSupport
                                                                        .stream(
                                                                                v.spliterator(),
                                                                                false)
                                                                        .allMatch(
                                                                                x -> x.isNumber());
                                                if (v.isNumber()
                                                        || v.isBoolean()
                                                        || (v.isTextual()
                                                                && v.asText().length() <= 500)
                                                        || numbers) {
                                                    out.set(e.getKey(), v);
                                                }
                                            });
                            out.put("source", file.getFileName().toString());
                            return Json.write(out);
                        },
                        false)
                .onSuccess(
                        json -> {
                            if (json == null) {
                                ctx.fail(ApiException.notFound("no impact evaluation published"));
                                return;
                            }
                            ctx.response().putHeader("Cache-Control", "public, max-age=300");
                            Http.json(ctx, 200, json);
                        })
                .onFailure(e -> ctx.fail(ApiException.notFound("no impact evaluation published")));
    }
}
