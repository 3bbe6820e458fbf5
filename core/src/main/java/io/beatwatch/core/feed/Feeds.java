package io.beatwatch.core.feed;

import io.beatwatch.core.feed.internal.CountingInputStream;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.Tip;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.Columns;
import io.beatwatch.core.profile.FeedFormat;
import io.beatwatch.core.profile.FeedKind;
import io.beatwatch.core.profile.TimeSource;
import io.beatwatch.core.validate.Validator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Opens feed files ({@code .csv}, {@code .csv.gz}, {@code .ndjson}, {@code .ndjson.gz}) as
 * streaming {@link FeedReader}s mapped through a {@link CityProfile}. Gzip is detected from the
 * file's first bytes; the layout comes from the profile (a file whose extension says otherwise is
 * refused). Invalid bytes in UTF-8 text are replaced, not fatal.
 */
public final class Feeds {

    private static final int BUFFER = 1 << 16;

    private Feeds() {}

    /** Calls from a file; the profile must be a {@code cfs} profile. */
    public static FeedReader<CallForService> calls(CityProfile profile, Path file, Clock clock)
            throws IOException {
        requireKind(profile, FeedKind.CFS);
        Validator validator = validator(profile, clock);
        return open(profile, file, new CallMapper(profile, validator), validator);
    }

    /** Tips from a file; the profile must be a {@code tips} profile. */
    public static FeedReader<Tip> tips(CityProfile profile, Path file, Clock clock)
            throws IOException {
        requireKind(profile, FeedKind.TIPS);
        Validator validator = validator(profile, clock);
        return open(profile, file, new TipMapper(profile, validator), validator);
    }

    /** Calls or tips from a file, as the profile's feed kind says. */
    public static FeedReader<? extends Record> open(CityProfile profile, Path file, Clock clock)
            throws IOException {
        return profile.feed() == FeedKind.CFS
                ? calls(profile, file, clock)
                : tips(profile, file, clock);
    }

    /** Calls from a stream (plain or gzip); {@code name} appears in error messages. */
    public static FeedReader<CallForService> calls(
            CityProfile profile, InputStream in, String name, Clock clock) throws IOException {
        requireKind(profile, FeedKind.CFS);
        Validator validator = validator(profile, clock);
        var counting = new CountingInputStream(in);
        return reader(profile, counting, -1, name, new CallMapper(profile, validator), validator);
    }

    /** Tips from a stream (plain or gzip); {@code name} appears in error messages. */
    public static FeedReader<Tip> tips(
            CityProfile profile, InputStream in, String name, Clock clock) throws IOException {
        requireKind(profile, FeedKind.TIPS);
        Validator validator = validator(profile, clock);
        var counting = new CountingInputStream(in);
        return reader(profile, counting, -1, name, new TipMapper(profile, validator), validator);
    }

    private static <T> FeedReader<T> open(
            CityProfile profile, Path file, RowMapper<T> mapper, Validator validator)
            throws IOException {
        requireMatchingExtension(profile, file);
        long size = Files.size(file);
        var counting = new CountingInputStream(Files.newInputStream(file));
        try {
            return reader(profile, counting, size, file.toString(), mapper, validator);
        } catch (IOException | RuntimeException e) {
            counting.close();
            throw e;
        }
    }

    private static <T> FeedReader<T> reader(
            CityProfile profile,
            CountingInputStream counting,
            long size,
            String name,
            RowMapper<T> mapper,
            Validator validator)
            throws IOException {
        Reader text = new InputStreamReader(decompressed(counting), StandardCharsets.UTF_8);
        int maxRecord = profile.limits().maxRecordChars();
        RowSource source =
                profile.format() == FeedFormat.CSV
                        ? new CsvSource(text, maxRecord, requiredColumns(profile), name)
                        : new NdjsonSource(text, maxRecord);
        return new FeedReader<>(source, mapper, validator, counting, size);
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        var in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER) : in;
    }

    /** Every column the profile maps, which a CSV header must contain. */
    static List<String> requiredColumns(CityProfile profile) {
        Columns c = profile.columns();
        var cols = new ArrayList<String>();
        for (String s :
                new String[] {
                    c.id(),
                    c.typeInitial(),
                    c.typeFinal(),
                    c.category(),
                    c.priority(),
                    c.district(),
                    c.beat(),
                    c.lat(),
                    c.lon(),
                    c.address(),
                    c.disposition(),
                    c.officerInitiated(),
                    c.text()
                }) {
            if (s != null) {
                cols.add(s);
            }
        }
        cols.addAll(c.types());
        for (TimeSource t = profile.time(); t != null; t = t.fallback()) {
            cols.add(t.column());
        }
        return cols;
    }

    private static Validator validator(CityProfile profile, Clock clock) {
        return new Validator(profile.validationRules(), clock, profile.source());
    }

    private static void requireKind(CityProfile profile, FeedKind kind) {
        if (profile.feed() != kind) {
            throw new IllegalArgumentException(
                    "profile " + profile.name() + " is a " + profile.feed() + " feed, not " + kind);
        }
    }

    private static void requireMatchingExtension(CityProfile profile, Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        boolean looksJson = n.endsWith(".ndjson") || n.endsWith(".jsonl") || n.endsWith(".json");
        boolean looksCsv = n.endsWith(".csv");
        if ((looksJson && profile.format() != FeedFormat.NDJSON)
                || (looksCsv && profile.format() != FeedFormat.CSV)) {
            throw new IllegalArgumentException(
                    file
                            + " does not look like "
                            + profile.format()
                            + ", the format of profile "
                            + profile.name());
        }
    }
}
