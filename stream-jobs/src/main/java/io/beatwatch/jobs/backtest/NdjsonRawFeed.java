package io.beatwatch.jobs.backtest;

import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.RecordFeed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A file of call JSON lines, in time order, exactly as topic {@code beatwatch.cfs} would carry
 * them: the input an emergence run writes once (background plus injected calls) and replays through
 * the job for each threshold.
 */
public record NdjsonRawFeed(String file) implements RecordFeed {

    @Override
    public Iterator<RawRecord> open() {
        BufferedReader r;
        try {
            r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        return new Iterator<>() {
            private String next = read();

            private String read() {
                try {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.isBlank()) return line;
                    }
                    r.close();
                    return null;
                } catch (IOException e) {
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
                RawRecord out = RawRecord.call(next);
                next = read();
                return out;
            }
        };
    }
}
