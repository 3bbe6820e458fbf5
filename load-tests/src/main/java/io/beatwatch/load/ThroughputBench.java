package io.beatwatch.load;

import io.beatwatch.load.nexmark.NexmarkConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Replay throughput of HotspotJob on a local MiniCluster against Nexmark q5 on the same MiniCluster
 * setup and a single-thread plain-Java loop doing the job's per-event work, in alternating rounds
 * over synthetic cities of several sizes and a real feed file; writes {@code report.md}, {@code
 * figures.json} and {@code throughput.png} to the output folder.
 */
@Command(
        name = "throughput-bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "HotspotJob (local Flink) vs Nexmark q5 (Flink SQL, same local Flink setup) vs a",
            "single-thread plain-Java loop (Decoder + CityDetector), alternating rounds over",
            "synthetic cities of --sizes days and a real feed file."
        })
public final class ThroughputBench implements Callable<Integer> {

    static final String REPORT = "report.md";
    static final String FIGURES = "figures.json";
    static final String PLOT = "throughput.png";

    @Option(
            names = "--sizes",
            split = ",",
            defaultValue = "8,30,90,365",
            paramLabel = "DAYS",
            description =
                    "Synthetic city sizes in days, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Synthetic city: seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--real-file",
            defaultValue = "../shared/data/san-antonio/sapd_calls_for_service.csv.gz",
            paramLabel = "FILE",
            description =
                    "Real feed file, skipped with a message when absent (default ${DEFAULT-VALUE}).")
    Path realFile;

    @Option(
            names = "--real-profile",
            defaultValue = "san-antonio",
            paramLabel = "NAME",
            description = "City profile of --real-file (default ${DEFAULT-VALUE}).")
    String realProfile;

    @Option(names = "--no-real", description = "Synthetic sizes only.")
    boolean noReal;

