package io.beatwatch.gateway.transparency;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of the public feeds: the earlier of the wall clock and the newest call the feed
 * consumer has seen, so a replayed (historical) stream gets its feeds too and nothing is ever
 * published ahead of the wall clock. Thread-safe: the feed consumer observes, verticles read.
 */
public final class FeedClock {

    private final Clock wall;
    private final AtomicReference<Instant> newestCall = new AtomicReference<>();

    public FeedClock(Clock wall) {
        this.wall = wall;
    }

    /** Notes the newest call time seen so far (older values are ignored). */
    public void observe(Instant callTime) {
        if (callTime != null) {
            newestCall.accumulateAndGet(callTime, (a, b) -> a == null || b.isAfter(a) ? b : a);
        }
    }

    /** The wall clock's instant. */
    public Instant wallNow() {
        return wall.instant();
    }

    /** The feed's now: the wall clock, held back to the newest call seen if that is earlier. */
    public Instant now() {
        var wallNow = wall.instant();
        var newest = newestCall.get();
        return newest == null || newest.isAfter(wallNow) ? wallNow : newest;
    }
}
