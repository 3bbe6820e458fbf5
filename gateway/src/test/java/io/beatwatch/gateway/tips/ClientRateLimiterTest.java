package io.beatwatch.gateway.tips;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-21T13:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void allowsTheConfiguredRatePerClientThenRefills() {
        var clock = new ManualClock();
        var limiter = new ClientRateLimiter(10, clock);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("203.0.113.9")).isTrue();
        }
        assertThat(limiter.tryAcquire("203.0.113.9")).isFalse();
        assertThat(limiter.tryAcquire("198.51.100.7")).isTrue();
        clock.now = clock.now.plus(Duration.ofSeconds(6));
        assertThat(limiter.tryAcquire("203.0.113.9")).isTrue();
        assertThat(limiter.tryAcquire("203.0.113.9")).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("203.0.113.9")).isTrue();
        }
    }

    @Test
    void keysAreSaltedHashesNotAddresses() {
        var a = new ClientRateLimiter(10, Clock.systemUTC());
        var b = new ClientRateLimiter(10, Clock.systemUTC());
        var key = a.keyFor("203.0.113.9");
        assertThat(key).doesNotContain("203").doesNotContain("113");
        assertThat(a.keyFor("203.0.113.9")).isEqualTo(key);
        // Another instance (another salt) cannot link its keys to this one's.
        assertThat(b.keyFor("203.0.113.9")).isNotEqualTo(key);
    }
}
