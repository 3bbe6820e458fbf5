package io.beatwatch.core.inspect;

import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.profile.FeedKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link FeedInspector} found in one feed file. Counts are of rows; time figures are of
 * accepted events; shares are fractions in [0, 1]. {@link #render()} gives the plain-text form.
 *
 * @param profile profile name
 * @param feed calls or tips
 * @param file the file read
 * @param zone the profile's time zone (local days are in it)
 * @param rows data rows read
 * @param accepted rows accepted
 * @param rejected rejected rows by reason code, largest first
 * @param distinctIds distinct ids among accepted rows
 * @param firstEvent earliest accepted event, or null
 * @param lastEvent latest accepted event, or null
 * @param daysWithData local days with at least one accepted event
 * @param completeDays days judged complete
 * @param coverageWindows runs of consecutive days with data
 * @param completeWindows runs of consecutive complete days
 * @param medianEventsPerCompleteDay median accepted events over complete days (0 if none)
 * @param completenessRule the rule that judged days complete, in words
 * @param days every day with data, in date order
 * @param topTypes the most frequent types (tips: categories), largest first
 * @param officerInitiated accepted calls flagged officer-initiated (0 for tips)
 * @param sensitive accepted calls of a sensitive type (0 for tips)
 * @param withCoordinates rows carrying a usable location, inside the bounds or not
 * @param elapsedSeconds wall time of the read
 * @param rowsPerSecond reading speed: rows / elapsed seconds
 * @param checks the traps looked for: clock, extent, officer-initiated types, gaps
 */
public record InspectionReport(
        String profile,
        FeedKind feed,
        String file,
        String zone,
        long rows,
        long accepted,
        Map<String, Long> rejected,
        long distinctIds,
        Instant firstEvent,
        Instant lastEvent,
        long daysWithData,
        long completeDays,
        long coverageWindows,
        long completeWindows,
        double medianEventsPerCompleteDay,
        String completenessRule,
        List<DayCoverage> days,
        List<TypeCount> topTypes,
        long officerInitiated,
        long sensitive,
        long withCoordinates,
        double elapsedSeconds,
        double rowsPerSecond,
        InspectionChecks checks) {

    /** How many officer-initiated suggestions the text lists (the types CSV has them all). */
    public static final int SUGGESTIONS_SHOWN = 15;

    public InspectionReport {
        rejected = orderedCopy(rejected);
        days = List.copyOf(days);
        topTypes = List.copyOf(topTypes);
    }

    /** Rows rejected, all reasons. */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Days with data that are not complete. */
    public long partialDays() {
        return daysWithData - completeDays;
    }

    /** First local day with data, or null. */
    public LocalDate firstDay() {
        return days.isEmpty() ? null : days.get(0).date();
    }

    /** Last local day with data, or null. */
    public LocalDate lastDay() {
        return days.isEmpty() ? null : days.get(days.size() - 1).date();
    }

    /** The report as plain text for a terminal. */
    public String render() {
        var sb = new StringBuilder();
        String kind = feed == FeedKind.CFS ? "calls" : "tips";
        line(sb, "Feed", profile + " (" + kind + ")  " + file);
        line(
                sb,
                "Rows",
                String.format(
                        Locale.ROOT,
                        "%,d read in %.1f s (%,.0f rows/s)",
                        rows,
                        elapsedSeconds,
                        rowsPerSecond));
        line(sb, "Accepted", String.format(Locale.ROOT, "%,d (%s)", accepted, pct(accepted, rows)));
        var rej = new StringBuilder(String.format(Locale.ROOT, "%,d", rejectedTotal()));
        if (!rejected.isEmpty()) {
            rej.append(":");
            rejected.forEach((k, v) -> rej.append(String.format(Locale.ROOT, " %s %,d", k, v)));
        }
        line(sb, "Rejected", rej.toString());
        line(sb, "Distinct ids", String.format(Locale.ROOT, "%,d", distinctIds));
        ExtentCheck extent = checks.extent();
        line(
                sb,
                "With location",
                String.format(
                                Locale.ROOT,
                                "%,d rows (%s)",
                                withCoordinates,
                                pct(withCoordinates, rows))
                        + (extent.outside() > 0
                                ? String.format(
                                        Locale.ROOT,
                                        "; of accepted, %,d far outside the data's extent (%s)",
                                        extent.outside(),
                                        pct(extent.outside(), accepted))
                                : ""));
        if (extent.extent() != null) {
            line(
                    sb,
                    "Extent",
                    String.format(
                            Locale.ROOT,
                            "lat %.4f..%.4f, lon %.4f..%.4f (robust: far outliers left out)",
                            extent.extent().minLat(),
                            extent.extent().maxLat(),
                            extent.extent().minLon(),
                            extent.extent().maxLon()));
        }
        if (feed == FeedKind.CFS) {
            line(
                    sb,
                    "Officer-init.",
                    String.format(
                            Locale.ROOT,
                            "%,d of accepted (%s)",
                            officerInitiated,
                            pct(officerInitiated, accepted)));
            line(
                    sb,
                    "Sensitive",
                    String.format(
                            Locale.ROOT,
                            "%,d of accepted (%s)",
                            sensitive,
                            pct(sensitive, accepted)));
        }
        if (firstEvent != null) {
            line(sb, "Events", firstEvent + " .. " + lastEvent);
            line(sb, "Local days", firstDay() + " .. " + lastDay() + " (" + zone + ")");
            line(
                    sb,
                    "Coverage",
                    String.format(
                            Locale.ROOT,
                            "%,d days with data in %,d windows; %,d complete (in %,d windows), %,d partial;"
                                    + " median %,.0f events per complete day",
                            daysWithData,
                            coverageWindows,
                            completeDays,
                            completeWindows,
                            partialDays(),
                            medianEventsPerCompleteDay));
            line(sb, "Complete day", completenessRule);
            List<DayCoverage> partial = days.stream().filter(d -> !d.complete()).toList();
            if (!partial.isEmpty()) {
                var p = new StringBuilder();
                int shown = Math.min(8, partial.size());
                for (int i = 0; i < shown; i++) {
                    DayCoverage d = partial.get(i);
                    if (i > 0) {
                        p.append(", ");
                    }
                    p.append(
                            String.format(
                                    Locale.ROOT,
                                    "%s (%,d, %s-%s)",
                                    d.date(),
                                    d.events(),
                                    hhmm(d.first()),
                                    hhmm(d.last())));
                }
                if (partial.size() > shown) {
                    p.append(", ... ").append(partial.size() - shown).append(" more");
                }
                line(sb, "Partial days", p.toString());
            }
        }
        if (firstEvent != null) {
            line(sb, "Gaps", checks.baseline().render());
            ClockCheck clock = checks.clock();
            if (!dateOnlyClock(clock)) {
                line(
                        sb,
                        "By hour",
                        "00 "
                                + spark(clock.byHour())
                                + " 23 (local; quietest "
                                + String.format(
                                        Locale.ROOT,
                                        "%02d:00-%02d:00, busiest %02d:00)",
                                        clock.quietStartHour(),
                                        (clock.quietStartHour() + ClockCheck.QUIET_HOURS) % 24,
                                        clock.peakHour()));
            }
            var wd = new StringBuilder();
            String[] names = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
            for (int i = 0; i < 7; i++) {
                wd.append(i == 0 ? "" : "  ")
                        .append(names[i])
                        .append(' ')
                        .append(pct(clock.byWeekday().get(i), accepted));
            }
            line(sb, "By weekday", wd.toString());
        }
        if (!topTypes.isEmpty()) {
            sb.append(feed == FeedKind.CFS ? "Top types\n" : "Top categories\n");
            for (TypeCount t : topTypes) {
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "  %9s  %6s  %s%n",
                                String.format(Locale.ROOT, "%,d", t.count()),
                                pct(t.count(), accepted),
                                t.type()));
            }
        }
        if (feed == FeedKind.CFS) {
            renderOfficerHints(sb);
        }
        List<String> warnings = checks.warnings();
        if (!warnings.isEmpty()) {
            sb.append("Warnings\n");
            for (String w : warnings) {
                sb.append("  ! ").append(w).append('\n');
            }
        }
        return sb.toString();
    }

    private void renderOfficerHints(StringBuilder sb) {
        List<TypeCount> suggested = checks.suggestedOfficer();
        if (!checks.configuredOfficer().isEmpty()) {
            var names = new StringBuilder();
            checks.configuredOfficer()
                    .forEach(t -> names.append(names.isEmpty() ? "" : ", ").append(t.type()));
            line(sb, "Officer types", "counted by the profile and named like it: " + names);
        }
        if (suggested.isEmpty()) {
            return;
        }
        sb.append(
                "Officer-initiated by name? (confirm with the agency, then add to the profile's"
                        + " officerInitiated.types)\n");
        int shown = Math.min(SUGGESTIONS_SHOWN, suggested.size());
        for (TypeCount t : suggested.subList(0, shown)) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  %9s  %6s  %s%n",
                            String.format(Locale.ROOT, "%,d", t.count()),
                            pct(t.count(), accepted),
                            t.type()));
        }
        if (suggested.size() > shown) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  ... %d more in the types CSV%n",
                            suggested.size() - shown));
        }
        sb.append("  ").append(OfficerTypeHints.yaml(suggested.subList(0, shown))).append('\n');
    }

    private static boolean dateOnlyClock(ClockCheck c) {
        return c.byHour().stream().mapToLong(Long::longValue).sum() == c.byHour().get(0);
    }

    /** A one-line bar chart of counts, eight levels. */
    static String spark(List<Long> counts) {
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        String bars = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
        var sb = new StringBuilder();
        for (long c : counts) {
            sb.append(max == 0 ? ' ' : bars.charAt((int) Math.min(7, c * 8 / (max + 1))));
        }
        return sb.toString();
    }

    private static String hhmm(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "%-14s %s%n", label, value));
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }

    private static Map<String, Long> orderedCopy(Map<String, Long> m) {
        var copy = new LinkedHashMap<String, Long>();
        m.entrySet().stream()
                .sorted(
                        Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> copy.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(copy);
    }
}
