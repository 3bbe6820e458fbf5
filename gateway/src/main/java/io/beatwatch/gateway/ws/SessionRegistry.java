package io.beatwatch.gateway.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open console sessions per user across every HTTP verticle instance of this gateway, enforcing the
 * per-user connection cap. Per instance: N gateways allow N times the cap.
 */
public final class SessionRegistry {

    private final int maxPerUser;
    private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    public SessionRegistry(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    /** Reserves a slot for this user; false if the user is at the cap. */
    public boolean tryAcquire(String user) {
        var ok = new boolean[1];
        perUser.compute(
                user,
                (u, n) -> {
                    if (n == null) {
                        n = new AtomicInteger();
                    }
                    if (n.get() < maxPerUser) {
                        n.incrementAndGet();
                        ok[0] = true;
                    }
                    return n;
                });
        if (ok[0]) {
            total.incrementAndGet();
        }
        return ok[0];
    }

    /** Releases a slot reserved by {@link #tryAcquire}. */
    public void release(String user) {
        perUser.computeIfPresent(user, (u, n) -> n.decrementAndGet() <= 0 ? null : n);
        total.decrementAndGet();
    }

    public int total() {
        return total.get();
    }

    public int of(String user) {
        var n = perUser.get(user);
        return n == null ? 0 : n.get();
    }
}
