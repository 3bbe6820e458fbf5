package io.beatwatch.gateway.view;

import io.beatwatch.gateway.auth.Principal;
import java.util.Set;

/**
 * Who sees which alert: the district must be within the token's scope and the console's
 * subscription, and tips-only alerts go to roles that see tips (supervisors).
 */
public final class Visibility {

    private Visibility() {}

    /**
     * Whether an alert in {@code district} reaches this principal on a console subscribed to {@code
     * subscribed} ({@link Principal#ALL} = every district in scope).
     */
    public static boolean alertVisible(
            Principal p, Set<String> subscribed, String district, boolean supervisorsOnly) {
        if (!p.role().readsLiveView()) {
            return false;
        }
        if (supervisorsOnly && !p.role().seesTips()) {
            return false;
        }
        if (!p.canSee(district)) {
            return false;
        }
        return subscribed.contains(Principal.ALL)
                || (district != null && subscribed.contains(district));
    }

    /** Whether a REST read of this alert is allowed (no subscription: the whole scope). */
    public static boolean alertVisible(Principal p, String district, boolean supervisorsOnly) {
        return alertVisible(p, Set.of(Principal.ALL), district, supervisorsOnly);
    }
}
