package io.beatwatch.core.draft;

import io.beatwatch.core.profile.TimeKind;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The time formats {@code profile init} tries on every column, in the order tried: epoch numbers,
 * ISO instants with an offset, then local date-time and date patterns, strict ones first. A column
 * takes the first format that reads at least {@value #MIN_PARSED_SHARE} of its values.
 */
public final class TimeFormats {

    /** A column is read as times when at least this share of its non-blank values parse. */
    public static final double MIN_PARSED_SHARE = 0.98;

    /** Epoch numbers must fall in this range of years to count as times (not ids). */
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("2045-01-01T00:00:00Z");

    /** Local date-time patterns, tried in order. */
    public static final List<String> DATE_TIME_PATTERNS =
            List.of(
                    "yyyy-MM-dd'T'HH:mm:ss",
                    "yyyy-MM-dd'T'HH:mm:ss.SSS",
                    "yyyy-MM-dd'T'HH:mm",
                    "yyyy-MM-dd HH:mm:ss",
                    "yyyy-MM-dd HH:mm:ss.SSS",
                    "yyyy-MM-dd HH:mm",
                    "yyyy/MM/dd HH:mm:ss",
                    "MM/dd/yyyy HH:mm:ss",
                    "MM/dd/yyyy HH:mm",
                    "M/d/yyyy H:mm:ss",
                    "M/d/yyyy H:mm",
                    "MM/dd/yyyy hh:mm:ss a",
                    "MM/dd/yyyy hh:mm a",
                    "M/d/yyyy h:mm:ss a",
                    "M/d/yyyy h:mm a",
                    "MM/dd/yy HH:mm:ss",
                    "M/d/yy H:mm",
                    "M/d/yy h:mm a",
                    "dd.MM.yyyy HH:mm:ss",
                    "dd.MM.yyyy HH:mm");

    /** Date patterns, tried in order after the date-time ones. */
    public static final List<String> DATE_PATTERNS =
            List.of(
                    "yyyy-MM-dd",
                    "yyyy/MM/dd",
                    "MM/dd/yyyy",
                    "M/d/yyyy",
                    "MM/dd/yy",
                    "M/d/yy",
                    "dd.MM.yyyy");

    private static final DateTimeFormatter OFFSET_DATE_TIME =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .appendPattern("[XXX][XX][X]")
                    .toFormatter();

    private TimeFormats() {}

    /** How the column reads as times, or null when no format reads enough of it. */
    public static TimeCandidate read(ColumnStats c) {
        List<String> values = new ArrayList<>();
        for (String v : c.values()) {
            if (v != null && !v.isBlank()) {
                values.add(v.strip());
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        String first = values.get(0);
        if (first.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            TimeCandidate epoch = epoch(c.name(), values);
            if (epoch != null) {
                return epoch;
            }
            // plain numbers that are not epoch times: not a time column (yyyyMMdd is left out)
            return null;
        }
        TimeCandidate iso = iso(c.name(), values);
        if (iso != null) {
            return iso;
        }
        for (String p : DATE_TIME_PATTERNS) {
            TimeCandidate t = local(c.name(), values, p, false);
            if (t != null) {
                return t;
            }
        }
        for (String p : DATE_PATTERNS) {
            TimeCandidate t = local(c.name(), values, p, true);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static TimeCandidate epoch(String column, List<String> values) {
        for (TimeKind kind : List.of(TimeKind.EPOCH_MILLIS, TimeKind.EPOCH_SECONDS)) {
            long[] s = new long[values.size()];
            int n = 0;
            for (String v : values) {
                if (v.length() > 15 || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    continue;
                }
                long x = Long.parseLong(v);
                Instant t =
                        kind == TimeKind.EPOCH_MILLIS
                                ? Instant.ofEpochMilli(x)
                                : Instant.ofEpochSecond(x);
                if (!t.isBefore(EARLIEST) && t.isBefore(LATEST)) {
                    s[n++] = t.getEpochSecond();
                }
            }
            TimeCandidate c = candidate(column, kind, null, s, n, values.size());
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static TimeCandidate iso(String column, List<String> values) {
        long[] s = new long[values.size()];
        int n = 0;
        for (String v : values) {
            try {
                s[n] = OffsetDateTime.parse(v, OFFSET_DATE_TIME).toEpochSecond();
                n++;
            } catch (DateTimeException e) {
                // not an ISO instant
            }
        }
        return candidate(column, TimeKind.ISO_INSTANT, null, s, n, values.size());
    }

    private static TimeCandidate local(
            String column, List<String> values, String pattern, boolean dateOnly) {
        DateTimeFormatter f =
                new DateTimeFormatterBuilder()
                        .parseCaseInsensitive()
                        .appendPattern(pattern)
                        .toFormatter(Locale.ROOT)
                        .withResolverStyle(ResolverStyle.SMART);
        long[] s = new long[values.size()];
        int n = 0;
        int misses = 0;
        int allowed = (int) Math.floor(values.size() * (1 - MIN_PARSED_SHARE));
        for (String v : values) {
            try {
                s[n] =
                        dateOnly
                                ? LocalDate.parse(v, f).atStartOfDay().toEpochSecond(ZoneOffset.UTC)
                                : LocalDateTime.parse(v, f).toEpochSecond(ZoneOffset.UTC);
                n++;
            } catch (DateTimeException e) {
                if (++misses > allowed) {
                    return null;
                }
            }
        }
        return candidate(
                column,
                dateOnly ? TimeKind.DATE_ONLY : TimeKind.LOCAL_DATE_TIME,
                pattern,
                s,
                n,
                values.size());
    }

    private static TimeCandidate candidate(
            String column, TimeKind kind, String pattern, long[] s, int n, int total) {
        double share = n / (double) total;
        if (share < MIN_PARSED_SHARE) {
            return null;
        }
        long[] seconds = java.util.Arrays.copyOf(s, n);
        boolean timeOfDay = false;
        if (kind != TimeKind.DATE_ONLY) {
            for (long x : seconds) {
                if (Math.floorMod(x, 86_400L) != 0) {
                    timeOfDay = true;
                    break;
                }
            }
        }
        // A date-time column that is always at midnight carries dates only: timeOfDay says so.
        return new TimeCandidate(column, kind, pattern, share, timeOfDay, seconds);
    }
}
