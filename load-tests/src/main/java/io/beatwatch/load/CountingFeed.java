package io.beatwatch.load;

import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.RecordFeed;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A feed that counts, in this JVM (local jobs only), the records read from it once a reader has
 * read them all: how the bench checks the job consumed its whole input without adding an operator.
 */
public record CountingFeed(RecordFeed feed, String counter) implements RecordFeed {

    private static final Map<String, LongAdder> READ = new ConcurrentHashMap<>();

    /** Sets the count of {@code counter} to zero. */
    public static void reset(String counter) {
        READ.computeIfAbsent(counter, k -> new LongAdder()).reset();
    }

    /** Records read to the end under {@code counter} since its last reset. */
    public static long read(String counter) {
        LongAdder c = READ.get(counter);
        return c == null ? 0 : c.sum();
    }

    @Override
    public Iterator<RawRecord> open() {
        Iterator<RawRecord> it = feed.open();
        LongAdder total = READ.computeIfAbsent(counter, k -> new LongAdder());
        return new Iterator<>() {
            private long n;
            private boolean counted;

            @Override
            public boolean hasNext() {
                boolean more = it.hasNext();
                if (!more && !counted) {
                    counted = true;
                    total.add(n);
                }
                return more;
            }

            @Override
            public RawRecord next() {
                RawRecord r = it.next();
                n++;
                return r;
            }
        };
    }
}
