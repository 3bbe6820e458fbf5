package io.beatwatch.core.inspect;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Gaps in a feed's coverage and the detection baseline they call for. The baseline is a trailing
 * number of calendar days ({@code baselineDays} in the profile, default {@value #DEFAULT_DAYS}); a
 * feed with gaps of weeks or months needs a longer one so that it holds enough days with data to
 * say what is normal.
 *
 * @param spanDays calendar days from the first to the last day with data
 * @param daysWithData days with at least one event
 * @param longestGapDays longest run of days without data inside the span
 * @param gapFrom first day of that gap, or null without gaps
 * @param gaps runs of days without data inside the span
 * @param withDataInDefault expected days with data in a default-length baseline
 * @param suggestedDays baselineDays to set, or null when the default holds enough days
 * @param profileDays the profile's baselineDays, or null for the default
 */
public record BaselineAdvice(
        long spanDays,
        long daysWithData,
        long longestGapDays,
        LocalDate gapFrom,
        long gaps,
        double withDataInDefault,
        Integer suggestedDays,
        Integer profileDays) {

    /** The detector's default baseline, calendar days (DetectionConfig.DEFAULT_BASELINE_DAYS). */
    public static final int DEFAULT_DAYS = 28;

    /** Days with data a baseline should hold (the San Antonio profile's 91 days hold ~18). */
    public static final int TARGET_DAYS_WITH_DATA = 18;

    /** Longest baseline the detector takes. */
    public static final int MAX_DAYS = 366;

    /** The advice for the days with data, in date order. */
    public static BaselineAdvice of(List<LocalDate> days, Integer profileDays) {
        if (days.isEmpty()) {
            return new BaselineAdvice(0, 0, 0, null, 0, 0, null, profileDays);
        }
        long span = ChronoUnit.DAYS.between(days.get(0), days.get(days.size() - 1)) + 1;
        long longest = 0;
        long gaps = 0;
        LocalDate gapFrom = null;
        for (int i = 1; i < days.size(); i++) {
            long gap = ChronoUnit.DAYS.between(days.get(i - 1), days.get(i)) - 1;
            if (gap > 0) {
                gaps++;
                if (gap > longest) {
                    longest = gap;
                    gapFrom = days.get(i - 1).plusDays(1);
                }
            }
        }
        double share = days.size() / (double) span;
        double inDefault = share * DEFAULT_DAYS;
        Integer suggested = null;
        if (inDefault < TARGET_DAYS_WITH_DATA) {
            int d = (int) Math.ceil(TARGET_DAYS_WITH_DATA / share / 7.0) * 7;
            suggested = Math.min(MAX_DAYS, Math.max(DEFAULT_DAYS, d));
        }
        return new BaselineAdvice(
                span, days.size(), longest, gapFrom, gaps, inDefault, suggested, profileDays);
    }

    /** One line for the report. */
    public String render() {
        if (spanDays == 0) {
            return "no days with data";
        }
        var sb =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "%,d of %,d days have data (%.0f%%), %,d gaps",
                                daysWithData,
                                spanDays,
                                100.0 * daysWithData / spanDays,
                                gaps));
        if (gapFrom != null) {
            sb.append(
                    String.format(
                            Locale.ROOT, ", longest %,d days from %s", longestGapDays, gapFrom));
        }
        sb.append(
                String.format(
                        Locale.ROOT,
                        "; a %d-day baseline holds ~%.0f days with data",
                        DEFAULT_DAYS,
                        withDataInDefault));
        if (suggestedDays == null) {
            sb.append(": the default baseline is fine");
        } else {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            ": set baselineDays: %d (holds ~%d)",
                            suggestedDays,
                            Math.round(suggestedDays * daysWithData / (double) spanDays)));
        }
        if (profileDays != null) {
            sb.append(String.format(Locale.ROOT, "; the profile sets %d", profileDays));
        }
        return sb.toString();
    }
}
