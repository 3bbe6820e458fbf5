package io.beatwatch.gateway.auth;

import java.util.List;
import java.util.Set;

/**
 * Exact Origin allow-list for WebSocket upgrades: the browser's {@code Origin} header must equal
 * one configured origin byte for byte. No wildcard, no suffix match, no "null" origin.
 */
public final class OriginPolicy {

    private final Set<String> allowed;

    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins);
    }

    /** Whether an upgrade carrying this Origin header (may be null) is allowed. */
    public boolean allows(String origin) {
        return origin != null && allowed.contains(origin);
    }
}
