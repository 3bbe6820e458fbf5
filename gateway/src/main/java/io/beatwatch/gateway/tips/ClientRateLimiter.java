package io.beatwatch.gateway.tips;

import io.beatwatch.gateway.internal.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A token bucket per client, keyed by an HMAC of the client address under a random salt that lives
 * only in this process's memory: the address itself is never stored, and the key cannot be linked
 * back to it after a restart. Per gateway instance.
 */
public final class ClientRateLimiter {

    /** Buckets idle longer than this are forgotten. */
    static final long IDLE_MILLIS = 10 * 60_000L;

    /** Above this many tracked clients, idle buckets are swept on the next call. */
    static final int SWEEP_ABOVE = 50_000;

    private final byte[] salt = Hashing.randomBytes(32);
    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedMillis;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedMillis = now;
        }
    }

    public ClientRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes one token for this client address; false if the client is over its rate. */
    public boolean tryAcquire(String clientAddress) {
        var key = keyFor(clientAddress);
        long now = clock.millis();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> now - b.updatedMillis > IDLE_MILLIS);
        }
        var allowed = new boolean[1];
        buckets.compute(
                key,
                (k, b) -> {
                    if (b == null) {
                        b = new Bucket(perMinute, now);
                    }
                    double refill = (now - b.updatedMillis) * perMinute / 60_000.0;
                    b.tokens = Math.min(perMinute, b.tokens + Math.max(0, refill));
                    b.updatedMillis = now;
                    if (b.tokens >= 1) {
                        b.tokens -= 1;
                        allowed[0] = true;
                    }
                    return b;
                });
        return allowed[0];
    }

    /** The salted key for an address (exposed for tests: it must not contain the address). */
    String keyFor(String clientAddress) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            var d = mac.doFinal(String.valueOf(clientAddress).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many clients are tracked (for tests and status). */
    int tracked() {
        return buckets.size();
    }
}
