package io.beatwatch.gateway.http;

import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.gateway.handover.HandoverHtml;
import io.beatwatch.gateway.handover.HandoverReport;
import io.beatwatch.gateway.handover.HandoverSource;
import io.beatwatch.gateway.internal.Json;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * {@code GET /api/handover?from=&to=&format=json|html}: the shift handover of the districts in a
 * supervisor's scope ({@link HandoverReport}), as data or as the printable document {@link
 * HandoverHtml} draws; {@code GET /handover} is the console's page that shows it.
 */
final class HandoverRoutes {

    /** The shift reported when the request names none: the last eight hours. */
    static final Duration DEFAULT_SHIFT = Duration.ofHours(8);

    private final ServerDeps deps;
    private final ZoneId zone;

    HandoverRoutes(ServerDeps deps) {
        this.deps = deps;
        this.zone = zone(deps.config().publicFeed());
    }

    void mountPage(Router router) {
        router.get("/handover").handler(ctx -> ctx.reroute("/handover.html"));
    }

    void mount(Router router) {
        router.get("/api/handover").handler(this::handover);
    }

    /** The city's zone for local times and dosage days; UTC when none is configured. */
    static ZoneId zone(io.beatwatch.gateway.config.GatewayConfig.PublicFeed feed) {
        if (feed.zone() != null) {
            return feed.zone();
        }
        if (feed.cityProfile() != null) {
            return CityProfiles.load(feed.cityProfile()).zone();
        }
        return ZoneOffset.UTC;
    }

    private void handover(RoutingContext ctx) {
        var p = Http.principal(ctx);
        if (!p.role().actsOnAlerts()) {
            throw ApiException.forbidden("the shift handover is for supervisors");
        }
        var now = deps.clock().instant();
        var to = instant(ctx.request().getParam("to"), "to", now);
        var from = instant(ctx.request().getParam("from"), "from", to.minus(DEFAULT_SHIFT));
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from must be before to");
        }
        if (Duration.between(from, to).compareTo(HandoverReport.MAX_SPAN) > 0) {
            throw ApiException.badRequest("a handover covers at most 7 days");
        }
        var format = ctx.request().getParam("format", "json");
        if (!format.equals("json") && !format.equals("html")) {
            throw ApiException.badRequest("format must be json or html");
        }
        var source = new HandoverSource(deps.view().commands(), deps.config().live().windows());
        Future.fromCompletionStage(source.read(from, to, zone), ctx.vertx().getOrCreateContext())
                .map(in -> HandoverReport.build(from, to, zone, now, in, p::canSee))
                .onSuccess(
                        r -> {
                            if (format.equals("html")) {
                                ctx.response()
                                        .putHeader(
                                                HttpHeaders.CONTENT_TYPE,
                                                "text/html; charset=utf-8")
                                        .end(HandoverHtml.document(r));
                            } else {
                                Http.json(ctx, 200, Json.MAPPER.valueToTree(r));
                            }
                        })
                .onFailure(ctx::fail);
    }

    /**
     * An ISO instant ({@code 2026-12-07T06:00:00Z}) or a local date-time in the city's zone ({@code
     * 2026-12-07T06:00}); the fallback when absent.
     */
    private Instant instant(String text, String name, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Http.safeParam(text, name, 40);
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeException e2) {
                throw ApiException.badRequest(
                        name
                                + " must be an instant (2026-12-07T06:00:00Z) or a local time"
                                + " (2026-12-07T06:00)");
            }
        }
    }
}
