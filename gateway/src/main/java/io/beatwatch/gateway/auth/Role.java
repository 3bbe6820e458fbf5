package io.beatwatch.gateway.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * The four staff roles (ARCHITECTURE section 1) and what each may do at the gateway. Decisions live
 * here so REST and WebSocket paths agree.
 */
public enum Role {
    /** Live console for all its districts; acknowledges, assigns, dismisses; reads tip detail. */
    SUPERVISOR,
    /** Live console for its own districts only; answers patrol suggestions. */
    DISPATCHER,
    /** Read-only console and REST reads for its districts; no actions, no tip detail. */
    ANALYST,
    /**
     * Operations: status and metrics only; no alerts, cells or tips (they carry no need to know).
     */
    OPS;

    /** The claim value and metric tag ({@code supervisor}, ...). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a claim value; empty if it names no role. */
    public static Optional<Role> parse(String claim) {
        if (claim == null) {
            return Optional.empty();
        }
        for (var r : values()) {
            if (r.wire().equals(claim)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether this role may see alerts, cells and hotspots (REST and WebSocket). */
    public boolean readsLiveView() {
        return this != OPS;
    }

    /** Whether this role may acknowledge, assign or dismiss alerts. */
    public boolean actsOnAlerts() {
        return this == SUPERVISOR;
    }

    /** Whether this role sees tip-only (unconfirmed) alerts and tip detail. */
    public boolean seesTips() {
        return this == SUPERVISOR;
    }

    /** Whether this role receives and answers patrol suggestions. */
    public boolean handlesSuggestions() {
        return this == SUPERVISOR || this == DISPATCHER;
    }

    /** Whether this role may read operational status. */
    public boolean readsStatus() {
        return this == OPS || this == SUPERVISOR;
    }
}
