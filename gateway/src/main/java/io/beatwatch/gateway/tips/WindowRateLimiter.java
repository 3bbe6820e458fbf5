package io.beatwatch.gateway.tips;

import io.beatwatch.gateway.internal.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fixed-window rate limit per client for the public tip form: at most {@code limit} submissions
 * per window, counted under an HMAC of the client address with a random salt that lives only in
 * memory and is replaced, with every count, when the window ends. The address is never stored, and
 * nothing links one window's key to the next.
 */
public final class WindowRateLimiter {

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private volatile Window window;

    private record Window(long start, byte[] salt, Map<String, Integer> counts) {}

    public WindowRateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.window = fresh(clock.millis());
    }

    private static Window fresh(long now) {
        return new Window(now, Hashing.randomBytes(32), new ConcurrentHashMap<>());
    }

    /** Counts one submission for this client address; false if it is over the limit. */
    public boolean tryAcquire(String clientAddress) {
        var w = current();
        var allowed = new boolean[1];
        w.counts()
                .compute(
                        keyFor(w.salt(), clientAddress),
                        (k, n) -> {
                            int next = n == null ? 1 : n + 1;
                            allowed[0] = next <= limit;
                            return Math.min(next, limit + 1);
                        });
        return allowed[0];
    }

    private Window current() {
        var w = window;
        long now = clock.millis();
        if (now - w.start() >= windowMillis) {
            synchronized (this) {
                w = window;
                if (now - w.start() >= windowMillis) {
                    w = fresh(now);
                    window = w;
                }
            }
        }
        return w;
    }

    /** The keys held now (tests: none may contain an address). */
    java.util.Set<String> keys() {
        return java.util.Set.copyOf(current().counts().keySet());
    }

    static String keyFor(byte[] salt, String clientAddress) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            var d = mac.doFinal(String.valueOf(clientAddress).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
