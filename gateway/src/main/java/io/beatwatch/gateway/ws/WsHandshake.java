package io.beatwatch.gateway.ws;

import io.beatwatch.gateway.audit.AuditLog;
import io.beatwatch.gateway.auth.OriginPolicy;
import io.beatwatch.gateway.auth.TicketStore;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every WebSocket upgrade before it happens: path {@value #PATH}, exact Origin (else 403),
 * a valid single-use ticket (else 401), a role that reads the live view (else 403), and the user's
 * connection cap (else 429). Tickets are never logged.
 */
public final class WsHandshake implements Handler<ServerWebSocketHandshake> {

    private static final Logger LOG = LoggerFactory.getLogger(WsHandshake.class);

    public static final String PATH = "/ws";

    /** Client message types (docs/protocol.md); a console session answers no other. */
    public static final String SUBSCRIBE = "subscribe";

    public static final String PING = "ping";

    /**
     * Every message type a console may send: the authorization matrix test fails when one is
     * handled that its table does not list.
     */
    public static final java.util.Set<String> CLIENT_MESSAGE_TYPES =
            java.util.Set.of(SUBSCRIBE, PING);

    private final Context context;
    private final OriginPolicy origins;
    private final TicketStore tickets;
    private final SessionRegistry registry;
    private final SessionGroup group;
    private final GatewayMetrics metrics;
    private final AuditLog audit;
    private final Clock clock;
    private final Function<ServerWebSocketHandshake, String> remoteOf;

    public WsHandshake(
            Context context,
            OriginPolicy origins,
            TicketStore tickets,
            SessionRegistry registry,
            SessionGroup group,
            GatewayMetrics metrics,
            AuditLog audit,
            Clock clock,
            Function<ServerWebSocketHandshake, String> remoteOf) {
        this.context = context;
        this.origins = origins;
        this.tickets = tickets;
        this.registry = registry;
        this.group = group;
        this.metrics = metrics;
        this.audit = audit;
        this.clock = clock;
        this.remoteOf = remoteOf;
    }

    @Override
    public void handle(ServerWebSocketHandshake hs) {
        var remote = remoteOf.apply(hs);
        if (!PATH.equals(hs.path())) {
            metrics.wsRejected("path");
            hs.reject(404);
            return;
        }
        if (!origins.allows(hs.headers().get("Origin"))) {
            metrics.wsRejected("origin");
            audit.record(
                    null, null, "ws.connect", null, remote, AuditLog.DENIED, "origin not allowed");
            hs.reject(403);
            return;
        }
        var params = new QueryStringDecoder(hs.uri()).parameters().get("ticket");
        var ticket = params == null || params.isEmpty() ? null : params.get(0);
        if (ticket == null) {
            metrics.wsRejected("no_ticket");
            audit.record(null, null, "ws.connect", null, remote, AuditLog.DENIED, "no ticket");
            hs.reject(401);
            return;
        }
        tickets.redeem(context, ticket, clock.instant())
                .onFailure(
                        e -> {
                            LOG.warn("ticket check failed: {}", e.toString());
                            metrics.wsRejected("unavailable");
                            hs.reject(503);
                        })
                .onSuccess(
                        p -> {
                            if (p.isEmpty()) {
                                metrics.wsRejected("bad_ticket");
                                audit.record(
                                        null,
                                        null,
                                        "ws.connect",
                                        null,
                                        remote,
                                        AuditLog.DENIED,
                                        "unknown, used or expired ticket");
                                hs.reject(401);
                                return;
                            }
                            var principal = p.get();
                            var role = principal.role().wire();
                            if (!principal.role().readsLiveView()) {
                                metrics.wsRejected("role");
                                audit.record(
                                        principal.user(),
                                        role,
                                        "ws.connect",
                                        null,
                                        remote,
                                        AuditLog.DENIED,
                                        "role has no live view");
                                hs.reject(403);
                                return;
                            }
                            if (!registry.tryAcquire(principal.user())) {
                                metrics.wsRejected("connection_cap");
                                audit.record(
                                        principal.user(),
                                        role,
                                        "ws.connect",
                                        null,
                                        remote,
                                        AuditLog.DENIED,
                                        "per-user connection cap reached");
                                hs.reject(429);
                                return;
                            }
                            hs.accept()
                                    .onSuccess(
                                            ws -> {
                                                audit.record(
                                                        principal.user(),
                                                        role,
                                                        "ws.connect",
                                                        null,
                                                        remote,
                                                        AuditLog.OK,
                                                        null);
                                                group.open(ws, principal, remote);
                                            })
                                    .onFailure(e -> registry.release(principal.user()));
                        });
    }
}
