package io.beatwatch.gateway.http;

import io.beatwatch.gateway.audit.AuditLog;
import io.beatwatch.gateway.auth.DevTokens;
import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.auth.Revocations;
import io.beatwatch.gateway.auth.Role;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.internal.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer-token checking for {@code /api/*}, WebSocket tickets, and dev logins (only when enabled).
 */
final class AuthRoutes {

    private final ServerDeps deps;

    AuthRoutes(ServerDeps deps) {
        this.deps = deps;
    }

    /** Mounts dev login (public) before the bearer check, and the ticket route after it. */
    void mountPublic(Router router) {
        if (deps.config().devLogins() && deps.devTokens() != null) {
            router.post("/api/dev/login").handler(this::devLogin);
        } else {
            router.route("/api/dev/login")
                    .handler(
                            ctx -> {
                                throw ApiException.notFound("dev logins are disabled");
                            });
        }
    }

    void mountProtected(Router router) {
        router.post("/api/ws-ticket").handler(this::ticket);
        router.post("/api/logout").handler(this::logout);
        router.post("/api/sessions/revoke").handler(this::revokeSessions);
    }

    /** Signs the caller out everywhere: every token of theirs issued until now is refused. */
    private void logout(RoutingContext ctx) {
        var p = Http.principal(ctx);
        revoke(ctx, p, p.user(), "session.logout");
    }

    /**
     * Revokes another user's sessions (a lost tablet, a leaver): ops, or a supervisor of every
     * district. Their tokens issued until now are refused and their open consoles closed.
     */
    private void revokeSessions(RoutingContext ctx) {
        var p = Http.principal(ctx);
        var from = Http.remote(ctx.request(), deps.config().trustForwardedFor());
        var user = Http.body(ctx).path("user").asText("");
        if (user.isBlank() || user.length() > 128) {
            throw ApiException.badRequest("user is required");
        }
        boolean allowed = p.role() == Role.OPS || (p.role() == Role.SUPERVISOR && p.allDistricts());
        if (!allowed) {
            deps.audit()
                    .record(
                            p.user(),
                            p.role().wire(),
                            "session.revoke",
                            user,
                            from,
                            AuditLog.DENIED,
                            "needs ops or a supervisor of every district");
            throw ApiException.forbidden(
                    "revoking sessions needs ops or a supervisor of every district");
        }
        revoke(ctx, p, user, "session.revoke");
    }

    private void revoke(RoutingContext ctx, Principal by, String user, String action) {
        var from = Http.remote(ctx.request(), deps.config().trustForwardedFor());
        var at = deps.clock().instant();
        Async.on(
                        ctx.vertx().getOrCreateContext(),
                        deps.view()
                                .commands()
                                .hset(Revocations.KEY, user, Long.toString(at.toEpochMilli())))
                .onSuccess(
                        v -> {
                            deps.verifier().revocations().revoke(user, at);
                            deps.audit()
                                    .record(
                                            by.user(),
                                            by.role().wire(),
                                            action,
                                            user,
                                            from,
                                            AuditLog.OK,
                                            null);
                            var out = Json.object();
                            out.put("user", user);
                            out.put("revokedAt", at.toString());
                            Http.json(ctx, 202, out);
                        })
                .onFailure(
                        e ->
                                ctx.fail(
                                        ApiException.unavailable(
                                                "cannot record the revocation; try again")));
    }

    /** Verifies the bearer token and stores the principal in the context; 401 otherwise. */
    void authenticate(RoutingContext ctx) {
        try {
            var principal =
                    deps.verifier()
                            .verifyHeader(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
            ctx.put(Http.PRINCIPAL, principal);
        } catch (ApiException e) {
            // Failed logins are audited with the rule that failed, never with the token.
            deps.audit()
                    .record(
                            null,
                            null,
                            "login.token",
                            truncate(ctx.request().method().name() + " " + ctx.request().path()),
                            Http.remote(ctx.request(), deps.config().trustForwardedFor()),
                            AuditLog.DENIED,
                            e.detail());
            throw e;
        }
        ctx.next();
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    private void devLogin(RoutingContext ctx) {
        var body = Http.body(ctx);
        var user = body.path("user").asText("");
        var from = Http.remote(ctx.request(), deps.config().trustForwardedFor());
        var grant = DevTokens.grantFor(user);
        if (grant.isEmpty()) {
            deps.audit()
                    .record(
                            user.length() > 64 ? user.substring(0, 64) : user,
                            null,
                            "login.dev",
                            null,
                            from,
                            AuditLog.DENIED,
                            "unknown dev user");
            throw ApiException.unauthorized("unknown dev user");
        }
        var token = deps.devTokens().forDevUser(user).orElseThrow();
        deps.audit()
                .record(
                        user,
                        grant.get().role().wire(),
                        "login.dev",
                        null,
                        from,
                        AuditLog.OK,
                        null);
        var out = Json.object();
        out.put("token", token);
        out.put("user", user);
        out.put("role", grant.get().role().wire());
        var ds = out.putArray("districts");
        grant.get().districts().forEach(ds::add);
        out.put("expiresInSeconds", DevTokens.DEFAULT_TTL.toSeconds());
        Http.json(ctx, 200, out);
    }

    private void ticket(RoutingContext ctx) {
        var p = Http.principal(ctx);
        var from = Http.remote(ctx.request(), deps.config().trustForwardedFor());
        if (!p.role().readsLiveView()) {
            deps.audit()
                    .record(
                            p.user(),
                            p.role().wire(),
                            "ws.ticket",
                            null,
                            from,
                            AuditLog.DENIED,
                            "role has no live view");
            throw ApiException.forbidden("role " + p.role().wire() + " has no live console");
        }
        deps.tickets()
                .issue(ctx.vertx().getOrCreateContext(), p)
                .onSuccess(
                        ticket -> {
                            deps.audit()
                                    .record(
                                            p.user(),
                                            p.role().wire(),
                                            "ws.ticket",
                                            null,
                                            from,
                                            AuditLog.OK,
                                            null);
                            var out = Json.object();
                            out.put("ticket", ticket);
                            out.put("expiresInSeconds", deps.tickets().ttl().toSeconds());
                            Http.json(ctx, 200, out);
                        })
                .onFailure(ctx::fail);
    }
}
