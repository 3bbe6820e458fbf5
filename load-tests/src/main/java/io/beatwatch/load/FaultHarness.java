package io.beatwatch.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.app.cluster.ClusterStack;
import io.beatwatch.app.cluster.FlinkProcesses;
import io.beatwatch.app.cluster.RatedFeeder;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.FileFeed;
import io.beatwatch.jobs.io.RecordFeed;
import io.beatwatch.load.faults.Fault;
import io.beatwatch.load.faults.FaultReport;
import io.beatwatch.load.faults.FaultResult;
import io.beatwatch.load.faults.GatewayConsoles;
import io.beatwatch.load.faults.Snapshot;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Fault harness (issue 13): replays a fixed San Antonio week into Kafka on {@code beatwatch
 * cluster}'s stack (Flink as separate processes), once undisturbed and once per fault injected
 * mid-stream, and compares each run's alert log, alert stream and Redis view with the undisturbed
 * one. Writes {@code figures.json} and its section of {@code report.md}. Bounded, loopback only.
 */
@Command(
        name = "faults",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Replay a fixed San Antonio week into Kafka on a Flink cluster of separate processes,"
                    + " once undisturbed and once per fault, and compare alert logs (by event id:"
                    + " alert id, state, event time, window, observed) and the normalized Redis"
                    + " view.",
            "Faults: taskmanager-kill, savepoint-restart, redis-kill, redis-unreachable,"
                    + " kafka-restart, gateway-kill."
        })
public final class FaultHarness implements Callable<Integer> {

    /** Supervisor consoles on the gateway in the gateway-kill run (the per-user cap is 5). */
    static final int CONSOLES = 4;

    static final String DEFAULT_FAULTS =
            "taskmanager-kill,savepoint-restart,redis-kill,redis-unreachable,kafka-restart,"
                    + "gateway-kill";

    @Option(
            names = "--file",
            defaultValue = "../shared/data/san-antonio/sapd_calls_for_service.csv.gz",
            description = "Calls file (default ${DEFAULT-VALUE}).")
    Path file;

    @Option(
            names = "--profile",
            defaultValue = "san-antonio",
            description = "City profile (default ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--from",
            defaultValue = "2026-07-01",
            description =
                    "First day replayed, UTC (default ${DEFAULT-VALUE}: the six July data days"
                            + " warm the detector up to its 7-day minimum baseline, so it alerts"
                            + " in the week of 2026-08-01).")
    LocalDate from;

    @Option(
            names = "--to",
            defaultValue = "2026-08-08",
            description =
                    "Day after the last replayed, UTC (default ${DEFAULT-VALUE}: the week"
                            + " of 2026-08-01).")
    LocalDate to;

    @Option(
            names = "--rate",
            defaultValue = "1500",
            description = "Events per second into Kafka (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--fault-at",
            defaultValue = "0.5",
            description =
                    "Inject once this share of the input is produced (default ${DEFAULT-VALUE})"
                            + " and --fault-after-alerts alert events are in the stream.")
    double faultAt;

    @Option(
            names = "--fault-after-alerts",
            defaultValue = "10",
            description =
                    "Inject once the job has put this many alert events into the Redis stream"
                            + " (default ${DEFAULT-VALUE}: mid-stream for the job, whose"
                            + " progress lags the feeder's; waited for at most 120 s).")
    int faultAfterAlerts;

    @Option(
            names = "--faults",
            split = ",",
            defaultValue = DEFAULT_FAULTS,
            description = "Faults to run (default ${DEFAULT-VALUE}).")
    List<String> faults;

    @Option(
            names = "--outage-seconds",
            defaultValue = "60",
            description = "How long Redis is unreachable (default ${DEFAULT-VALUE}).")
    int outageSeconds;

    @Option(
            names = "--checkpoint-seconds",
            defaultValue = "5",
            description = "Checkpoint interval (default ${DEFAULT-VALUE}).")
    int checkpointSeconds;

    @Option(
            names = "--run-timeout-seconds",
            defaultValue = "600",
            description = "Bound on one run (default ${DEFAULT-VALUE}).")
    int runTimeoutSeconds;

    @Option(
            names = "--work-dir",
            defaultValue = "out/faults",
            description = "Per-run Flink dirs, logs and snapshots (default ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(
            names = "--out",
            defaultValue = "docs/reliability",
            description = "Where figures.json and report.md go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-report", description = "Print the figures only (for the CI smoke).")
    boolean noReport;

