package io.beatwatch.jobs.io;

import io.beatwatch.jobs.hotspot.RawRecord;
import java.io.Serializable;
import java.util.Iterator;

/**
 * A replayable, ordered feed of raw records (a historical file, the synthetic city): opening it
 * twice yields the same records in the same order. Serializable so a source can reopen it after a
 * restore and skip what it had read.
 */
@FunctionalInterface
public interface RecordFeed extends Serializable {
    Iterator<RawRecord> open();

    /** This feed, then {@code more} (small lists: they travel with the job graph). */
    default RecordFeed followedBy(java.util.List<RawRecord> more) {
        var tail = java.util.List.copyOf(more);
        RecordFeed head = this;
        return () -> {
            Iterator<RawRecord> first = head.open();
            Iterator<RawRecord> second = tail.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return first.hasNext() || second.hasNext();
                }

                @Override
                public RawRecord next() {
                    return first.hasNext() ? first.next() : second.next();
                }
            };
        };
    }
}
