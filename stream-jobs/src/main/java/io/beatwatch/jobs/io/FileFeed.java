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
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A historical feed file replayed through a city profile: accepted rows become the JSON their topic
 * would carry, within an optional {@code [from, to)} period. Rows the profile rejects are counted
 * by {@link ReplayProgress} (the summary reports them); they never reach the job.
 */
public record FileFeed(String profile, String file, Instant from, Instant to)
        implements RecordFeed {

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
                try {
                    reader.close();
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
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
