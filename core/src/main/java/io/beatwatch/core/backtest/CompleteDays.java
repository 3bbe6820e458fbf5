package io.beatwatch.core.backtest;

import io.beatwatch.core.inspect.FeedInspector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The local days a feed covers completely: only they enter a backtest, for training and for scoring
 * (a half-scraped day would look like a quiet day everywhere). Either read from a coverage file
 * ({@code date,...,likely_complete} as shipped beside the San Antonio data) or judged by the rule
 * of {@code beatwatch inspect} ({@link FeedInspector}): with times of day, the first event before
 * 01:00 and the last at or after 23:00 local; for date-only feeds, at least half the median daily
 * count.
 */
public final class CompleteDays {

    private final int[] days;
    private final String rule;

    /** Complete days (local epoch days, any order) and the rule that chose them. */
    public CompleteDays(int[] days, String rule) {
        this.days = days.clone();
        Arrays.sort(this.days);
        this.rule = rule;
    }

    /** Sorted local epoch days. */
    public int[] days() {
        return days.clone();
    }

    public int count() {
        return days.length;
    }

    /** The rule, for reports. */
    public String rule() {
        return rule;
    }

    public boolean contains(int day) {
        return Arrays.binarySearch(days, day) >= 0;
    }

    /** Position of a day in the sorted list, or -(insertion point) - 1 when not complete. */
    public int indexOf(int day) {
        return Arrays.binarySearch(days, day);
    }

    /** The {@code i}-th complete day. */
    public int day(int i) {
        return days[i];
    }

    /**
     * Reads a coverage CSV with a header holding {@code date} (yyyy-mm-dd) and {@code
     * likely_complete} (True / False) columns.
     */
    public static CompleteDays fromCoverageCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) throw new IOException("empty coverage file " + file);
        List<String> header = Arrays.asList(lines.get(0).trim().split(","));
        int date = header.indexOf("date");
        int complete = header.indexOf("likely_complete");
        if (date < 0 || complete < 0) {
            throw new IOException(
                    "coverage file " + file + " needs 'date' and 'likely_complete' columns");
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) continue;
            String[] f = line.split(",", -1);
            if (f.length <= Math.max(date, complete)) {
                throw new IOException("coverage file " + file + " line " + (i + 1) + ": too short");
            }
            String flag = f[complete].trim().toLowerCase(Locale.ROOT);
            if (flag.equals("true") || flag.equals("1") || flag.equals("yes")) {
                out.add((int) LocalDate.parse(f[date].trim()).toEpochDay());
            }
        }
        return new CompleteDays(
                out.stream().mapToInt(Integer::intValue).toArray(),
                "coverage file " + file.getFileName() + " (likely_complete = True)");
    }

    /** The inspector's generic rule applied to a loaded table (see the class comment). */
    public static CompleteDays generic(EventTable t) {
        // day -> {count, first minute, last minute}
        TreeMap<Integer, int[]> byDay = new TreeMap<>();
        for (int i = 0; i < t.size(); i++) {
            int[] d = byDay.get(t.day(i));
            int m = t.minuteOfDay(i);
            if (d == null) byDay.put(t.day(i), new int[] {1, m, m});
            else {
                d[0]++;
                d[1] = Math.min(d[1], m);
                d[2] = Math.max(d[2], m);
            }
        }
        long[] counts = byDay.values().stream().mapToLong(d -> d[0]).sorted().toArray();
        double median =
                counts.length == 0
                        ? 0
                        : counts.length % 2 == 1
                                ? counts[counts.length / 2]
                                : (counts[counts.length / 2 - 1] + counts[counts.length / 2]) / 2.0;
        List<Integer> out = new ArrayList<>();
        byDay.forEach(
                (day, d) -> {
                    boolean complete =
                            t.dateOnly()
                                    ? d[0] >= FeedInspector.DATE_ONLY_MEDIAN_FRACTION * median
                                    : d[1] < FeedInspector.FIRST_BEFORE_HOUR * 60
                                            && d[2] >= FeedInspector.LAST_AFTER_HOUR * 60;
                    if (complete) out.add(day);
                });
        String rule =
                t.dateOnly()
                        ? String.format(
                                Locale.ROOT,
                                "generic rule (date-only feed): at least %.0f%% of the median daily"
                                        + " count (%.0f)",
                                100 * FeedInspector.DATE_ONLY_MEDIAN_FRACTION,
                                median)
                        : String.format(
                                Locale.ROOT,
                                "generic rule: first event before %02d:00 and last at or after"
                                        + " %02d:00 local",
                                FeedInspector.FIRST_BEFORE_HOUR,
                                FeedInspector.LAST_AFTER_HOUR);
        return new CompleteDays(out.stream().mapToInt(Integer::intValue).toArray(), rule);
    }
}
