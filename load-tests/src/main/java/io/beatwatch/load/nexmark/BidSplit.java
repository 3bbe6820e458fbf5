package io.beatwatch.load.nexmark;

import java.io.IOException;
import java.util.Iterator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * One generator's share of the bids: generator {@code index} of {@code config}, {@code bidCount}
 * bids from event id {@code firstEventId}, at position {@code eventNumber} / {@code bidsEmitted}.
 * The bids it emits are added to {@link BidSource#emitted(String)} under {@code counter}.
 */
public record BidSplit(
        NexmarkConfig config,
        int index,
        long firstEventId,
        long bidCount,
        long eventNumber,
        long bidsEmitted,
        String counter)
        implements IteratorSourceSplit<Bid, BidSplit.Bids> {

    @Override
    public String splitId() {
        return "bids-" + index;
    }

    @Override
    public Bids getIterator() {
        return new Bids(this);
    }

    @Override
    public BidSplit getUpdatedSplitForIterator(Bids it) {
        return new BidSplit(
                config,
                index,
                firstEventId,
                bidCount,
                it.generator.eventNumber(),
                it.generator.bidsEmitted(),
                counter);
    }

    /** The split's bids; counts what it emitted when it runs out. */
    public static final class Bids implements Iterator<Bid> {
        private final BidGenerator generator;
        private final String counter;
        private long emitted;
        private boolean counted;

        Bids(BidSplit s) {
            this.generator =
                    new BidGenerator(
                            s.config,
                            s.index,
                            s.firstEventId,
                            s.bidCount,
                            s.eventNumber,
                            s.bidsEmitted);
            this.counter = s.counter;
        }

        @Override
        public boolean hasNext() {
            boolean more = generator.hasNext();
            if (!more && !counted) {
                counted = true;
                BidSource.count(counter, emitted);
            }
            return more;
        }

        @Override
        public Bid next() {
            Bid b = generator.next();
            emitted++;
            return b;
        }
    }

    /** Split state as plain fields (no Java serialization). */
    static final class Serializer implements SimpleVersionedSerializer<BidSplit> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(BidSplit s) throws IOException {
            var out = new DataOutputSerializer(128);
            write(s, out);
            return out.getCopyOfBuffer();
        }

        @Override
        public BidSplit deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) throw new IOException("unknown bid split version " + version);
            return read(new DataInputDeserializer(bytes));
        }

        static void write(BidSplit s, DataOutputSerializer out) throws IOException {
            NexmarkConfig c = s.config;
            out.writeLong(c.eventsPerSecond());
            out.writeInt(c.generators());
            out.writeInt(c.personProportion());
            out.writeInt(c.auctionProportion());
            out.writeInt(c.bidProportion());
            out.writeInt(c.hotAuctionRatio());
            out.writeInt(c.hotBiddersRatio());
            out.writeInt(c.inFlightAuctions());
            out.writeInt(c.activePeople());
            out.writeInt(c.avgBidBytes());
            out.writeLong(c.baseTimeMillis());
            out.writeLong(c.seed());
            out.writeInt(s.index);
            out.writeLong(s.firstEventId);
            out.writeLong(s.bidCount);
            out.writeLong(s.eventNumber);
            out.writeLong(s.bidsEmitted);
            out.writeUTF(s.counter);
        }

        static BidSplit read(DataInputDeserializer in) throws IOException {
            var c =
                    new NexmarkConfig(
                            in.readLong(),
                            in.readInt(),
                            in.readInt(),
                            in.readInt(),
                            in.readInt(),
                            in.readInt(),
                            in.readInt(),
                            in.readInt(),
                            in.readInt(),
                            in.readInt(),
                            in.readLong(),
                            in.readLong());
            return new BidSplit(
                    c,
                    in.readInt(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readUTF());
        }
    }
}
