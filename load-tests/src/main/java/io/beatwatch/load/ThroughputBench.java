package io.beatwatch.load;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.FileFeed;
import io.beatwatch.jobs.io.RecordFeed;
import io.beatwatch.jobs.io.ReplaySource;
import io.beatwatch.jobs.io.SyntheticFeed;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Replay throughput of HotspotJob on a local MiniCluster against a single-thread plain-Java loop
 * doing the same per-event work, in alternating rounds over the same input; prints the figures and
 * writes them to {@code REPORT_DIR/throughput-DATE.md}.
 */
@Command(
        name = "throughput-bench",
        mixinStandardHelpOptions = true,
        description = {
            "HotspotJob (local Flink, parallelism 2) vs a single-thread plain-Java loop",
            "(Decoder + CityDetector), alternating rounds over the same input."
        })
public final class ThroughputBench implements Callable<Integer> {

    /** The ARCHITECTURE target: the job reaches at least this share of the plain loop. */
    public static final double TARGET_RATIO = 0.25;

    @Option(
            names = "--days",
            defaultValue = "8",
            description = "Synthetic city: days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Synthetic city: seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--profile",
            arity = "2",
            paramLabel = "NAME FILE",
            description =
                    "Replay a feed file through a city profile instead of the synthetic city.")
    List<String> profile;

    @Option(
            names = "--limit",
            defaultValue = "0",
            description = "With --profile: first N accepted rows only (0 = all).")
    long limit;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Measured rounds of each (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--warmup",
            defaultValue = "1",
            description = "Unmeasured warm-up rounds of each (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--job-timeout",
            defaultValue = "600",
            description = "Cancel a job run after this many seconds (default ${DEFAULT-VALUE}).")
    long jobTimeoutSeconds;

    @Option(
            names = "--no-preload",
            description =
                    "Generate/read and encode records inside each timed run instead of from memory.")
    boolean noPreload;

    @Option(
            names = "--report-dir",
            defaultValue = "load-tests/reports",
            description = "Where the report goes (default ${DEFAULT-VALUE}).")
    Path reportDir;

    private static final String ALERTS = "bench.alerts";
    private static final String CELLS = "bench.cells";
    private static final String REJECTS = "bench.rejects";

    /** One timed run of the job. */
    private record JobRun(
            double eventsPerSecond,
            double runtimeSeconds,
            double wallSeconds,
            long alertEvents,
            long cellViews,
            long rejects,
            String load) {}

    /** One timed run of the loop. */
    private record LoopRun(
            double eventsPerSecond, double seconds, long alertEvents, long rejects, String load) {}

