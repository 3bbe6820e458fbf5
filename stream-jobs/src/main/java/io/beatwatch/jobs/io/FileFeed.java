package io.beatwatch.jobs.io;

import io.beatwatch.core.feed.FeedReader;
import io.beatwatch.core.feed.FeedRecord;
import io.beatwatch.core.feed.Feeds;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.Tip;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.jobs.hotspot.RawRecord;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A historical feed file replayed through a city profile: accepted rows become the JSON their topic
 * would carry, within an optional {@code [from, to)} period. Rows the profile rejects are counted
 * by {@link ReplayProgress} (the summary reports them); they never reach the job.
 *
 * <p>A file in time order (as CAD exports are: no row more than {@link #MAX_DISORDER} before the
 * latest before it) is read only up to {@link #PAST_END} after {@code to}, so a week of a four-year
 * file does not cost the whole file. Whether it is in order is known only after one full read
 * ({@link FeedOrder} remembers it per file), so the first replay of a file reads all of it, and a
 * file out of order is always read to its end.
 */
public record FileFeed(String profile, String file, Instant from, Instant to)
        implements RecordFeed {

    /** How far a row may lie before the latest one seen and the file still count as in order. */
    static final Duration MAX_DISORDER = Duration.ofHours(1);

    /** How far past {@code to} an in-order file is read before it is closed. */
    static final Duration PAST_END = Duration.ofDays(1);

    /**
     * The feed of {@code file} read with the profile {@code located}: it keeps the profile as a
     * reference that finds it again wherever the feed is opened (a path when the name came from a
     * profiles folder), not the name a command-line option resolved.
     */
    public static FileFeed of(CityProfiles.Located located, Path file, Instant from, Instant to) {
        return new FileFeed(located.commandArgument(), file.toAbsolutePath().toString(), from, to);
    }

    @Override
    public Iterator<RawRecord> open() {
        var p = CityProfiles.load(profile);
        FeedReader<? extends Record> reader;
        try {
            reader = Feeds.open(p, Path.of(file), Clock.systemUTC());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
        ReplayProgress.startFile(reader.totalBytes());
        return new Iterator<>() {
            private final boolean stopPastEnd = to != null && FeedOrder.knownInOrder(Path.of(file));
            private long latest = Long.MIN_VALUE;
            private boolean inOrder = true;
            private RawRecord next = advance();

            private RawRecord advance() {
                while (reader.hasNext()) {
                    FeedRecord<? extends Record> r = reader.next();
                    ReplayProgress.fileRow(reader.bytesRead(), r.isOk());
                    if (!r.isOk()) {
                        ReplayProgress.rejected(r.reject().reason());
                        continue;
                    }
                    Record value = r.value();
                    Instant t =
                            value instanceof CallForService c
                                    ? c.receivedAt()
                                    : ((Tip) value).receivedAt();
                    long millis = t.toEpochMilli();
                    if (latest != Long.MIN_VALUE && latest - millis > MAX_DISORDER.toMillis()) {
                        inOrder = false;
                    }
                    latest = Math.max(latest, millis);
                    if (stopPastEnd && inOrder && !t.isBefore(to.plus(PAST_END))) {
                        close();
                        return null;
                    }
                    if ((from != null && t.isBefore(from)) || (to != null && !t.isBefore(to))) {
                        continue;
                    }
                    RawRecord raw =
                            value instanceof CallForService c
                                    ? RawRecord.call(Json.encode(c))
                                    : RawRecord.tip(Json.encode(value));
                    raw.eventTimeMillis = t.toEpochMilli();
                    return raw;
                }
                close();
                FeedOrder.remember(Path.of(file), inOrder);
                return null;
            }

            private void close() {
                try {
                    reader.close();
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public RawRecord next() {
                if (next == null) throw new NoSuchElementException();
                RawRecord out = next;
                next = advance();
                return out;
            }
        };
    }
}