    @Option(
            names = "--limit",
            defaultValue = "0",
            description = "Real file: first N accepted rows only (default 0 = all).")
    long limit;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Measured rounds per input, 1-50 (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--warmup",
            defaultValue = "1",
            description = "Unmeasured warm-up rounds per input, 0-10 (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism of both Flink sides (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--q5-events",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Bids per q5 run; 0 = as many as the job's events at each input (default).")
    long q5Events;

    @Option(
            names = "--q5-rate",
            defaultValue = "" + NexmarkConfig.DEFAULT_EVENTS_PER_SECOND,
            paramLabel = "EVENTS_PER_S",
            description =
                    "Nexmark event-time rate of all events (first-event.rate; default"
                            + " ${DEFAULT-VALUE}, the Nexmark suite's tps).")
    long q5Rate;

    @Option(
            names = "--job-timeout",
            defaultValue = "600",
            paramLabel = "SECONDS",
            description =
                    "Cancel a Flink run (job or q5) after this long; that side then sits out the"
                            + " input (default ${DEFAULT-VALUE}).")
    long jobTimeoutSeconds;

    @Option(
            names = "--max-minutes",
            defaultValue = "240",
            description =
                    "Start no round after this many minutes; report what ran (default"
                            + " ${DEFAULT-VALUE}).")
    long maxMinutes;

    @Option(
            names = "--no-preload",
            description =
                    "Generate/read and encode the job's and loop's records inside each timed run.")
    boolean noPreload;

    @Option(
            names = "--out",
            defaultValue = "load-tests/reports/throughput",
            paramLabel = "DIR",
            description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    /** The command line of this process when started by {@link #main}, for the report. */
    private static String launchedAs;

    private String[] args = new String[0];

    public static void main(String[] args) {
        // the app's lib folder holds test jars with their own log4j2-test.xml: pick ours
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-bench.xml");
        }
        launchedAs = ProcessHandle.current().info().commandLine().orElse(null);
        System.exit(run(args));
    }

    /** Parses {@code args} and runs the bench; returns the exit code. */
    public static int run(String... args) {
        var bench = new ThroughputBench();
        bench.args = args.clone();
        return new CommandLine(bench).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        String invalid = invalid();
        if (invalid != null) {
            err.println("error: " + invalid);
            return 2;
        }
        long deadline = System.nanoTime() + maxMinutes * 60_000_000_000L;
        String loadStart = LocalCluster.loadAverage();
        var nexmark = NexmarkConfig.defaults(q5Rate, parallelism);
        List<InputResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Object> plan = new ArrayList<>(sizes);
        if (noReal) {
            notes.add("real file skipped (--no-real)");
        } else if (!Files.isReadable(realFile)) {
            String msg = "real file " + realFile + " not found: " + realProfile + " skipped";
            err.println(msg);
            notes.add(msg);
        } else {
            plan.add(realFile);
        }
        for (Object what : plan) {
            if (System.nanoTime() > deadline) {
                String msg = "--max-minutes " + maxMinutes + " reached: " + what + " not run";
                err.println(msg);
                notes.add(msg);
                continue;
            }
            BenchInput in =
                    what instanceof Integer days
                            ? BenchInput.synthetic(days, seed, !noPreload)
                            : BenchInput.file(realProfile, (Path) what, limit, !noPreload);
            try {
                results.add(measure(in, nexmark, deadline, err));
            } finally {
                in.release();
            }
        }
        String loadEnd = LocalCluster.loadAverage();

        Files.createDirectories(out);
        ThroughputChart.draw(out.resolve(PLOT), results);
        Figures figures = Figures.of(results);
        figures.write(out.resolve(FIGURES));
        var run =
                new ThroughputReport.Run(
                        command(),
                        parallelism,
                        warmup,
                        rounds,
                        q5Events > 0
                                ? String.format("a fixed %,d bids per run (--q5-events)", q5Events)
                                : "as many bids as the job side's events at each input",
                        nexmark,
                        loadStart,
                        loadEnd,
                        notes);
        String report = ThroughputReport.markdown(run, results, PLOT);
        Files.writeString(out.resolve(REPORT), report, StandardCharsets.UTF_8);
        System.out.print(report);
        System.out.println("ratio job/q5 = " + shown(figures.ratioJobQ5()));
        System.out.println("ratio job/loop = " + shown(figures.ratioJobLoop()));
        System.out.println("Report: " + out.resolve(REPORT));
        return 0;
    }

    private InputResult measure(
            BenchInput in, NexmarkConfig nexmark, long deadline, PrintStream err) {
        long bids = q5Events > 0 ? q5Events : in.records();
        err.printf(
                "Input %s: %s: %,d records, %.1f days of history; q5 %,d bids%n",
                in.name(), in.description(), in.records(), in.historyDays(), bids);
        List<SideRun> job = new ArrayList<>(), q5 = new ArrayList<>(), loop = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean jobOut = false, q5Out = false;
        int maxParallelism = in.config().maxParallelism();
        for (int i = -warmup; i < rounds; i++) {
            if (System.nanoTime() > deadline) {
                String msg =
                        "--max-minutes "
                                + maxMinutes
                                + " reached: stopped before "
                                + (i < 0 ? "warm-up" : "round " + (i + 1));
                err.println(msg);
                notes.add(msg);
                break;
            }
            String tag =
                    String.format(
                            "[%s] %s",
                            in.name(), i < 0 ? "warm-up" : "round " + (i + 1) + "/" + rounds);
            if (!jobOut) {
                SideRun j = side(() -> JobSide.run(in, parallelism, jobTimeoutSeconds));
                progress(err, tag, "job ", j);
                if (!j.ok()) {
                    jobOut = true;
                    notes.add(tag + ": " + j.failure() + "; the job sits out this input");
                }
                if (i >= 0) job.add(j);
            }
            if (!q5Out) {
                SideRun q =
                        side(
                                () ->
                                        Q5Side.run(
                                                bids,
                                                nexmark,
                                                parallelism,
                                                maxParallelism,
                                                jobTimeoutSeconds));
                progress(err, tag, "q5  ", q);
                if (!q.ok()) {
                    q5Out = true;
                    notes.add(tag + ": " + q.failure() + "; q5 sits out this input");
                }
                if (i >= 0) q5.add(q);
            }
            SideRun l = side(() -> LoopSide.run(in));
            progress(err, tag, "loop", l);
            if (!l.ok()) notes.add(tag + ": " + l.failure());
            if (i >= 0) loop.add(l);
        }
        return new InputResult(
                in.name(),
                in.name().startsWith("synthetic-"),
                in.historyDays(),
                in.records(),
                bids,
                in.description(),
                job,
                q5,
                loop,
                notes);
    }

    private interface Timed {
        SideRun run() throws Exception;
    }

    /** A side's run; an error becomes a run without a figure, so the other sides go on. */
    private static SideRun side(Timed t) {
        try {
            return t.run();
        } catch (Exception e) {
            return SideRun.failed(
                    "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    LocalCluster.loadAverage());
        }
    }

    private static void progress(PrintStream err, String tag, String side, SideRun r) {
        if (r.ok()) {
            err.printf(
                    "%s %s %,12.0f events/s (%,d events, %.2f s, %.2f s wall) load %s%n",
                    tag,
                    side,
                    r.eventsPerSecond(),
                    r.eventsIn(),
                    r.seconds(),
                    r.wallSeconds(),
                    r.load());
        } else {
            err.printf("%s %s no figure: %s (load %s)%n", tag, side, r.failure(), r.load());
        }
    }

    private String invalid() {
        if (sizes.isEmpty() && noReal) return "nothing to run: no --sizes and --no-real";
        for (int d : sizes) if (d < 1 || d > 3650) return "--sizes: days in 1..3650";
        if (rounds < 1 || rounds > 50) return "--rounds in 1..50";
        if (warmup < 0 || warmup > 10) return "--warmup in 0..10";
        if (parallelism < 1 || parallelism > 64) return "--parallelism in 1..64";
        if (q5Events < 0) return "--q5-events >= 0";
        if (q5Rate < 1) return "--q5-rate >= 1";
        if (jobTimeoutSeconds < 1 || jobTimeoutSeconds > 3600) return "--job-timeout in 1..3600";
        if (maxMinutes < 1 || maxMinutes > 1440) return "--max-minutes in 1..1440";
        if (limit < 0) return "--limit >= 0";
        return null;
    }

    private String command() {
        if (launchedAs != null) {
            // /proc/self/cmdline: the java command with its arguments, as the shell passed them
            return launchedAs;
        }
        return "ThroughputBench.run(" + String.join(" ", quoted(args)) + ") (in-process)";
    }

    private static List<String> quoted(String[] args) {
        return java.util.Arrays.stream(args)
                .map(a -> a.isEmpty() || a.matches(".*[\\s\"'*].*") ? "'" + a + "'" : a)
                .toList();
    }

    private static String shown(Double v) {
        return Optional.ofNullable(v).map(ThroughputReport::ratio).orElse("n/a");
    }
}