    public static void main(String[] args) {
        // the app's lib folder holds test jars with their own log4j2-test.xml: pick ours
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-bench.xml");
        }
        System.exit(new CommandLine(new ThroughputBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (rounds < 1 || warmup < 0 || parallelism < 1) {
            err.println("error: --rounds >= 1, --warmup >= 0, --parallelism >= 1");
            return 2;
        }
        String loadBefore = loadAverage();
        HotspotJobConfig config;
        RecordFeed source;
        Function<String, String> districtOfCell;
        String input;
        if (profile == null) {
            var city =
                    SyntheticCityConfig.defaults()
                            .withSeed(seed)
                            .withPeriod(SyntheticCityConfig.DEFAULT_START, Duration.ofDays(days));
            var synth = new SyntheticCity(city);
            source = new SyntheticFeed(city);
            config = HotspotJobConfig.defaults(SyntheticFeed.bounds(city), Set.of());
            districtOfCell =
                    cell -> {
                        var c = H3Grid.centroid(cell);
                        return synth.districtOf(c.lat(), c.lon());
                    };
            input = "synthetic city, " + days + " days, seed " + seed;
        } else {
            String name = profile.get(0);
            Path file = Path.of(profile.get(1));
            if (!Files.isReadable(file)) {
                err.println("error: cannot read " + file);
                return 2;
            }
            var p = CityProfiles.load(name);
            source =
                    new LimitedFeed(
                            new FileFeed(name, file.toAbsolutePath().toString(), null, null),
                            limit);
            config = HotspotJobConfig.forProfile(p);
            // alerts only: the lookup is outside the per-event path of both sides
            districtOfCell = cell -> null;
            input =
                    "profile "
                            + p.name()
                            + ", "
                            + file.getFileName()
                            + (limit > 0 ? ", first " + limit + " accepted rows" : "");
        }
        config = config.withCheckpointInterval(Duration.ZERO).withoutIdleness();

        RecordFeed feed;
        long records;
        if (noPreload) {
            feed = source;
            records = count(source.open());
            input += " (generated/read and encoded inside each timed run)";
        } else {
            List<RawRecord> held = new ArrayList<>();
            source.open().forEachRemaining(held::add);
            feed = MemoryFeed.hold("bench", held);
            records = held.size();
            input += " (JSON pre-encoded in memory, not timed)";
        }
        err.printf("Input: %s: %,d records%n", input, records);

        List<JobRun> jobRuns = new ArrayList<>();
        List<LoopRun> loopRuns = new ArrayList<>();
        for (int i = -warmup; i < rounds; i++) {
            String tag = i < 0 ? "warm-up" : "round " + (i + 1);
            JobRun j = runJob(feed, config, records);
            err.printf(
                    "%-8s job  %,10.0f events/s (%.2f s job, %.2f s wall) load %s%n",
                    tag, j.eventsPerSecond(), j.runtimeSeconds(), j.wallSeconds(), j.load());
            LoopRun l = runLoop(feed, config, districtOfCell, records);
            err.printf(
                    "%-8s loop %,10.0f events/s (%.2f s) load %s%n",
                    tag, l.eventsPerSecond(), l.seconds(), l.load());
            if (i >= 0) {
                jobRuns.add(j);
                loopRuns.add(l);
            }
        }
        String report = report(input, records, jobRuns, loopRuns, loadBefore, loadAverage());
        Files.createDirectories(reportDir);
        Path out = reportDir.resolve("throughput-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.print(report);
        System.out.println("Report: " + out);
        return 0;
    }

    private JobRun runJob(RecordFeed feed, HotspotJobConfig config, long records) throws Exception {
        CountingSink.reset(ALERTS);
        CountingSink.reset(CELLS);
        CountingSink.reset(REJECTS);
        var job =
                new HotspotJob(
                        config,
                        env ->
                                env.fromSource(
                                                new ReplaySource(feed),
                                                WatermarkStrategy.noWatermarks(),
                                                "bench-source")
                                        .uid("replay-source")
                                        .setParallelism(1),
                        new HotspotJob.Sinks(
                                List.of(new CountingSink<>(ALERTS)),
                                List.of(new CountingSink<>(CELLS)),
                                List.of(new CountingSink<>(REJECTS))));
        var conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        long t0 = System.nanoTime();
        var client = job.executeAsync(env, "beatwatch-throughput-bench");
        JobExecutionResult result;
        try {
            result = client.getJobExecutionResult().get(jobTimeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            client.cancel().get(60, TimeUnit.SECONDS);
            throw new IllegalStateException(
                    "job did not finish within " + jobTimeoutSeconds + " s; cancelled", e);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        // Flink's own job runtime (submission to finish): excludes starting the MiniCluster
        double runtime = result.getNetRuntime() / 1000.0;
        return new JobRun(
                Stats.rate(records, runtime),
                runtime,
                wall,
                CountingSink.count(ALERTS),
                CountingSink.count(CELLS),
                CountingSink.count(REJECTS),
                loadAverage());
    }

    private static LoopRun runLoop(
            RecordFeed feed,
            HotspotJobConfig config,
            Function<String, String> districtOfCell,
            long records) {
        long t0 = System.nanoTime();
        PlainLoop.Result r = PlainLoop.run(feed.open(), config, districtOfCell);
        double secs = (System.nanoTime() - t0) / 1e9;
        if (r.records() != records) {
            throw new IllegalStateException(
                    "loop saw " + r.records() + " records, expected " + records);
        }
        return new LoopRun(
                Stats.rate(records, secs), secs, r.alertEvents(), r.rejected(), loadAverage());
    }

    private static long count(Iterator<RawRecord> it) {
        long n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }

    /** The 1, 5 and 15 minute load averages, from /proc/loadavg where there is one. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (Exception e) {
            double l =
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage();
            return l < 0 ? "n/a" : String.format("%.2f", l);
        }
    }

    private String report(
            String input,
            long records,
            List<JobRun> jobs,
            List<LoopRun> loops,
            String loadBefore,
            String loadAfter) {
        double jobMedian = Stats.median(jobs.stream().map(JobRun::eventsPerSecond).toList());
        double loopMedian = Stats.median(loops.stream().map(LoopRun::eventsPerSecond).toList());
        double ratio = Stats.ratio(jobMedian, loopMedian);
        StringBuilder s = new StringBuilder();
        s.append("# HotspotJob replay throughput vs a single-thread plain-Java loop\n\n");
        s.append(String.format("- date: %s (UTC)%n", java.time.Instant.now()));
        s.append(String.format("- input: %s: %,d records%n", input, records));
        s.append(
                String.format(
                        "- job: HotspotJob on a local MiniCluster, parallelism %d (source 1),"
                                + " no checkpoints, counting discard sinks; events/s = records /"
                                + " Flink job runtime (submission to finish, MiniCluster start"
                                + " excluded)%n",
                        parallelism));
        s.append(
                "- loop: one thread, core Decoder + CityDetector (H3 cell, dedupe, counts,"
                        + " baselines, scan statistic, lifecycle); events/s = records / loop time\n");
        s.append(
                String.format(
                        "- rounds: %d warm-up of each (not counted), then %d alternating (job, loop)%n",
                        warmup, rounds));
        s.append(
                String.format(
                        "- machine: %d processors seen by the JVM, Java %s, shared with other"
                                + " builds (noisy)%n",
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version")));
        s.append(
                String.format(
                        "- load average (1/5/15 min): %s before, %s after%n%n",
                        loadBefore, loadAfter));
        s.append(
                "| round | job events/s | job runtime s | job wall s (with cluster start) |"
                        + " loop events/s | loop s | ratio job/loop | load after loop |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (int i = 0; i < jobs.size(); i++) {
            JobRun j = jobs.get(i);
            LoopRun l = loops.get(i);
            s.append(
                    String.format(
                            "| %d | %,.0f | %.2f | %.2f | %,.0f | %.2f | %.2f | %s |%n",
                            i + 1,
                            j.eventsPerSecond(),
                            j.runtimeSeconds(),
                            j.wallSeconds(),
                            l.eventsPerSecond(),
                            l.seconds(),
                            Stats.ratio(j.eventsPerSecond(), l.eventsPerSecond()),
                            l.load()));
        }
        s.append(
                String.format(
                        "| **median** | **%,.0f** | | | **%,.0f** | | **%.2f** | |%n%n",
                        jobMedian, loopMedian, ratio));
        s.append(
                String.format(
                        "**Ratio of medians, job / loop: %.2f (%.0f%%); target >= %.0f%%: %s.**%n%n",
                        ratio,
                        ratio * 100,
                        TARGET_RATIO * 100,
                        ratio >= TARGET_RATIO ? "met" : "NOT met"));
        JobRun lastJob = jobs.get(jobs.size() - 1);
        LoopRun lastLoop = loops.get(loops.size() - 1);
        s.append(
                String.format(
                        "Sanity (last round): job %,d alert events, %,d cell-view updates, %,d"
                                + " rejects; loop %,d alert events, %,d rejects. Alert counts"
                                + " need not match: the job re-evaluates on 5-minute timers and"
                                + " collapses repeat calls, CityDetector sweeps every minute.%n",
                        lastJob.alertEvents(),
                        lastJob.cellViews(),
                        lastJob.rejects(),
                        lastLoop.alertEvents(),
                        lastLoop.rejects()));
        return s.toString();
    }
}
