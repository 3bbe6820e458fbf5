package io.beatwatch.gateway.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked sessions: per user, the instant before which every token of theirs is refused (a sign-out
 * everywhere, or a supervisor or ops revoking a lost tablet's session). Held in Redis ({@link
 * #KEY}, user -> epoch millis) so every gateway instance applies it, and mirrored here so that
 * checking a request costs no round trip: a gateway refreshes the mirror every few seconds and
 * applies its own revocations at once. Open consoles of a revoked user are closed by their
 * session's health check.
 */
public final class Revocations {

    /** Redis hash: user -> epoch millis of the revocation. */
    public static final String KEY = "beatwatch:revoked-sessions";

    /**
     * How long a revocation is kept: longer than any token lives (tokens issued before it have
     * expired by then).
     */
    public static final Duration KEEP = Duration.ofHours(24);

    private final Map<String, Instant> revokedBefore = new ConcurrentHashMap<>();

    /** Whether the token behind {@code p} was issued at or before its user's revocation. */
    public boolean revoked(Principal p) {
        Instant at = revokedBefore.get(p.user());
        // iat has whole seconds: a token of the revocation's own second is refused too
        return at != null && (p.issuedAt() == null || !p.issuedAt().isAfter(at));
    }

    /** Applies a revocation of {@code user}'s tokens issued up to {@code at}. */
    public void revoke(String user, Instant at) {
        revokedBefore.merge(user, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * Replaces the mirror with what Redis holds, as of {@code now}; returns the users whose
     * revocation is older than {@link #KEEP} (to delete from Redis).
     */
    public List<String> replaceWith(Map<String, String> stored, Instant now) {
        var stale = new ArrayList<String>();
        var fresh = new ConcurrentHashMap<String, Instant>();
        stored.forEach(
                (user, millis) -> {
                    Instant at;
                    try {
                        at = Instant.ofEpochMilli(Long.parseLong(millis));
                    } catch (NumberFormatException e) {
                        stale.add(user);
                        return;
                    }
                    if (at.plus(KEEP).isBefore(now)) stale.add(user);
                    else fresh.put(user, at);
                });
        // keep local revocations the store does not show yet (written a moment ago)
        revokedBefore.forEach(
                (user, at) -> {
                    if (!fresh.containsKey(user) && !at.plus(KEEP).isBefore(now)) {
                        fresh.put(user, at);
                    }
                });
        revokedBefore.keySet().retainAll(fresh.keySet());
        fresh.forEach(this::revoke);
        return stale;
    }
}
