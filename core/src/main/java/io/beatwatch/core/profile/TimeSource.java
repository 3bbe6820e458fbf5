package io.beatwatch.core.profile;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how to read an event's time: a column, its {@link TimeKind}, a {@link
 * DateTimeFormatter} pattern for local kinds, and an optional fallback used when this column is
 * blank or unparseable.
 *
 * @param column column (CSV header name or NDJSON key) holding the time
 * @param kind how the column is written
 * @param pattern {@link DateTimeFormatter} pattern for {@code local-date-time} / {@code date-only};
 *     absent means ISO ({@code 2024-05-01T13:00:00} / {@code 2024-05-01})
 * @param fallback where to look when this column fails, or null
 */
public record TimeSource(String column, TimeKind kind, String pattern, TimeSource fallback) {

    public TimeSource {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("time: column is required");
        }
        Objects.requireNonNull(kind, "time: kind is required");
        if (pattern != null) {
            if (kind != TimeKind.LOCAL_DATE_TIME && kind != TimeKind.DATE_ONLY) {
                throw new IllegalArgumentException(
                        "time: pattern only applies to local-date-time and date-only, not " + kind);
            }
            try {
                DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "time: bad pattern '" + pattern + "': " + e.getMessage(), e);
            }
        }
    }

    /** A source without pattern or fallback. */
    public static TimeSource of(String column, TimeKind kind) {
        return new TimeSource(column, kind, null, null);
    }

    /** The formatter for local kinds: the pattern, or ISO when none is given. */
    public DateTimeFormatter formatter() {
        if (pattern != null) {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        }
        return kind == TimeKind.DATE_ONLY
                ? DateTimeFormatter.ISO_LOCAL_DATE
                : DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    }

    /** Whether this source (and its fallback) carries only dates, no time of day. */
    public boolean dateOnly() {
        return kind == TimeKind.DATE_ONLY && (fallback == null || fallback.dateOnly());
    }
}
