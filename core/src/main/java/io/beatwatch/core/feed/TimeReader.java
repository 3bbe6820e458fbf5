package io.beatwatch.core.feed;

import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.profile.TimeSource;
import io.beatwatch.core.validate.InvalidRecordException;
import io.beatwatch.core.validate.Validator;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Reads an event time from a row as a {@link TimeSource} describes, falling back to the next source
 * when a column is blank or unparseable. Local times are resolved in the city's zone: in the autumn
 * overlap the earlier offset is taken, in the spring gap the time moves forward by the gap's length
 * (java.time's rules). Not thread-safe (one-entry cache).
 */
final class TimeReader {

    /** ISO date-time with a mandatory offset written Z, +HH, +HHMM or +HH:MM. */
    private static final DateTimeFormatter OFFSET_DATE_TIME =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .appendPattern("[XXX][XX][X]")
                    .toFormatter();

    private final TimeSource source;
    private final ZoneId zone;
    private final DateTimeFormatter formatter;
    private final TimeReader fallback;
    private String cachedRaw;
    private Instant cachedValue;

    TimeReader(TimeSource source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
        this.formatter = source.formatter();
        this.fallback = source.fallback() == null ? null : new TimeReader(source.fallback(), zone);
    }

    /** The row's time; {@code missing_time} or {@code unparseable_time} otherwise. */
    Instant read(Row row) {
        String raw = row.get(source.column());
        if (Validator.isBlank(raw)) {
            if (fallback != null) {
                return fallback.read(row);
            }
            throw new InvalidRecordException(
                    RejectReason.MISSING_TIME, source.column() + " is missing or empty");
        }
        try {
            return parse(raw.strip());
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            if (fallback != null) {
                try {
                    return fallback.read(row);
                } catch (InvalidRecordException ignored) {
                    // report the primary column's problem below
                }
            }
            throw new InvalidRecordException(
                    RejectReason.UNPARSEABLE_TIME,
                    source.column() + " '" + Validator.abbreviate(raw) + "' is not " + describe());
        }
    }

    private Instant parse(String s) {
        switch (source.kind()) {
            case EPOCH_MILLIS:
                return Instant.ofEpochMilli(Long.parseLong(s));
            case EPOCH_SECONDS:
                return Instant.ofEpochSecond(Long.parseLong(s));
            case ISO_INSTANT:
                if (s.endsWith("Z")) {
                    try {
                        return Instant.parse(s);
                    } catch (DateTimeException e) {
                        // try the general offset form below
                    }
                }
                return OffsetDateTime.parse(s, OFFSET_DATE_TIME).toInstant();
            default:
                break;
        }
        // Local kinds repeat the same text for many rows (a date, an hourly scrape).
        if (s.equals(cachedRaw)) {
            return cachedValue;
        }
        Instant value =
                source.kind() == io.beatwatch.core.profile.TimeKind.DATE_ONLY
                        ? LocalDate.parse(s, formatter).atStartOfDay(zone).toInstant()
                        : LocalDateTime.parse(s, formatter).atZone(zone).toInstant();
        cachedRaw = s;
        cachedValue = value;
        return value;
    }

    private String describe() {
        return switch (source.kind()) {
            case EPOCH_MILLIS -> "epoch milliseconds";
            case EPOCH_SECONDS -> "epoch seconds";
            case ISO_INSTANT -> "an ISO-8601 instant";
            case LOCAL_DATE_TIME ->
                    "a local date-time"
                            + (source.pattern() == null ? "" : " '" + source.pattern() + "'");
            case DATE_ONLY ->
                    "a date" + (source.pattern() == null ? "" : " '" + source.pattern() + "'");
        };
    }
}
