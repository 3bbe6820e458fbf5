package io.beatwatch.gateway.auth;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated user: who, which role, which districts ({@link #ALL} = every district), and when
 * the token that proved it was issued (null if it did not say) and until when it is valid.
 */
public record Principal(
        String user, Role role, Set<String> districts, Instant expiresAt, Instant issuedAt) {

    /** The district claim value meaning every district. */
    public static final String ALL = "*";

    /** Without an issue time (tests, tokens without {@code iat}). */
    public Principal(String user, Role role, Set<String> districts, Instant expiresAt) {
        this(user, role, districts, expiresAt, null);
    }

    public Principal {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        districts = Set.copyOf(Objects.requireNonNull(districts, "districts"));
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the scope covers every district. */
    public boolean allDistricts() {
        return districts.contains(ALL);
    }

    /** Whether this user may see the given district (null district: only with full scope). */
    public boolean canSee(String district) {
        return allDistricts() || (district != null && districts.contains(district));
    }

    /** Whether every requested district (or {@link #ALL}) is within scope. */
    public boolean covers(Collection<String> requested) {
        return requested.stream().allMatch(d -> ALL.equals(d) ? allDistricts() : canSee(d));
    }
}
