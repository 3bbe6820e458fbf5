package io.beatwatch.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.internal.Hashing;
import io.beatwatch.gateway.internal.Json;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;

/**
 * Single-use WebSocket tickets held in Redis, so the instance that issues a ticket need not be the
 * one that redeems it. Only the SHA-256 of a ticket is stored; redeeming deletes it atomically
 * (GETDEL), so a replayed ticket fails.
 */
public final class TicketStore {

    /** Random bytes in a ticket (256 bits). */
    public static final int TICKET_BYTES = 32;

    private final RedisAsyncCommands<String, String> redis;
    private final Duration ttl;
    private final Revocations revocations;

    public TicketStore(RedisAsyncCommands<String, String> redis, Duration ttl) {
        this(redis, ttl, new Revocations());
    }

    /** Tickets of a revoked session are refused at redemption. */
    public TicketStore(
            RedisAsyncCommands<String, String> redis, Duration ttl, Revocations revocations) {
        this.redis = redis;
        this.ttl = ttl;
        this.revocations = revocations;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Issues a ticket for this principal; the future yields the ticket text. */
    public Future<String> issue(Context ctx, Principal p) {
        var ticket = Hashing.randomToken(TICKET_BYTES);
        var value = Json.object();
        value.put("user", p.user());
        value.put("role", p.role().wire());
        var ds = value.putArray("districts");
        p.districts().forEach(ds::add);
        value.put("expiresAt", p.expiresAt().toString());
        if (p.issuedAt() != null) value.put("issuedAt", p.issuedAt().toString());
        var key = RedisKeys.wsTicket(Hashing.sha256Hex(ticket));
        return Async.on(
                        ctx,
                        redis.set(key, Json.write(value), SetArgs.Builder.nx().px(ttl.toMillis())))
                .map(
                        ok -> {
                            if (!"OK".equals(ok)) {
                                throw new IllegalStateException("ticket collision");
                            }
                            return ticket;
                        });
    }

    /** Redeems a ticket once: the principal it was issued to, or empty if unknown or used. */
    public Future<Optional<Principal>> redeem(Context ctx, String ticket, Instant now) {
        if (ticket == null || ticket.isEmpty() || ticket.length() > 128) {
            return Future.succeededFuture(Optional.empty());
        }
        var key = RedisKeys.wsTicket(Hashing.sha256Hex(ticket));
        return Async.on(ctx, redis.getdel(key))
                .map(
                        v ->
                                v == null
                                        ? Optional.<Principal>empty()
                                        : parse(v, now).filter(p -> !revocations.revoked(p)));
    }

    private static Optional<Principal> parse(String v, Instant now) {
        try {
            JsonNode n = Json.tree(v);
            var role = Role.parse(n.path("role").asText()).orElse(null);
            var exp = Instant.parse(n.path("expiresAt").asText());
            if (role == null || !exp.isAfter(now)) {
                return Optional.empty();
            }
            var ds = new HashSet<String>();
            n.path("districts").forEach(d -> ds.add(d.asText()));
            var iat = n.hasNonNull("issuedAt") ? Instant.parse(n.path("issuedAt").asText()) : null;
            return Optional.of(new Principal(n.path("user").asText(), role, ds, exp, iat));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
