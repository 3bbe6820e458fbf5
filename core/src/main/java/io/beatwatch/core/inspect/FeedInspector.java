package io.beatwatch.core.inspect;

import io.beatwatch.core.feed.FeedCounts;
import io.beatwatch.core.feed.FeedReader;
import io.beatwatch.core.feed.FeedRecord;
import io.beatwatch.core.feed.Feeds;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.Tip;
import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.profile.CityProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads a whole feed file once, streaming, and reports what it holds: rows, accepted / rejected by
 * reason, distinct ids, date range, coverage by local day, top types, officer-initiated and
 * sensitive shares, share with a location, reading speed.
 *
 * <p>A day is <b>complete</b> when the feed plausibly covers all of it:
 *
 * <ul>
 *   <li>feeds with a time of day: the first event falls before {@value #FIRST_BEFORE_HOUR}:00 and
 *       the last at or after {@value #LAST_AFTER_HOUR}:00 local time (events span the day; a
 *       scraper that started or stopped mid-day leaves a partial day);
 *   <li>date-only feeds: the day's count is at least {@value #DATE_ONLY_MEDIAN_FRACTION} x the
 *       median count of all days with data.
 * </ul>
 */
public final class FeedInspector {

    /** A complete day's first event is before this local hour. */
    public static final int FIRST_BEFORE_HOUR = 1;

    /** A complete day's last event is at or after this local hour. */
    public static final int LAST_AFTER_HOUR = 23;

    /** Date-only feeds: a complete day has at least this fraction of the median daily count. */
    public static final double DATE_ONLY_MEDIAN_FRACTION = 0.5;

    /** How many types the report lists. */
    public static final int TOP_TYPES = 10;

    private static final int PROGRESS_EVERY_ROWS = 4096;
    private static final int SECONDS_PER_DAY = 86_400;

    private final Clock clock;

    /** An inspector judging future times against {@code clock}. */
    public FeedInspector(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Inspects a file through a profile. */
    public InspectionReport inspect(CityProfile profile, Path file, ProgressListener progress)
            throws IOException {
        long start = System.nanoTime();
        try (FeedReader<? extends Record> reader = Feeds.open(profile, file, clock)) {
            return inspect(profile, reader, file.toString(), progress, start);
        }
    }

    /** Inspects an already opened reader (e.g. over a stream) to its end. */
    public InspectionReport inspect(
            CityProfile profile,
            FeedReader<? extends Record> reader,
            String fileName,
            ProgressListener progress,
            long startNanos) {
        var acc = new Accumulator(profile);
        long n = 0;
        while (reader.hasNext()) {
            FeedRecord<? extends Record> r = reader.next();
            if (r.isOk()) {
                acc.add(r.value());
            }
            if (++n % PROGRESS_EVERY_ROWS == 0) {
                progress.progress(n, reader.bytesRead(), reader.totalBytes());
            }
        }
        progress.progress(n, reader.bytesRead(), reader.totalBytes());
        double elapsed = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        return acc.report(reader.counts(), fileName, elapsed);
    }

    /** Running tallies over accepted events. */
    private static final class Accumulator {
        private final CityProfile profile;
        private final ZoneRules rules;
        private final Map<String, long[]> types = new HashMap<>();
        private final Map<String, Boolean> sensitiveByType = new HashMap<>();

        /** epoch day -> {count, first second of day, last second of day}. */
        private final Map<Long, long[]> days = new HashMap<>();

        private final long[] byHour = new long[24];
        private final long[] byWeekday = new long[7];
        private double[] lats = new double[1024];
        private double[] lons = new double[1024];
        private int located;

        private Instant first;
        private Instant last;
        private long officerInitiated;
        private long sensitive;

        Accumulator(CityProfile profile) {
            this.profile = profile;
            this.rules = profile.zone().getRules();
        }

        void add(Record value) {
            Instant t;
            String type;
            double lat;
            double lon;
            if (value instanceof CallForService c) {
                t = c.receivedAt();
                type = c.type();
                lat = c.lat();
                lon = c.lon();
                if (c.officerInitiated()) {
                    officerInitiated++;
                }
                if (isSensitive(c)) {
                    sensitive++;
                }
            } else {
                Tip tip = (Tip) value;
                t = tip.receivedAt();
                type = tip.category();
                lat = tip.lat();
                lon = tip.lon();
            }
            addLocation(lat, lon);
            types.computeIfAbsent(type, k -> new long[1])[0]++;
            if (first == null || t.isBefore(first)) {
                first = t;
            }
            if (last == null || t.isAfter(last)) {
                last = t;
            }
            long local = t.getEpochSecond() + rules.getOffset(t).getTotalSeconds();
            long day = Math.floorDiv(local, SECONDS_PER_DAY);
            long second = Math.floorMod(local, SECONDS_PER_DAY);
            byHour[(int) (second / 3600)]++;
            // 1970-01-01 was a Thursday: Monday-first index 3
            byWeekday[(int) Math.floorMod(day + 3, 7L)]++;
            long[] d = days.get(day);
            if (d == null) {
                days.put(day, new long[] {1, second, second});
            } else {
                d[0]++;
                d[1] = Math.min(d[1], second);
                d[2] = Math.max(d[2], second);
            }
        }

        private void addLocation(double lat, double lon) {
            if (Double.isNaN(lat) || Double.isNaN(lon)) {
                return;
            }
            if (located == lats.length) {
                lats = Arrays.copyOf(lats, located * 2);
                lons = Arrays.copyOf(lons, located * 2);
            }
            lats[located] = lat;
            lons[located] = lon;
            located++;
        }

        private boolean isSensitive(CallForService c) {
            if (c.typeInitial() == null && c.typeFinal() == null) {
                // Few distinct types: remember the answer per type.
                return sensitiveByType.computeIfAbsent(c.type(), profile.sensitive()::test);
            }
            return profile.isSensitive(c);
        }

        InspectionReport report(FeedCounts counts, String file, double elapsed) {
            boolean dateOnly = profile.time().dateOnly();
            var sorted = new TreeMap<>(days);
            long[] allCounts = sorted.values().stream().mapToLong(d -> d[0]).sorted().toArray();
            double medianAll = median(allCounts);
            var coverage = new ArrayList<DayCoverage>(sorted.size());
            long windows = 0;
            long completeWindows = 0;
            Long previous = null;
            Long previousComplete = null;
            for (var e : sorted.entrySet()) {
                long[] d = e.getValue();
                boolean complete =
                        dateOnly
                                ? d[0] >= DATE_ONLY_MEDIAN_FRACTION * medianAll
                                : d[1] < FIRST_BEFORE_HOUR * 3600L
                                        && d[2] >= LAST_AFTER_HOUR * 3600L;
                coverage.add(
                        new DayCoverage(
                                LocalDate.ofEpochDay(e.getKey()),
                                d[0],
                                LocalTime.ofSecondOfDay(d[1]),
                                LocalTime.ofSecondOfDay(d[2]),
                                complete));
                if (previous == null || e.getKey() != previous + 1) {
                    windows++;
                }
                previous = e.getKey();
                if (complete) {
                    if (previousComplete == null || e.getKey() != previousComplete + 1) {
                        completeWindows++;
                    }
                    previousComplete = e.getKey();
                }
            }
            long[] completeCounts =
                    coverage.stream()
                            .filter(DayCoverage::complete)
                            .mapToLong(DayCoverage::events)
                            .toArray();
            Arrays.sort(completeCounts);
            String rule =
                    dateOnly
                            ? String.format(
                                    java.util.Locale.ROOT,
                                    "date-only feed: >= %.0f%% of the median daily count (%.0f)",
                                    100 * DATE_ONLY_MEDIAN_FRACTION,
                                    medianAll)
                            : String.format(
                                    java.util.Locale.ROOT,
                                    "first event before %02d:00 and last at or after %02d:00 local",
                                    FIRST_BEFORE_HOUR,
                                    LAST_AFTER_HOUR);
            List<TypeCount> all =
                    types.entrySet().stream()
                            .map(e -> new TypeCount(e.getKey(), e.getValue()[0]))
                            .sorted(
                                    Comparator.comparingLong(TypeCount::count)
                                            .reversed()
                                            .thenComparing(TypeCount::type))
                            .toList();
            List<TypeCount> top = all.subList(0, Math.min(TOP_TYPES, all.size()));
            boolean calls = profile.feed() == io.beatwatch.core.profile.FeedKind.CFS;
            ExtentCheck extent = ExtentCheck.of(lats, lons, located);
            var checks =
                    new InspectionChecks(
                            ClockCheck.of(byHour, byWeekday, dateOnly),
                            extent,
                            BaselineAdvice.of(
                                    coverage.stream().map(DayCoverage::date).toList(),
                                    profile.baselineDays()),
                            all,
                            calls
                                    ? OfficerTypeHints.suggest(
                                            all, profile.officerInitiated(), false)
                                    : List.of(),
                            calls
                                    ? OfficerTypeHints.suggest(
                                            all, profile.officerInitiated(), true)
                                    : List.of(),
                            DensityMap.of(lats, lons, located, extent.extent()));
            var rejected = new HashMap<String, Long>();
            counts.rejected().forEach((k, v) -> rejected.put(k.code(), v));
            return new InspectionReport(
                    profile.name(),
                    profile.feed(),
                    file,
                    profile.zone().getId(),
                    counts.rows(),
                    counts.accepted(),
                    rejected,
                    counts.distinctIds(),
                    first,
                    last,
                    coverage.size(),
                    completeCounts.length,
                    windows,
                    completeWindows,
                    median(completeCounts),
                    rule,
                    coverage,
                    top,
                    officerInitiated,
                    sensitive,
                    counts.withCoordinates(),
                    elapsed,
                    counts.rows() / elapsed,
                    checks);
        }

        /** Median of sorted values; 0 for none. */
        private static double median(long[] sorted) {
            if (sorted.length == 0) {
                return 0;
            }
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
        }
    }
}
