package io.beatwatch.core.draft;

import io.beatwatch.core.inspect.ClockCheck;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The event time and the zone: which column (and fallback) to read, in which zone, and the
 * evidence. Calls are fewest in the small hours everywhere, so each reading of a column is judged
 * by where its quiet hours fall ({@link ClockCheck}): a reading that puts them at mid-day is wrong.
 * An instant column that is quiet at night only when read as UTC holds a local wall clock stored as
 * UTC (a common ArcGIS export convention).
 *
 * @param primary the column to read, or null when none reads as times
 * @param fallback a second column for rows where the first is blank or broken, or null
 * @param zone the city's zone
 * @param zoneReason why that zone
 * @param wallClockAsUtc whether the primary column looks like a local wall clock stored as UTC
 * @param candidates every column that reads as times, best first
 * @param evidence lines for the draft's comments
 * @param warnings what the user must look at
 */
public record TimeGuess(
        TimeCandidate primary,
        TimeCandidate fallback,
        ZoneId zone,
        String zoneReason,
        boolean wallClockAsUtc,
        List<TimeCandidate> candidates,
        List<String> evidence,
        List<String> warnings) {

    /** Names of columns that hold the call's first time. */
    static final Pattern EARLY =
            Pattern.compile(
                    "receiv|creat|call|report|occur|start|open|entry|date|time|ts",
                    Pattern.CASE_INSENSITIVE);

    /** Names of columns that hold later times of a call (dispatch, arrival, close). */
    static final Pattern LATE =
            Pattern.compile(
                    "clos|clear|dispatch|arriv|enroute|en_route|end|finish|update|modif|complete|scene",
                    Pattern.CASE_INSENSITIVE);

    private static final String BARS = "▁▂▃▄▅▆▇█";

    public TimeGuess {
        candidates = List.copyOf(candidates);
        evidence = List.copyOf(evidence);
        warnings = List.copyOf(warnings);
    }

    /**
     * The guess from every column that reads as times, and the nearest reference place to the data
     * (null without a location).
     */
    public static TimeGuess of(List<TimeCandidate> all, ZoneTable.Nearest place) {
        var evidence = new ArrayList<String>();
        var warnings = new ArrayList<String>();
        ZoneId zone;
        String reason;
        if (place != null && place.km() <= ZoneTable.MAX_KM) {
            zone = place.zone();
            reason =
                    String.format(
                            Locale.ROOT,
                            "the data's median location is %.0f km from %s",
                            place.km(),
                            place.place().name());
        } else {
            ZoneId byRhythm = byRhythm(all);
            zone = byRhythm == null ? ZoneOffset.UTC : byRhythm;
            reason =
                    byRhythm == null
                            ? "could not tell (no location near a reference city, no instant column"
                                    + " with times of day): SET IT"
                            : "the zone whose offset puts the quietest hours of the best instant"
                                    + " column at night (no location near a reference city)";
        }
        final ZoneId z = zone;
        List<TimeCandidate> ranked =
                all.stream()
                        .sorted(Comparator.comparingInt((TimeCandidate c) -> -score(c, z)))
                        .toList();
        TimeCandidate primary = ranked.isEmpty() ? null : ranked.get(0);
        TimeCandidate fallback = null;
        if (primary != null && primary.timeOfDay()) {
            for (TimeCandidate c : ranked.subList(1, ranked.size())) {
                if (c.timeOfDay() && c.instant() == primary.instant() && atNight(c, z)) {
                    fallback = c;
                    break;
                }
            }
        }
        boolean wallClock = false;
        for (TimeCandidate c : ranked) {
            evidence.add(
                    String.format(
                            Locale.ROOT,
                            "%s: %s, %.1f%% of values parse%s",
                            c.column(),
                            c.describe(),
                            100 * c.parsedShare(),
                            c.timeOfDay() ? "" : ", no time of day"));
            if (!c.timeOfDay()) {
                continue;
            }
            if (c.instant()) {
                evidence.add("  hours in " + z.getId() + ": " + render(c.rhythm(z)));
                if (!z.equals(ZoneOffset.UTC)) {
                    evidence.add("  hours as UTC:  " + render(c.rhythm(ZoneOffset.UTC)));
                }
                boolean shifted = !atNight(c, z);
                boolean utcAtNight =
                        Math.abs(c.rhythm(ZoneOffset.UTC).shiftHours())
                                <= ClockCheck.TOLERANCE_HOURS;
                if (shifted && utcAtNight && !z.equals(ZoneOffset.UTC)) {
                    if (c == primary) {
                        wallClock = true;
                    }
                    warnings.add(
                            c.column()
                                    + " looks like a local wall clock stored as UTC: read in "
                                    + z.getId()
                                    + " its quiet hours fall at mid-day, read as UTC they fall at"
                                    + " night. Ask the vendor; until then it is off by the zone's"
                                    + " offset (inspect warns the same way).");
                } else if (shifted) {
                    warnings.add(
                            c.column()
                                    + ": the quiet hours do not fall at night in "
                                    + z.getId()
                                    + " nor in UTC: check the zone of this column");
                }
            } else {
                evidence.add("  hours as written: " + render(c.rhythm(z)));
                if (!atNight(c, z)) {
                    warnings.add(
                            c.column()
                                    + ": the quiet hours as written do not fall at night: is it in"
                                    + " another zone (UTC?) than the city's?");
                }
            }
        }
        if (primary == null) {
            warnings.add("no column reads as times: set time.column / time.kind by hand");
        } else if (!primary.timeOfDay()) {
            warnings.add(
                    primary.column()
                            + " holds dates only: each call is placed at local midnight; anything"
                            + " finer than a day (hour windows, emergence timing) is meaningless");
        }
        return new TimeGuess(
                primary, fallback, zone, reason, wallClock, ranked, evidence, warnings);
    }

    /** Whether the column's quiet hours fall at night in {@code zone} (local kinds: as written). */
    static boolean atNight(TimeCandidate c, ZoneId zone) {
        return Math.abs(c.rhythm(zone).shiftHours()) <= ClockCheck.TOLERANCE_HOURS;
    }

    /**
     * Higher is better: a time of day, quiet at night, an instant (no zone needed), an epoch
     * number, a name saying "received" rather than "cleared", a four-digit year.
     */
    static int score(TimeCandidate c, ZoneId zone) {
        int s = 0;
        if (c.timeOfDay()) {
            s += 100;
            if (atNight(c, zone)) {
                s += 50;
            }
        }
        if (c.instant()) {
            s += 10;
            if (c.kind() != io.beatwatch.core.profile.TimeKind.ISO_INSTANT) {
                s += 2;
            }
        }
        if (EARLY.matcher(c.column()).find()) {
            s += 5;
        }
        if (LATE.matcher(c.column()).find()) {
            s -= 8;
        }
        if (c.pattern() != null && c.pattern().contains("yyyy")) {
            s += 1;
        }
        return s;
    }

    /** The zone whose offset puts the best instant column's quiet hours at the usual time. */
    private static ZoneId byRhythm(List<TimeCandidate> all) {
        for (TimeCandidate c : all) {
            if (c.instant() && c.timeOfDay() && c.seconds().length >= ClockCheck.MIN_EVENTS) {
                int quietUtc = c.rhythm(ZoneOffset.UTC).quietStartHour();
                int offset = Math.floorMod(ClockCheck.USUAL_QUIET_START - quietUtc + 12, 24) - 12;
                long[] s = c.seconds().clone();
                java.util.Arrays.sort(s);
                return ZoneTable.forOffset(offset, Instant.ofEpochSecond(s[s.length / 2]));
            }
        }
        return null;
    }

    /** A day as 24 bars (00..23), its quiet window and busiest hour. */
    static String render(ClockCheck c) {
        long max = 1;
        for (long v : c.byHour()) {
            max = Math.max(max, v);
        }
        var sb = new StringBuilder();
        for (long v : c.byHour()) {
            sb.append(
                    BARS.charAt((int) Math.min(BARS.length() - 1, v * BARS.length() / (max + 1))));
        }
        boolean night = Math.abs(c.shiftHours()) <= ClockCheck.TOLERANCE_HOURS;
        return String.format(
                Locale.ROOT,
                "%s  quiet %02d-%02d, busiest %02d: %s",
                sb,
                c.quietStartHour(),
                (c.quietStartHour() + ClockCheck.QUIET_HOURS) % 24,
                c.peakHour(),
                night
                        ? "quiet at night"
                        : String.format(Locale.ROOT, "SHIFTED %+d h", c.shiftHours()));
    }
}
