package io.beatwatch.core.inspect;

import java.util.List;
import java.util.Locale;

/**
 * Events by local hour of day and day of week, and whether the daily rhythm looks shifted. Calls
 * for service everywhere are fewest in the small hours (about 02:00-07:00 local); when the quietest
 * hours fall elsewhere, the time column is most likely in another zone than the profile says (a
 * local wall clock stored as UTC, a common ArcGIS export convention, looks exactly like epoch
 * milliseconds and is 5-8 hours off in the Americas).
 *
 * @param byHour events per local hour 0..23
 * @param byWeekday events per local day of week, Monday first
 * @param quietStartHour first hour of the quietest {@value #QUIET_HOURS}-hour window (wrapping)
 * @param peakHour the busiest hour
 * @param shiftHours estimated shift of the data's clock against the usual rhythm (0 = none)
 * @param warning what looks wrong, or null
 */
public record ClockCheck(
        List<Long> byHour,
        List<Long> byWeekday,
        int quietStartHour,
        int peakHour,
        int shiftHours,
        String warning) {

    /** Width of the quiet window looked for. */
    public static final int QUIET_HOURS = 3;

    /** Where the quiet window usually starts, local time (03:00-06:00). */
    public static final int USUAL_QUIET_START = 3;

    /** How far (hours) the quiet window may start from the usual one before a warning. */
    public static final int TOLERANCE_HOURS = 2;

    /** Fewer events than this give no verdict. */
    public static final long MIN_EVENTS = 200;

    public ClockCheck {
        byHour = List.copyOf(byHour);
        byWeekday = List.copyOf(byWeekday);
    }

    /** The check from hour and weekday counts; no verdict for a date-only feed or few events. */
    public static ClockCheck of(long[] byHour, long[] byWeekday, boolean dateOnly) {
        long total = 0;
        int peak = 0;
        for (int h = 0; h < 24; h++) {
            total += byHour[h];
            if (byHour[h] > byHour[peak]) {
                peak = h;
            }
        }
        int quiet = 0;
        long quietSum = Long.MAX_VALUE;
        for (int h = 0; h < 24; h++) {
            long s = 0;
            for (int i = 0; i < QUIET_HOURS; i++) {
                s += byHour[(h + i) % 24];
            }
            if (s < quietSum) {
                quietSum = s;
                quiet = h;
            }
        }
        int shift = Math.floorMod(quiet - USUAL_QUIET_START + 12, 24) - 12;
        String warning = null;
        if (!dateOnly && total >= MIN_EVENTS && Math.abs(shift) > TOLERANCE_HOURS) {
            warning =
                    String.format(
                            Locale.ROOT,
                            "the quietest hours are %02d:00-%02d:00 local and the busiest %02d:00,"
                                    + " about %+d h from the usual rhythm (quiet at about"
                                    + " %02d:00-%02d:00). Is the time column in the zone the"
                                    + " profile says? A local wall clock stored as UTC (common in"
                                    + " ArcGIS exports) looks exactly like this: ask the vendor"
                                    + " for the zone of each time column, then fix time.kind /"
                                    + " zone.",
                            quiet,
                            (quiet + QUIET_HOURS) % 24,
                            peak,
                            shift,
                            USUAL_QUIET_START,
                            USUAL_QUIET_START + QUIET_HOURS);
        }
        return new ClockCheck(
                boxed(byHour), boxed(byWeekday), quiet, peak, dateOnly ? 0 : shift, warning);
    }

    private static List<Long> boxed(long[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
