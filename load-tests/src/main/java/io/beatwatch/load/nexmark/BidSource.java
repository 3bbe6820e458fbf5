package io.beatwatch.load.nexmark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A bounded FLIP-27 source of {@code bids} Nexmark bids from {@code config.generators()} splits
 * (one generator each, run at full speed as Nexmark's {@code maxEmitSpeed}); timestamps and
 * watermarks come from the {@code WatermarkStrategy} given to {@code env.fromSource}. Emitted bids
 * are counted in this JVM (local jobs only) under {@code counter}.
 */
public final class BidSource
        implements Source<Bid, BidSplit, Collection<BidSplit>>, ResultTypeQueryable<Bid> {

    private static final Map<String, LongAdder> EMITTED = new ConcurrentHashMap<>();

    private final NexmarkConfig config;
    private final long bids;
    private final String counter;

    public BidSource(NexmarkConfig config, long bids, String counter) {
        if (bids < 1) throw new IllegalArgumentException("bids must be >= 1");
        this.config = config;
        this.bids = bids;
        this.counter = counter;
    }

    /** Sets the emitted count of {@code counter} to zero. */
    public static void reset(String counter) {
        EMITTED.computeIfAbsent(counter, k -> new LongAdder()).reset();
    }

    /** Bids emitted under {@code counter} since its last reset, by splits that ran out. */
    public static long emitted(String counter) {
        LongAdder c = EMITTED.get(counter);
        return c == null ? 0 : c.sum();
    }

    static void count(String counter, long n) {
        EMITTED.computeIfAbsent(counter, k -> new LongAdder()).add(n);
    }

    /** The splits: bids shared evenly, disjoint event-id ranges, parallel timelines. */
    List<BidSplit> splits() {
        int n = config.generators();
        long per = bids / n;
        long span = BidGenerator.eventIdsFor(config, bids - per * (n - 1));
        List<BidSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long count = i == n - 1 ? bids - per * (n - 1) : per;
            // Nexmark's first event id is 1; each generator gets its own range of ids
            splits.add(new BidSplit(config, i, 1 + i * span, count, 0, 0, counter));
        }
        splits.removeIf(s -> s.bidCount() == 0);
        return splits;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<Bid, BidSplit> createReader(SourceReaderContext context) {
        return new IteratorSourceReader<>(context);
    }

    @Override
    public SplitEnumerator<BidSplit, Collection<BidSplit>> createEnumerator(
            SplitEnumeratorContext<BidSplit> context) {
        return new IteratorSourceEnumerator<>(context, splits());
    }

    @Override
    public SplitEnumerator<BidSplit, Collection<BidSplit>> restoreEnumerator(
            SplitEnumeratorContext<BidSplit> context, Collection<BidSplit> checkpoint) {
        return new IteratorSourceEnumerator<>(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<BidSplit> getSplitSerializer() {
        return BidSplit.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<Collection<BidSplit>> getEnumeratorCheckpointSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Collection<BidSplit> splits) throws IOException {
                var out = new DataOutputSerializer(256);
                out.writeInt(splits.size());
                for (BidSplit s : splits) BidSplit.Serializer.write(s, out);
                return out.getCopyOfBuffer();
            }

            @Override
            public Collection<BidSplit> deserialize(int version, byte[] bytes) throws IOException {
                if (version != 1) throw new IOException("unknown checkpoint version " + version);
                var in = new DataInputDeserializer(bytes);
                int n = in.readInt();
                List<BidSplit> splits = new ArrayList<>(n);
                for (int i = 0; i < n; i++) splits.add(BidSplit.Serializer.read(in));
                return splits;
            }
        };
    }

    @Override
    public TypeInformation<Bid> getProducedType() {
        return TypeInformation.of(Bid.class);
    }
}
