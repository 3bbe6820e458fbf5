package io.beatwatch.jobs.cli;

import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.patrol.PatrolSummary;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.FileFeed;
import io.beatwatch.jobs.io.NdjsonFileSink;
import io.beatwatch.jobs.io.PacedFeed;
import io.beatwatch.jobs.io.RecordFeed;
import io.beatwatch.jobs.io.ReplayProgress;
import io.beatwatch.jobs.io.ReplaySource;
import io.beatwatch.jobs.io.SyntheticFeed;
import io.beatwatch.jobs.patrol.DistrictBoard;
import io.beatwatch.jobs.patrol.DosageUpdate;
import io.beatwatch.jobs.patrol.NdjsonSink;
import io.beatwatch.jobs.patrol.PatrolJobConfig;
import io.beatwatch.jobs.patrol.RiskCallTally;
import io.beatwatch.jobs.redis.RedisSink;
import io.beatwatch.jobs.redis.ViewWrites;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beatwatch replay}: runs HotspotJob over a historical file (or the synthetic city) in event
 * time on a local MiniCluster, with a progress bar, and writes the alerts as NDJSON and a summary.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replay a historical feed (or the synthetic city) through HotspotJob in event time.",
            "Writes OUT/alerts.ndjson (sorted by event time), OUT/suggestions.ndjson (patrol",
            "suggestions, sorted by time), OUT/dosage.ndjson (each district's final patrol",
            "minutes per local day and cell, by date) and OUT/summary.txt."
        })
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..1",
            paramLabel = "FILE",
            description = "Feed file (.csv, .csv.gz, .ndjson[.gz]).")
    Path file;

    @Option(names = "--profile", description = "City profile name or YAML path (with FILE).")
    String profile;

    @Option(
            names = "--synthetic",
            description = "Replay the seeded synthetic city instead of a file.")
    boolean synthetic;

    @Option(
            names = "--days",
            defaultValue = "14",
            description = "Synthetic city: days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Synthetic city: seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--calls-per-day",
            description =
                    "Synthetic city: base calls a day (default 3,000, about San Antonio's; 30000"
                            + " for a city ten times its volume).")
    Double callsPerDay;

    @Option(
            names = "--speed",
            defaultValue = "max",
            description = "Times real time (e.g. 60), or max (default).")
    String speed;

    @Option(
            names = "--from",
            description = "Only events at or after this date (yyyy-mm-dd) or instant.")
    String from;

    @Option(
            names = "--to",
            description =
                    "Only events before this date (yyyy-mm-dd) or instant. A file a full replay"
                            + " found in time order is then read only to a day past it.")
    String to;

    @Option(
            names = "--out",
            defaultValue = "out/replay",
            description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--redis",
            description = "Also write the Redis view to this URI (redis://host:port).")
    String redis;

    @Option(
            names = "--threshold-days",
            description = "False-alarm budget: recurrence interval to alert (default 100).")
    Double thresholdDays;

    @Option(names = "--baseline-days", description = "Trailing baseline days (default 28).")
    Integer baselineDays;

    @Mixin PatrolOptions patrolOptions = new PatrolOptions();

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (synthetic == (file != null)) {
            err.println("error: give either FILE with --profile, or --synthetic");
            return 2;
        }
        if (file != null && profile == null) {
            err.println("error: --profile is required with a FILE (e.g. --profile san-antonio)");
            return 2;
        }
        if (file != null && !Files.isReadable(file)) {
            err.println("error: cannot read " + file);
            return 2;
        }
        RecordFeed feed;
        HotspotJobConfig config;
        String name;
        ZoneId zone;
        if (synthetic) {
            var city =
                    SyntheticCityConfig.defaults()
                            .withSeed(seed)
                            .withPeriod(SyntheticCityConfig.DEFAULT_START, Duration.ofDays(days));
            if (callsPerDay != null) {
                city =
                        city.withRates(
                                callsPerDay,
                                SyntheticCityConfig.DEFAULT_TIPS_PER_DAY
                                        * callsPerDay
                                        / SyntheticCityConfig.DEFAULT_BASE_CALLS_PER_DAY);
            }
            feed = new SyntheticFeed(city);
            config = HotspotJobConfig.defaults(SyntheticFeed.bounds(city), Set.of());
            name = "synthetic";
            zone = city.timeZone();
        } else {
            var located = CityProfiles.locate(profile);
            var p = located.load();
            feed = FileFeed.of(located, file, instant(from), instant(to));
            config = HotspotJobConfig.forProfile(p);
            name = p.name();
            zone = p.zone();
        }
        DetectionConfig d = config.detection();
        if (baselineDays != null)
            d =
                    d.withBaseline(
                            baselineDays,
                            d.baselineHourBuckets(),
                            Math.min(d.minBaselineDays(), baselineDays));
        if (thresholdDays != null) d = d.withRecurrenceThresholdDays(thresholdDays);
        config =
                config.withDetection(d)
                        .withCheckpointInterval(Duration.ZERO)
                        .withoutIdleness()
                        .withSource(name);
        PatrolJobConfig patrol;
        try {
            patrol =
                    synthetic
                            ? patrolOptions.forZone(zone)
                            : patrolOptions.forProfile(CityProfiles.load(profile));
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (patrol != null) patrol = patrol.withRiskTally();
        if (patrol != null && patrol.boundaries() != null) {
            err.println("Patrol districts from boundaries");
        }
        double pace = "max".equalsIgnoreCase(speed) ? 0 : Double.parseDouble(speed);
        RecordFeed paced = new PacedFeed(feed, pace);

        Files.createDirectories(out);
        try (Stream<Path> old = Files.list(out)) {
            for (Path p :
                    old.filter(
                                    f ->
                                            f.getFileName().toString().startsWith("alerts.")
                                                    || f.getFileName()
                                                            .toString()
                                                            .startsWith("suggestions.")
                                                    || f.getFileName()
                                                            .toString()
                                                            .startsWith(DOSAGE + "."))
                            .toList()) {
                Files.delete(p);
            }
        }
        var alertSinks = new ArrayList<org.apache.flink.api.connector.sink2.Sink<HotspotAlert>>();
        alertSinks.add(new NdjsonFileSink(out));
        var cellSinks =
                new ArrayList<
                        org.apache.flink.api.connector.sink2.Sink<
                                io.beatwatch.jobs.hotspot.CellView>>();
        var suggestionSinks =
                new ArrayList<org.apache.flink.api.connector.sink2.Sink<PatrolSuggestion>>();
        var boardSinks = new ArrayList<org.apache.flink.api.connector.sink2.Sink<DistrictBoard>>();
        var dosageSinks = new ArrayList<org.apache.flink.api.connector.sink2.Sink<DosageUpdate>>();
        suggestionSinks.add(new NdjsonSink<>(out, SUGGESTIONS));
        dosageSinks.add(new NdjsonSink<>(out, DOSAGE));
        if (redis != null) {
            alertSinks.add(
                    new RedisSink<>(redis, ViewWrites.alerts(RedisKeys.ALERT_STREAM_MAX_LEN)));
            cellSinks.add(new RedisSink<>(redis, ViewWrites.cells()));
            suggestionSinks.add(
                    new RedisSink<>(
                            redis, ViewWrites.suggestions(RedisKeys.SUGGESTION_STREAM_MAX_LEN)));
            boardSinks.add(new RedisSink<>(redis, ViewWrites.suggestionBoards()));
            dosageSinks.add(new RedisSink<>(redis, ViewWrites.dosage()));
        }
        var job =
                new HotspotJob(
                        config,
                        env ->
                                env.fromSource(
                                                new ReplaySource(paced),
                                                WatermarkStrategy.noWatermarks(),
                                                "replay:" + name)
                                        .uid("replay-source")
                                        .setParallelism(1),
                        new HotspotJob.Sinks(
                                alertSinks,
                                cellSinks,
                                List.of(),
                                suggestionSinks,
                                boardSinks,
                                dosageSinks),
                        patrol,
                        null);

        ReplayProgress.reset();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        err.printf(
                "Replaying %s (%s) at %s speed, parallelism %d ...%n",
                synthetic ? "the synthetic city (" + days + " days, seed " + seed + ")" : file,
                name,
                pace > 0 ? pace + "x" : "max",
                parallelism);
        var progress = new Progress(err);
        JobClient client = job.executeAsync(env, "beatwatch-replay-" + name);
        var result = client.getJobExecutionResult();
        var heap = new PeakHeap();
        while (!result.isDone()) {
            heap.sample();
            double fraction = synthetic ? -1 : ReplayProgress.fraction();
            progress.update(fraction, ReplayProgress.emittedCount(), ReplayProgress.alerts());
            try {
                result.get(1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException ignored) {
                // redraw the bar
            }
        }
        var done = result.get();
        progress.update(
                synthetic ? -1 : 1.0, ReplayProgress.emittedCount(), ReplayProgress.alerts());
        progress.done();
        double secs = progress.elapsedSeconds();

        List<HotspotAlert> alerts = mergeParts();
        heap.sample();
        String summary = summary(name, alerts, secs) + memory(done, heap);
        if (patrol != null) {
            List<PatrolSuggestion> suggestions = mergeSuggestions();
            mergeDosage();
            Map<String, Long> callsByCell = done.getAccumulatorResult(RiskCallTally.NAME);
            summary +=
                    new PatrolSummary(suggestions, zone)
                            .format(callsByCell, patrol.policy().maxCellShare());
        }
        Files.writeString(out.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        System.out.print(summary);
        System.out.println("Alerts: " + out.resolve("alerts.ndjson"));
        if (patrol != null) {
            System.out.println("Patrol suggestions: " + out.resolve(SUGGESTIONS + ".ndjson"));
            System.out.println("Patrol dosage: " + out.resolve(DOSAGE + ".ndjson"));
        }
        return 0;
    }

    private static final String SUGGESTIONS = "suggestions";

    private static final String DOSAGE = "dosage";

    /**
     * Merges the planner's dosage parts into OUT/dosage.ndjson: one line per district and local
     * day, its last update (updates are absolute, so the last one is the day's record), sorted by
     * date and district. The input of {@code beatwatch impact}.
     */
    private void mergeDosage() throws IOException {
        Map<String, DosageUpdate> last = new TreeMap<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p :
                    parts.filter(
                                    f ->
                                            f.getFileName()
                                                    .toString()
                                                    .matches(DOSAGE + "\\.\\d+\\.ndjson"))
                            .toList()) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) continue;
                    DosageUpdate u = Json.mapper().readValue(line, DosageUpdate.class);
                    // a district lives on one subtask, whose file is in emission order
                    last.merge(u.date + "|" + u.district, u, (a, b) -> b.time >= a.time ? b : a);
                }
                Files.delete(p);
            }
        }
        try (BufferedWriter w =
                Files.newBufferedWriter(out.resolve(DOSAGE + ".ndjson"), StandardCharsets.UTF_8)) {
            for (DosageUpdate u : last.values()) {
                w.write(Json.encode(u));
                w.newLine();
            }
        }
    }

    /** One line of a part file and what it says. */
    private record SuggestionLine(String line, PatrolSuggestion suggestion) {}

    /**
     * Merges the planner's part files into OUT/suggestions.ndjson, by time, district, cell; lines
     * are written as the sink wrote them.
     */
    private List<PatrolSuggestion> mergeSuggestions() throws IOException {
        List<SuggestionLine> all = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p :
                    parts.filter(
                                    f ->
                                            f.getFileName()
                                                    .toString()
                                                    .matches(SUGGESTIONS + "\\.\\d+\\.ndjson"))
                            .toList()) {
                try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
                    lines.filter(line -> !line.isBlank())
                            .forEach(
                                    line ->
                                            all.add(
                                                    new SuggestionLine(
                                                            line, Json.decodeSuggestion(line))));
                }
                Files.delete(p);
            }
        }
        all.sort(
                Comparator.comparing((SuggestionLine l) -> l.suggestion().createdAt())
                        .thenComparing(
                                l ->
                                        l.suggestion().district() == null
                                                ? ""
                                                : l.suggestion().district())
                        .thenComparing(l -> l.suggestion().cell()));
        List<PatrolSuggestion> merged = new ArrayList<>(all.size());
        try (BufferedWriter w =
                Files.newBufferedWriter(
                        out.resolve(SUGGESTIONS + ".ndjson"), StandardCharsets.UTF_8)) {
            for (SuggestionLine l : all) {
                w.write(l.line());
                w.newLine();
                merged.add(l.suggestion());
            }
        }
        return merged;
    }

    private List<HotspotAlert> mergeParts() throws IOException {
        List<HotspotAlert> alerts = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p :
                    parts.filter(f -> f.getFileName().toString().matches("alerts\\.\\d+\\.ndjson"))
                            .toList()) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) alerts.add(Json.decodeAlert(line));
                }
                Files.delete(p);
            }
        }
        alerts.sort(
                Comparator.comparing(HotspotAlert::eventTime)
                        .thenComparing(HotspotAlert::alertId)
                        .thenComparing(a -> a.state().ordinal()));
        try (BufferedWriter w =
                Files.newBufferedWriter(out.resolve("alerts.ndjson"), StandardCharsets.UTF_8)) {
            for (HotspotAlert a : alerts) {
                w.write(Json.encode(a));
                w.newLine();
            }
        }
        return alerts;
    }

    private String summary(String name, List<HotspotAlert> alerts, double secs) {
        long events = ReplayProgress.emittedCount();
        Map<String, Long> openedByDistrict = new TreeMap<>();
        long opened = 0, updated = 0, closed = 0, unconfirmed = 0;
        var days = new java.util.TreeSet<LocalDate>();
        for (HotspotAlert a : alerts) {
            if (a.state() == AlertState.OPENED) {
                opened++;
                if (!a.confirmed()) unconfirmed++;
                openedByDistrict.merge(
                        a.district() == null ? "UNKNOWN" : a.district(), 1L, Long::sum);
                days.add(LocalDate.ofInstant(a.eventTime(), ZoneOffset.UTC));
            } else if (a.state() == AlertState.UPDATED) updated++;
            else closed++;
        }
        long dataDays = Math.max(1, ReplayProgress.dataDays());
        StringBuilder s = new StringBuilder();
        s.append(String.format("%nReplay of %s%n", name));
        s.append(
                String.format(
                        "  events replayed     %,d (file rows read %,d)%n",
                        events, ReplayProgress.rows()));
        s.append(String.format("  wall time           %.1f s%n", secs));
        s.append(
                String.format(
                        "  throughput          %,.0f events/s%n", events / Math.max(secs, 1e-3)));
        s.append(String.format("  days with data      %,d%n", dataDays));
        s.append(
                String.format(
                        "  alerts opened       %,d (%d unconfirmed tip-only), updates %,d, closes %,d%n",
                        opened, unconfirmed, updated, closed));
        s.append(String.format("  alerts/day (all)    %.2f%n", opened / (double) dataDays));
        s.append("  alerts/day by district:\n");
        openedByDistrict.forEach(
                (k, v) ->
                        s.append(
                                String.format(
                                        "    %-12s %6.2f  (%d)%n", k, v / (double) dataDays, v)));
        var rejected = ReplayProgress.rejectedByReason();
        if (!rejected.isEmpty()) {
            s.append("  rows rejected by the profile:\n");
            rejected.forEach((k, v) -> s.append(String.format("    %-24s %,d%n", k.code(), v)));
        }
        return s.toString();
    }

    /** The detector's state and this JVM's live heap (job, sources and sinks: a MiniCluster). */
    private static String memory(JobExecutionResult done, PeakHeap heap) {
        Long most = done.getAccumulatorResult(HotspotJob.CELLS_HELD_MAX);
        Long bytes = done.getAccumulatorResult(HotspotJob.STATE_BYTES);
        Long cells = done.getAccumulatorResult(HotspotJob.CELLS_AT_END);
        StringBuilder s = new StringBuilder();
        if (most != null && bytes != null && cells != null) {
            s.append(
                    String.format(
                            "  detector state      %,d cells at the end, %.1f MB (%,.0f bytes a"
                                    + " cell); at most %,d cells at once%n",
                            cells, bytes / 1e6, cells == 0 ? 0.0 : bytes / (double) cells, most));
        }
        s.append(
                String.format(
                        "  heap (this JVM)     %,.0f MB at most in use, garbage included%n",
                        heap.peakMb()));
        return s.toString();
    }

    /**
     * This JVM's heap: the most in use at any time (garbage included) and, once the job is done,
     * what is still live after a full collection (sampled, not measured inside the job).
     */
    private static final class PeakHeap {
        private long peak;

        void sample() {
            long used = 0;
            for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    used += pool.getPeakUsage().getUsed();
                }
            }
            peak = Math.max(peak, used);
        }

        double peakMb() {
            return peak / 1e6;
        }
    }

    private static Instant instant(String text) {
        if (text == null) return null;
        if (text.length() == 10)
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Instant.parse(text);
    }
}
