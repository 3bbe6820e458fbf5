package io.beatwatch.jobs.io;

import io.beatwatch.jobs.hotspot.RawRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.InstantiationUtil;

/**
 * A bounded source replaying a {@link RecordFeed} in order, as one split (run it at parallelism 1:
 * the order of the feed is what makes a replay deterministic). Its checkpoint is the number of
 * records read; a restore reopens the feed and skips them.
 */
public final class ReplaySource
        implements Source<RawRecord, ReplaySource.Split, Collection<ReplaySource.Split>>,
                ResultTypeQueryable<RawRecord> {

    private final RecordFeed feed;

    public ReplaySource(RecordFeed feed) {
        this.feed = feed;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<RawRecord, Split> createReader(SourceReaderContext ctx) {
        return new IteratorSourceReader<>(ctx);
    }

    @Override
    public SplitEnumerator<Split, Collection<Split>> createEnumerator(
            SplitEnumeratorContext<Split> ctx) {
        return new IteratorSourceEnumerator<>(ctx, List.of(new Split(feed, 0)));
    }

    @Override
    public SplitEnumerator<Split, Collection<Split>> restoreEnumerator(
            SplitEnumeratorContext<Split> ctx, Collection<Split> checkpoint) {
        return new IteratorSourceEnumerator<>(ctx, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new JavaSerializer<>();
    }

    @Override
    public SimpleVersionedSerializer<Collection<Split>> getEnumeratorCheckpointSerializer() {
        return new JavaSerializer<>();
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    /** The one split: the feed and how many of its records were already read. */
    public static final class Split
            implements IteratorSourceSplit<RawRecord, Split.Reading>, java.io.Serializable {
        private final RecordFeed feed;
        private final long offset;

        Split(RecordFeed feed, long offset) {
            this.feed = feed;
            this.offset = offset;
        }

        @Override
        public String splitId() {
            return "replay";
        }

        @Override
        public Reading getIterator() {
            Iterator<RawRecord> it = feed.open();
            for (long i = 0; i < offset && it.hasNext(); i++) it.next();
            return new Reading(it, offset);
        }

        @Override
        public IteratorSourceSplit<RawRecord, Reading> getUpdatedSplitForIterator(Reading r) {
            return new Split(feed, r.position);
        }

        /** An iterator that counts what it handed out, for the checkpoint. */
        public static final class Reading implements Iterator<RawRecord> {
            private final Iterator<RawRecord> delegate;
            private long position;

            Reading(Iterator<RawRecord> delegate, long position) {
                this.delegate = delegate;
                this.position = position;
            }

            @Override
            public boolean hasNext() {
                return delegate.hasNext();
            }

            @Override
            public RawRecord next() {
                if (!delegate.hasNext()) throw new NoSuchElementException();
                position++;
                return delegate.next();
            }
        }
    }

    /** Java serialization of splits and checkpoints: the feed is a small serializable recipe. */
    private static final class JavaSerializer<T> implements SimpleVersionedSerializer<T> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(T obj) throws IOException {
            Object value = obj instanceof Collection<?> c ? new ArrayList<>(c) : obj;
            return InstantiationUtil.serializeObject(value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(int version, byte[] bytes) throws IOException {
            try {
                return (T) InstantiationUtil.deserializeObject(bytes, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }
    }
}
