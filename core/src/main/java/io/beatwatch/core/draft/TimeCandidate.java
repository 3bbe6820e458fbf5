package io.beatwatch.core.draft;

import io.beatwatch.core.inspect.ClockCheck;
import io.beatwatch.core.profile.TimeKind;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * One column read as times in one format: the share of values that parse and the parsed times.
 *
 * @param column header name
 * @param kind how the column is written
 * @param pattern the {@link java.time.format.DateTimeFormatter} pattern for local kinds, else null
 * @param parsedShare share of the non-blank values that parse
 * @param timeOfDay whether the values carry a time of day (not all at midnight)
 * @param seconds the parsed times as epoch seconds; for local kinds the wall clock read as if UTC
 */
public record TimeCandidate(
        String column,
        TimeKind kind,
        String pattern,
        double parsedShare,
        boolean timeOfDay,
        long[] seconds) {

    /** Whether the column holds instants (epoch numbers, ISO with an offset), not a wall clock. */
    public boolean instant() {
        return kind == TimeKind.EPOCH_MILLIS
                || kind == TimeKind.EPOCH_SECONDS
                || kind == TimeKind.ISO_INSTANT;
    }

    /** Events by hour of the day: the wall clock as written (local kinds) or in {@code zone}. */
    public long[] hours(ZoneId zone) {
        long[] h = new long[24];
        ZoneRules rules = instant() ? zone.getRules() : null;
        for (long s : seconds) {
            long local =
                    rules == null
                            ? s
                            : s
                                    + rules.getOffset(java.time.Instant.ofEpochSecond(s))
                                            .getTotalSeconds();
            h[(int) (Math.floorMod(local, 86_400L) / 3600)]++;
        }
        return h;
    }

    /** The daily rhythm of {@link #hours(ZoneId)}: where the quiet hours fall. */
    public ClockCheck rhythm(ZoneId zone) {
        return ClockCheck.of(hours(zone), new long[7], !timeOfDay);
    }

    /** How the kind reads in a profile, e.g. {@code local-date-time 'MM/dd/yyyy HH:mm:ss'}. */
    public String describe() {
        String k =
                switch (kind) {
                    case EPOCH_MILLIS -> "epoch-millis";
                    case EPOCH_SECONDS -> "epoch-seconds";
                    case ISO_INSTANT -> "iso-instant";
                    case LOCAL_DATE_TIME -> "local-date-time";
                    case DATE_ONLY -> "date-only";
                };
        return pattern == null ? k : k + " '" + pattern + "'";
    }
}
