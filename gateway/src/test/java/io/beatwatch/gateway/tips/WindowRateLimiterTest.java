package io.beatwatch.gateway.tips;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowRateLimiterTest {

    @Test
    void limitsEachClientPerWindowAndForgetsAtTheNext() {
        var clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
        var limiter = new WindowRateLimiter(2, Duration.ofHours(1), clock);
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2")).isTrue();
        assertThat(limiter.keys()).hasSize(2).noneMatch(k -> k.contains("10.0.0"));
        var before = limiter.keys();
        clock.set(clock.instant().plus(Duration.ofHours(1)));
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        // a new salt: the same address no longer has the same key
        assertThat(limiter.keys()).hasSize(1).doesNotContainAnyElementsOf(before);
    }
}
