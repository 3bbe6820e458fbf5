package io.beatwatch.core.feed;

import io.beatwatch.core.feed.internal.CountingInputStream;
import io.beatwatch.core.feed.internal.LongHashSet;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.validate.Parsed;
import io.beatwatch.core.validate.Validator;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams a feed file row by row (never the whole file in memory) as {@link FeedRecord}s: each an
 * accepted call / tip or a reject with its reason, plus running {@link FeedCounts}. Open one with
 * {@link Feeds}; close it (or the stream) when done. Bad rows never throw; an I/O failure (a
 * truncated gzip file, a vanished disk) throws {@link UncheckedIOException}. Not thread-safe.
 */
public final class FeedReader<T> implements Iterator<FeedRecord<T>>, Closeable {

    private final RowSource source;
    private final RowMapper<T> mapper;
    private final Validator validator;
    private final CountingInputStream counting;
    private final long totalBytes;

    private long rows;
    private long accepted;
    private long withCoordinates;
    private final EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private final LongHashSet ids = new LongHashSet();

    private FeedRecord<T> pending;
    private boolean done;

    FeedReader(
            RowSource source,
            RowMapper<T> mapper,
            Validator validator,
            CountingInputStream counting,
            long totalBytes) {
        this.source = source;
        this.mapper = mapper;
        this.validator = validator;
        this.counting = counting;
        this.totalBytes = totalBytes;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !done) {
            pending = advance();
            done = pending == null;
        }
        return pending != null;
    }

    @Override
    public FeedRecord<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FeedRecord<T> r = pending;
        pending = null;
        return r;
    }

    /** The remaining records as a sequential stream; closing the stream closes this reader. */
    public Stream<FeedRecord<T>> stream() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(
                                this, Spliterator.ORDERED | Spliterator.NONNULL),
                        false)
                .onClose(this::closeQuietly);
    }

    /** The counters so far (a snapshot). */
    public FeedCounts counts() {
        return new FeedCounts(rows, accepted, rejected, ids.size(), withCoordinates);
    }

    /** Bytes of the file read so far (compressed bytes for a gzip file), for progress. */
    public long bytesRead() {
        return counting == null ? 0 : counting.count();
    }

    /** Size of the file in bytes, or -1 when unknown. */
    public long totalBytes() {
        return totalBytes;
    }

    private FeedRecord<T> advance() {
        RowSource.Next n;
        try {
            n = source.next();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feed after row " + rows, e);
        }
        if (n == null) {
            return null;
        }
        long row = ++rows;
        Parsed<T> result;
        if (n.problem() != null) {
            result = Parsed.rejected(validator.reject(n.problem(), n.payload()));
        } else {
            result = mapper.map(n.row(), row);
            if (mapper.lastHadCoordinates()) {
                withCoordinates++;
            }
        }
        if (result.isOk()) {
            accepted++;
            ids.add(LongHashSet.hash(mapper.idOf(result.value())));
        } else {
            rejected.merge(result.reject().reason(), 1L, Long::sum);
        }
        return new FeedRecord<>(row, result);
    }

    @Override
    public void close() throws IOException {
        done = true;
        pending = null;
        source.close();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
