package io.beatwatch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.internal.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** Small helpers shared by the route classes. */
final class Http {

    static final String PRINCIPAL = "beatwatch.principal";
    static final String JSON = "application/json; charset=utf-8";

    private Http() {}

    static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(PRINCIPAL);
        if (p == null) {
            throw ApiException.unauthorized("missing bearer token");
        }
        return p;
    }

    /** The caller, if its role reads the live view (hotspots, alerts, the map); else 403. */
    static Principal liveViewReader(RoutingContext ctx) {
        var p = principal(ctx);
        if (!p.role().readsLiveView()) {
            throw ApiException.forbidden(
                    "role " + p.role().wire() + " has no access to the live view");
        }
        return p;
    }

    static void json(RoutingContext ctx, int status, Object body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(body instanceof String s ? s : Json.write(body));
    }

    /** The request body as a JSON tree; an empty body is an empty object. */
    static JsonNode body(RoutingContext ctx) {
        var ct = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        var buf = ctx.body().buffer();
        if (buf == null || buf.length() == 0) {
            return Json.object();
        }
        if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(
                    415, ErrorMapper.UNSUPPORTED_MEDIA_TYPE, "expected application/json");
        }
        try {
            return Json.tree(buf.getBytes());
        } catch (Exception e) {
            throw ApiException.badRequest("body is not valid JSON");
        }
    }

    /**
     * The client address: the TCP peer, or the first {@code X-Forwarded-For} hop when the gateway
     * is configured to trust its proxy.
     */
    static String remote(HttpServerRequest req, boolean trustForwardedFor) {
        if (trustForwardedFor) {
            var xff = req.getHeader("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                var first = xff.split(",")[0].trim();
                if (!first.isEmpty() && first.length() <= 64) {
                    return first;
                }
            }
        }
        var a = req.remoteAddress();
        return a == null ? "unknown" : a.hostAddress();
    }

    /** A bounded, printable path or query value, or a 400. */
    static String safeParam(String value, String name, int maxLen) {
        if (value == null || value.isEmpty() || value.length() > maxLen) {
            throw ApiException.badRequest(name + " is missing or too long");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw ApiException.badRequest(name + " contains control characters");
            }
        }
        return value;
    }
}
