package io.beatwatch.jobs.io;

import io.beatwatch.jobs.hotspot.RawRecord;
import java.util.Iterator;

/**
 * Replays a feed at {@code speed} times real time by its records' event times (0 or less: as fast
 * as possible), and counts what it hands out for the progress bar.
 */
public record PacedFeed(RecordFeed inner, double speed) implements RecordFeed {

    @Override
    public Iterator<RawRecord> open() {
        Iterator<RawRecord> it = inner.open();
        return new Iterator<>() {
            private long firstEvent = Long.MIN_VALUE;
            private long startNanos;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public RawRecord next() {
                RawRecord r = it.next();
                if (speed > 0 && r.eventTimeMillis > 0) pace(r.eventTimeMillis);
                ReplayProgress.emitted(r.eventTimeMillis);
                return r;
            }

            private void pace(long eventMillis) {
                if (firstEvent == Long.MIN_VALUE) {
                    firstEvent = eventMillis;
                    startNanos = System.nanoTime();
                    return;
                }
                long dueNanos = startNanos + (long) ((eventMillis - firstEvent) * 1e6 / speed);
                long wait = dueNanos - System.nanoTime();
                if (wait > 1_000_000) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }
}
