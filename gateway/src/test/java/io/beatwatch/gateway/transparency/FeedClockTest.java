package io.beatwatch.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.testing.TestClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedClockTest {

    static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");

    @Test
    void followsTheWallClockUntilACallIsSeen() {
        var wall = new TestClock(T0);
        var c = new FeedClock(wall);
        assertThat(c.now()).isEqualTo(T0);
        assertThat(c.wallNow()).isEqualTo(T0);
        c.observe(null);
        assertThat(c.now()).isEqualTo(T0);
    }

    @Test
    void isHeldBackToTheNewestCallSeenAndIgnoresOlderOnes() {
        var wall = new TestClock(T0);
        var c = new FeedClock(wall);
        c.observe(T0.minusSeconds(600));
        assertThat(c.now()).isEqualTo(T0.minusSeconds(600));
        c.observe(T0.minusSeconds(300));
        c.observe(T0.minusSeconds(900));
        assertThat(c.now()).isEqualTo(T0.minusSeconds(300));
        assertThat(c.wallNow()).isEqualTo(T0);
    }

    @Test
    void neverRunsAheadOfTheWallClock() {
        var wall = new TestClock(T0);
        var c = new FeedClock(wall);
        c.observe(T0.plusSeconds(60));
        assertThat(c.now()).isEqualTo(T0);
        wall.set(T0.plusSeconds(90));
        assertThat(c.now()).isEqualTo(T0.plusSeconds(60));
        c.observe(T0.plusSeconds(90));
        assertThat(c.now()).isEqualTo(T0.plusSeconds(90));
    }
}
