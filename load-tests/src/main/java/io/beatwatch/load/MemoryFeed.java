package io.beatwatch.load;

import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.RecordFeed;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A feed of records already encoded in this JVM's memory, so a local (MiniCluster) job reads them
 * without generating or encoding them; only the key travels with the job graph.
 */
public record MemoryFeed(String key) implements RecordFeed {

    private static final Map<String, List<RawRecord>> RECORDS = new ConcurrentHashMap<>();

    /** Holds {@code records} under {@code key} and returns the feed that replays them. */
    public static MemoryFeed hold(String key, List<RawRecord> records) {
        RECORDS.put(key, List.copyOf(records));
        return new MemoryFeed(key);
    }

    /** Drops the records held under {@code key}. */
    public static void release(String key) {
        RECORDS.remove(key);
    }

    @Override
    public Iterator<RawRecord> open() {
        List<RawRecord> records = RECORDS.get(key);
        if (records == null) throw new IllegalStateException("no records held as " + key);
        return records.iterator();
    }
}
