package io.beatwatch.load;

import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.RecordFeed;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The first {@code limit} records of a feed ({@code limit <= 0}: all of them). */
public record LimitedFeed(RecordFeed feed, long limit) implements RecordFeed {

    @Override
    public Iterator<RawRecord> open() {
        Iterator<RawRecord> it = feed.open();
        if (limit <= 0) return it;
        return new Iterator<>() {
            private long taken;

            @Override
            public boolean hasNext() {
                return taken < limit && it.hasNext();
            }

            @Override
            public RawRecord next() {
                if (!hasNext()) throw new NoSuchElementException();
                taken++;
                return it.next();
            }
        };
    }
}