    @Option(
            names = "--process-classpath",
            description = "Classpath of the Flink processes (default: this JVM's).")
    String processClasspath;

    private final PrintStream log = System.out;

    /** The figures of the last {@link #call}: for the smoke test. */
    List<FaultResult> results = List.of();

    public static void main(String[] args) {
        System.exit(new CommandLine(new FaultHarness()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            log.println(
                    "faults: skipped: "
                            + file
                            + " is absent (the San Antonio calls file of ../shared/data).");
            return 0;
        }
        List<Fault> chosen = faults.stream().map(String::trim).map(Fault::of).toList();
        Instant t0 = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant t1 = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        RecordFeed feed = new FileFeed(profile, file.toString(), t0, t1);
        long total = count(feed);
        log.printf(
                "faults: %s %s .. %s: %,d records at %.0f/s (%.0f s a run), fault at %.0f%%,"
                        + " checkpoints every %d s%n",
                profile, from, to, total, rate, total / rate, faultAt * 100, checkpointSeconds);
        var config =
                HotspotJobConfig.forProfile(CityProfiles.load(profile))
                        .withCheckpointInterval(Duration.ofSeconds(checkpointSeconds));
        String loadBefore = LoadAverage.read();
        Run baseline = run("baseline", null, feed, total, config);
        if (!baseline.caughtUp) {
            throw new IllegalStateException(
                    "the undisturbed run did not finish: " + baseline.notes);
        }
        var list = new ArrayList<FaultResult>();
        for (Fault f : chosen) {
            Run r;
            try {
                r = run(f.id(), f, feed, total, config);
            } catch (Exception e) {
                // a fault the stack does not survive is a result, not the end of the harness
                log.println("faults: run " + f.id() + " failed: " + e);
                r = new Run();
                r.recovered = false;
                r.recoverySec = -1;
                r.notes.add("the run failed: " + e);
                r.snapshot = new Snapshot(List.of(), List.of(), "", 0);
                r.load = LoadAverage.read();
            }
            FaultResult res =
                    FaultResult.compare(
                            f.id(),
                            baseline.snapshot,
                            r.snapshot,
                            r.recovered && r.caughtUp,
                            r.recoverySec,
                            r.notes,
                            r.load,
                            r.consoleLost,
                            r.consoleDuplicated);
            log.println("faults: " + res.summary());
            list.add(res);
        }
        results = List.copyOf(list);
        if (!noReport) {
            new FaultReport(out, commandLine())
                    .write(baseline.snapshot, baseline.load, results, total, loadBefore);
            log.println("faults: wrote " + out.resolve("figures.json") + " and report.md");
        }
        return 0;
    }

    private String commandLine() {
        return "bin/beatwatch load faults"
                + (faults.equals(List.of(DEFAULT_FAULTS.split(",")))
                        ? ""
                        : " --faults " + String.join(",", faults))
                + (rate == 1500 ? "" : " --rate " + rate);
    }

    private static long count(RecordFeed feed) {
        long n = 0;
        for (Iterator<?> it = feed.open(); it.hasNext(); it.next()) n++;
        return n;
    }

    /** One run's outcome. */
    private static final class Run {
        Snapshot snapshot;
        boolean recovered = true;
        boolean caughtUp;
        double recoverySec;
        int consoleLost;
        int consoleDuplicated;
        final List<String> notes = new ArrayList<>();
        String load;
    }

    private Run run(String name, Fault fault, RecordFeed feed, long total, HotspotJobConfig config)
            throws Exception {
        log.printf("faults: run %s ...%n", name);
        Path dir = workDir.toAbsolutePath().resolve(name);
        deleteTree(dir);
        var spec = new FlinkProcesses.Spec(dir.resolve("flink"), 0, 2, 2, "1536m", "1g");
        var run = new Run();
        long deadline = System.nanoTime() + Duration.ofSeconds(runTimeoutSeconds).toNanos();
        try (var stack = ClusterStack.start(spec, log);
                var gw =
                        fault != null && fault.needsGateway()
                                ? new GatewayConsoles(
                                        processClasspath != null
                                                ? processClasspath
                                                : System.getProperty("java.class.path"),
                                        stack.redis().uri(),
                                        stack.kafka().bootstrapServers(),
                                        dir.resolve("gateway.log"))
                                : null) {
            String jobName = "faults-" + name;
            stack.submit(config, jobName, null);
            awaitRunning(stack, deadline);
            if (gw != null) {
                gw.startGateway();
                gw.openConsoles(CONSOLES);
                log.printf("  gateway  %d supervisor consoles subscribed%n", CONSOLES);
            }
            var producer = stack.kafka().newProducer();
            var feeder = new RatedFeeder(feed, producer, stack.topics(), rate);
            Thread ft = new Thread(feeder, "faults-feeder");
            ft.setDaemon(true);
            ft.start();
            try {
                if (fault != null) {
                    while (feeder.produced() < faultAt * total && !feeder.done()) {
                        Thread.sleep(50);
                    }
                    awaitStreamLength(stack, faultAfterAlerts, Duration.ofSeconds(120));
                    var ctx =
                            new Ctx(
                                    stack,
                                    config,
                                    jobName,
                                    Duration.ofSeconds(outageSeconds),
                                    run,
                                    gw);
                    ctx.note(
                            String.format(
                                    "fault with %,d of %,d records produced and %d alert events"
                                            + " in the stream",
                                    feeder.produced(), total, streamLength(stack)));
                    long lifted = fault.inject(ctx);
                    if (gw != null) {
                        // the job is untouched: recovered = every console back on its socket
                        run.recoverySec = gw.awaitReconnected(lifted);
                        run.recovered = run.recoverySec >= 0;
                    } else {
                        Long done = awaitCheckpointAfter(stack, lifted, deadline);
                        run.recovered = done != null;
                        run.recoverySec = done == null ? -1 : (done - lifted) / 1000.0;
                    }
                    ctx.note(
                            run.recovered
                                    ? String.format(
                                            gw != null
                                                    ? "recovered: every console reconnected %.1f s"
                                                            + " after the kill"
                                                    : "recovered: checkpoint after the fault %.1f"
                                                            + " s later",
                                            run.recoverySec)
                                    : "not recovered within the run bound");
                    if (run.recovered) fault.afterRecovery(ctx);
                    run.notes.add(restoreNote(stack));
                }
                run.caughtUp = awaitCaughtUp(stack, feeder, total, deadline);
                if (run.caughtUp) {
                    // one more checkpoint: every sink flushed what the last offsets produced
                    awaitCheckpointAfter(stack, System.currentTimeMillis(), deadline);
                    Thread.sleep(1000);
                } else {
                    run.notes.add(
                            "did not catch up with the input within " + runTimeoutSeconds + " s");
                }
            } finally {
                ft.interrupt();
                producer.close(Duration.ofSeconds(5));
            }
            run.snapshot =
                    Snapshot.take(
                            stack.kafka().bootstrapServers(),
                            stack.topics().alerts(),
                            stack.redis().uri());
            run.snapshot.write(dir);
            run.notes.add(
                    String.format(
                            "alert log: %d records read committed, %d read uncommitted",
                            run.snapshot.log().size(), run.snapshot.logUncommitted()));
            if (gw != null) {
                int[] c = gw.compare(run.snapshot.stream());
                run.consoleLost = c[0];
                run.consoleDuplicated = c[1];
                int reconnects = gw.consoles().stream().mapToInt(x -> x.reconnects).sum();
                run.notes.add(
                        String.format(
                                "%d consoles, %d reconnects; per console against the stream: %d alert events lost, %d duplicated",
                                gw.consoles().size(), reconnects, c[0], c[1]));
            }
            run.load = LoadAverage.read();
            log.printf(
                    "faults: run %s: %d alert events in the log, %d in the stream, view %s, load %s%n",
                    name,
                    run.snapshot.log().size(),
                    run.snapshot.stream().size(),
                    run.snapshot.viewSha256().substring(0, 12),
                    run.load);
        }
        return run;
    }

    private static long streamLength(ClusterStack stack) {
        var client = io.lettuce.core.RedisClient.create(stack.redis().uri());
        try (var c = client.connect()) {
            return c.sync().xlen(io.beatwatch.core.view.RedisKeys.ALERT_STREAM);
        } finally {
            client.shutdown();
        }
    }

    private static void awaitStreamLength(ClusterStack stack, int n, Duration bound)
            throws InterruptedException {
        var client = io.lettuce.core.RedisClient.create(stack.redis().uri());
        try (var c = client.connect()) {
            long deadline = System.nanoTime() + bound.toNanos();
            while (System.nanoTime() < deadline
                    && c.sync().xlen(io.beatwatch.core.view.RedisKeys.ALERT_STREAM) < n) {
                Thread.sleep(20);
            }
        } finally {
            client.shutdown();
        }
    }

    private String restoreNote(ClusterStack stack) {
        JsonNode cp = stack.flink().getOrNull("/jobs/" + stack.job().getJobID() + "/checkpoints");
        JsonNode restored = cp == null ? null : cp.path("latest").path("restored");
        return restored == null || restored.isMissingNode() || restored.isNull()
                ? "job not restarted (no restore)"
                : "restored from "
                        + (restored.path("is_savepoint").asBoolean() ? "savepoint " : "checkpoint ")
                        + restored.path("id").asText()
                        + " ("
                        + restored.path("external_path").asText()
                        + ")";
    }

    private void awaitRunning(ClusterStack stack, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            JsonNode j = stack.flink().getOrNull("/jobs/" + stack.job().getJobID());
            if (j != null && "RUNNING".equals(j.path("state").asText())) {
                boolean all = true;
                for (JsonNode v : j.path("vertices"))
                    all &= "RUNNING".equals(v.path("status").asText());
                if (all) return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("job not RUNNING in time");
    }

    /**
     * Trigger-time-ordered: the ack time of the first completed checkpoint triggered after {@code
     * t}.
     */
    private Long awaitCheckpointAfter(ClusterStack stack, long t, long deadline)
            throws InterruptedException {
        while (System.nanoTime() < deadline) {
            var job = stack.job();
            if (job != null) {
                JsonNode cp = stack.flink().getOrNull("/jobs/" + job.getJobID() + "/checkpoints");
                JsonNode c = cp == null ? null : cp.path("latest").path("completed");
                if (c != null
                        && !c.isMissingNode()
                        && !c.isNull()
                        && c.path("trigger_timestamp").asLong() > t) {
                    return c.path("latest_ack_timestamp").asLong();
                }
            }
            Thread.sleep(200);
        }
        return null;
    }

    /** Waits until the feeder is done and the job committed offsets for every record. */
    private boolean awaitCaughtUp(ClusterStack stack, RatedFeeder feeder, long total, long deadline)
            throws Exception {
        var tp = new TopicPartition(stack.topics().calls(), 0);
        try (var admin = stack.kafka().admin()) {
            while (System.nanoTime() < deadline) {
                if (feeder.done()) {
                    var offsets =
                            admin.listConsumerGroupOffsets(stack.topics().groupId())
                                    .partitionsToOffsetAndMetadata()
                                    .get();
                    var o = offsets.get(tp);
                    if (o != null && o.offset() >= total) return true;
                }
                Thread.sleep(500);
            }
        }
        return false;
    }

    private static final class Ctx implements Fault.Context {
        private final ClusterStack stack;
        private final HotspotJobConfig config;
        private final String jobName;
        private final Duration outage;
        private final Run run;
        private final GatewayConsoles gateway;

        Ctx(
                ClusterStack stack,
                HotspotJobConfig config,
                String jobName,
                Duration outage,
                Run run,
                GatewayConsoles gateway) {
            this.gateway = gateway;
            this.stack = stack;
            this.config = config;
            this.jobName = jobName;
            this.outage = outage;
            this.run = run;
        }

        @Override
        public ClusterStack stack() {
            return stack;
        }

        @Override
        public HotspotJobConfig config() {
            return config;
        }

        @Override
        public String jobName() {
            return jobName;
        }

        @Override
        public Duration outage() {
            return outage;
        }

        @Override
        public GatewayConsoles gateway() {
            return gateway;
        }

        @Override
        public void note(String line) {
            run.notes.add(line);
            System.out.println("faults:   " + line);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList())
                Files.delete(p);
        }
    }

    /** The 1, 5 and 15 minute load averages. */
    static final class LoadAverage {
        static String read() {
            try {
                String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
                return f[0] + " " + f[1] + " " + f[2];
            } catch (java.io.IOException e) {
                return "n/a";
            }
        }
    }
}
