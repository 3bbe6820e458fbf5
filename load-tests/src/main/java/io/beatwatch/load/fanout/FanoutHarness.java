package io.beatwatch.load.fanout;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.config.GatewayConfigLoader;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.beatwatch.load.GatewayProcess;
import io.beatwatch.load.latency.ConsoleFleet;
import io.beatwatch.load.latency.Deliveries;
import io.beatwatch.load.latency.FleetConsole;
import io.beatwatch.load.latency.FleetProcess;
import io.beatwatch.load.latency.LatencyChart;
import io.beatwatch.load.latency.LoadAverage;
import io.beatwatch.load.latency.StageFigures;
import io.beatwatch.testkit.Closer;
import io.beatwatch.testkit.KafkaBroker;
import io.beatwatch.testkit.RedisServer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * WebSocket fan-out harness (issue 12, item 2; ARCHITECTURE section 8: one gateway, 2 cores, 10,000
 * consoles, alert push p99 <= 100 ms). One gateway as its own process, a console fleet in another
 * JVM, alerts and map updates written to Redis at fixed rates; then the hard cases: 1 in {@code
 * --slow-every} consoles stops reading, a reconnect storm, a kill -9 and restart of the gateway.
 * Writes {@code report.md}, {@code figures.json} and {@code push-cdf.png}.
 */
@Command(
        name = "fanout",
        mixinStandardHelpOptions = true,
        description =
                "WebSocket fan-out: one gateway, N consoles; push latency, heap, CPU; slow"
                        + " consoles, a reconnect storm, a gateway restart.")
public final class FanoutHarness implements Callable<Integer> {

    public static final String REPORT = "report.md";
    public static final String FIGURES = "figures.json";
    public static final String CHART = "push-cdf.png";

    /** ARCHITECTURE section 8. */
    static final double TARGET_P99_MS = 100;

    static final int TARGET_CONSOLES = 10_000;

    /** File descriptors the harness wants beyond one per console (per process). */
    static final int SPARE_FILES = 1_000;

    @Option(names = "--consoles", defaultValue = "10000", description = "WebSocket consoles")
    int consoles;

    @Option(
            names = "--duration",
            defaultValue = "60",
            description = "seconds of each measured phase (healthy, then slow consoles)")
    int duration;

    @Option(
            names = "--alerts-per-sec",
            defaultValue = "5",
            description = "alert events appended to the stream per second")
    double alertsPerSec;

    @Option(
            names = "--cells-per-sec",
            defaultValue = "20",
            description = "cell views (3 windows each) written per second")
    double cellsPerSec;

    @Option(
            names = "--slow-every",
            defaultValue = "100",
            description = "1 console in N stops reading in the slow phase (100: 1 in a hundred)")
    int slowEvery;

    @Option(
            names = "--storm-spread",
            defaultValue = "10",
            description = "seconds over which the storm's consoles come back (random delay)")
    double stormSpread;

    @Option(
            names = "--warmup",
            defaultValue = "30",
            description =
                    "seconds of publishing after every console connected, before the healthy"
                            + " phase (the gateway's JIT and buffers settle; default"
                            + " ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--drain",
            defaultValue = "60",
            description =
                    "at most this many seconds after the publisher stops for the gateway to"
                            + " finish its pushes (its alerts.pushed counter still for 5 s),"
                            + " before the fleet stops and losses are counted (default"
                            + " ${DEFAULT-VALUE})")
    int drain;

    @Option(
            names = "--settle",
            defaultValue = "10",
            description = "seconds after each hard case before the next")
    int settle;

    @Option(names = "--gateway-heap", defaultValue = "2g")
    String gatewayHeap;

    @Option(names = "--fleet-heap", defaultValue = "3g", description = "console JVM heap")
    String fleetHeap;

    @Option(
            names = "--connect-parallelism",
            defaultValue = "50",
            description = "consoles signing in at once")
    int connectParallelism;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(
            names = "--max-minutes",
            defaultValue = "10",
            description = "hard timeout of the whole run: the harness exits after it")
    int maxMinutes;

    @Option(names = "--out", defaultValue = "load-tests/reports/fanout")
    Path out;

    @Option(names = "--command-line", hidden = true, description = "the command, for the report")
    String commandLine;

    private String[] argv = new String[0];
    private final PrintStream log = System.out;
    private final List<String> timeline = new ArrayList<>();
    private long runStartMillis;

    /** The figures of the last run (tests read them). */
    FanoutResult result;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the harness; returns the exit code (tests call this). */
    public static int run(String... args) {
        var h = new FanoutHarness();
        h.argv = args;
        return new CommandLine(h).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Thread watchdog =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(TimeUnit.MINUTES.toMillis(maxMinutes));
                                System.err.println("fanout harness: --max-minutes passed, exiting");
                                System.exit(3);
                            } catch (InterruptedException e) {
                                // finished in time
                            }
                        },
                        "fanout-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            long files = openFilesLimit();
            if (files > 0 && files < consoles + SPARE_FILES) {
                log.printf(
                        "fanout: the open-files limit is %d, below the %d that %d consoles need"
                                + " per process (raise it with ulimit -n); running anyway%n",
                        files, consoles + SPARE_FILES, consoles);
            }
            Files.createDirectories(out);
            Path work = Files.createTempDirectory("beatwatch-fanout");
            result = measure(work, files);
            write(result, files);
            log.printf(
                    "fanout: %d consoles, push p50 %s / p99 %s ms (target <= %.0f: %s), heap %s MB"
                            + " per 1,000 consoles, gateway CPU %s%% of a core; storm lost %d dup %d"
                            + " within %s s; restart lost %d dup %d recovered %s s%n",
                    result.consolesConnected(),
                    result.pushP50Ms(),
                    result.pushP99Ms(),
                    TARGET_P99_MS,
                    result.targetMet() ? "met" : "missed",
                    result.heapMbPer1000(),
                    result.gatewayCpuPercent(),
                    result.reconnectStorm().lost(),
                    result.reconnectStorm().duplicates(),
                    result.reconnectStorm().seconds(),
                    result.gatewayRestart().lost(),
                    result.gatewayRestart().duplicates(),
                    result.gatewayRestart().recoveredS());
            return 0;
        } finally {
            watchdog.interrupt();
        }
    }

    private FanoutResult measure(Path work, long files) throws Exception {
        String loadStart = LoadAverage.now();
        runStartMillis = System.currentTimeMillis();
        try (var running = new Closer()) {
            var redis = RedisServer.start();
            running.last(redis);
            var kafka = KafkaBroker.start(1);
            running.first(kafka);
            Path tokens = work.resolve("tokens.txt");
            Path publicKey = work.resolve("issuer-public.pem");
            FanoutConsoles.issue(consoles, tokens, publicKey);
            event("tokens issued for " + consoles + " users");

            var gateway =
                    new GatewayProcess(
                            System.getProperty("java.class.path"),
                            freePort(),
                            redis.uri(),
                            kafka.bootstrapServers(),
                            Map.of(
                                    GatewayConfigLoader.ENV_JWT_PUBLIC_KEY_PATH,
                                    publicKey.toString(),
                                    GatewayConfigLoader.ENV_AUDIT_FILE,
                                    work.resolve("audit.jsonl").toString()),
                            null,
                            List.of("-Xmx" + gatewayHeap),
                            work.resolve("gateway.log"));
            running.first(gateway);
            gateway.start();
            var probe = new GatewayProbe(gateway);
            double heapIdle = probe.liveHeapMb();
            event(String.format("gateway up (pid %d), live heap %.1f MB", gateway.pid(), heapIdle));

            Path records = work.resolve("fleet-records.txt");
            var fleet =
                    FleetProcess.start(
                            List.of(
                                    "--port", String.valueOf(gateway.port()),
                                    "--origin", gateway.origin(),
                                    "--consoles", String.valueOf(consoles),
                                    "--out", records.toString(),
                                    "--max-seconds", String.valueOf(maxMinutes * 60),
                                    "--tokens", tokens.toString(),
                                    "--slow-every", String.valueOf(slowEvery),
                                    "--connect-parallelism", String.valueOf(connectParallelism),
                                    "--seed", String.valueOf(seed)),
                            work.resolve("fleet.log"),
                            fleetHeap);
            running.first(fleet);
            long connectStart = System.currentTimeMillis();
            awaitConnected(fleet, probe);
            double connectSeconds = (System.currentTimeMillis() - connectStart) / 1000.0;
            double heapConnected = probe.liveHeapMb();
            event(
                    String.format(
                            "%d consoles connected in %.1f s (fleet pid %d), gateway live heap"
                                    + " %.1f MB",
                            consoles, connectSeconds, fleet.pid(), heapConnected));

            var publisher = new FanoutPublisher(redis.uri(), alertsPerSec, cellsPerSec, seed);
            running.first(publisher);
            publisher.start();
            sleep(warmup, "warm-up", probe, publisher);

            // healthy: every console reads
            long cpu0 = probe.cpuMillis();
            long healthyFrom = FleetConsole.nowMicros();
            sleep(duration, "healthy", probe, publisher);
            long healthyTo = FleetConsole.nowMicros();
            double cpuPercent =
                    (probe.cpuMillis() - cpu0) * 100.0 / ((healthyTo - healthyFrom) / 1000.0);
            event(String.format("healthy phase: gateway CPU %.1f%% of one core", cpuPercent));

            // slow: 1 in --slow-every consoles stops reading
            double overflow0 = probe.metric(closedSeries("overflow"));
            double stalled0 = probe.metric(closedSeries("stalled"));
            double coalesced0 = probe.metric(counterSeries(GatewayMetrics.CELLS_COALESCED));
            fleet.command(ConsoleFleet.PAUSE, 30);
            long slowFrom = FleetConsole.nowMicros();
            event("slow consoles stop reading");
            sleep(duration, "slow", probe, publisher);
            long slowTo = FleetConsole.nowMicros();
            double overflow = probe.metric(closedSeries("overflow")) - overflow0;
            double stalled = probe.metric(closedSeries("stalled")) - stalled0;
            double coalesced =
                    probe.metric(counterSeries(GatewayMetrics.CELLS_COALESCED)) - coalesced0;
            fleet.command(ConsoleFleet.RESUME, 30);
            event(
                    String.format(
                            "slow consoles read again; in the phase the gateway closed %.0f"
                                    + " (overflow) + %.0f (stalled), coalesced %.0f cell updates",
                            overflow, stalled, coalesced));
            awaitSessions(probe, 60, "slow consoles back");
            sleep(settle, "settle", probe, publisher);

            // reconnect storm
            long stormAt = FleetConsole.nowMicros();
            fleet.command(ConsoleFleet.STORM + " " + Math.round(stormSpread * 1000), 30);
            event("reconnect storm: every console dropped its socket");
            Thread.sleep(Math.round(stormSpread * 1000) + 1000);
            awaitSessions(probe, 60, "storm");
            sleep(settle, "settle", probe, publisher);
            long stormEnd = FleetConsole.nowMicros();

            // gateway restart
            long killAt = FleetConsole.nowMicros();
            long pid = gateway.kill();
            event("gateway killed (kill -9, pid " + pid + ")");
            gateway.start();
            event("gateway started again (pid " + gateway.pid() + ")");
            awaitSessions(probe, 120, "restart");
            sleep(settle, "settle", probe, publisher);
            long restartEnd = FleetConsole.nowMicros();

            publisher.stop();
            drained(probe);
            int rc = fleet.stop(120);
            if (rc != 0) log.printf("  console fleet exited with %d%n", rc);
            event("publisher stopped, fleet stopped");

            List<FanoutAnalysis.Entry> entries = readStream(redis.uri());
            var deliveries = Deliveries.read(records);
            var a = new FanoutAnalysis(consoles, slowEvery, entries, deliveries);
            var healthy = new FanoutAnalysis.Span(healthyFrom, healthyTo);
            var slowSpan = new FanoutAnalysis.Span(slowFrom, slowTo);
            var push = StageFigures.of(histogram(a, healthy, false, "push"));
            var without = StageFigures.of(a.push(healthy, true));
            var with = StageFigures.of(histogram(a, slowSpan, true, "with"));
            var all = new FanoutAnalysis.Span(0, Long.MAX_VALUE);
            var slowLoss = a.loss(all, true);
            var stormLoss = a.loss(new FanoutAnalysis.Span(stormAt, stormEnd), false);
            var restartLoss = a.loss(new FanoutAnalysis.Span(killAt, restartEnd), false);
            var total = a.loss(all, false);
            Double heapPer1000 =
                    consoles == 0 ? null : round1((heapConnected - heapIdle) * 1000.0 / consoles);
            return new FanoutResult(
                    consoles,
                    push.p99Ms(),
                    push.p50Ms(),
                    heapPer1000,
                    round1(cpuPercent),
                    isolated(without.p99Ms(), with.p99Ms()),
                    new FanoutResult.SlowConsoles(
                            a.slowCount(),
                            slowEvery,
                            a.slowClosedWith(4008),
                            overflow,
                            stalled,
                            coalesced,
                            without.p50Ms(),
                            without.p99Ms(),
                            with.p50Ms(),
                            with.p99Ms(),
                            with.count(),
                            slowLoss.lost(),
                            slowLoss.duplicates()),
                    new FanoutResult.ReconnectStorm(
                            consoles,
                            a.secondsUntilAllReopened(stormAt),
                            stormLoss.lost(),
                            stormLoss.duplicates(),
                            stormSpread,
                            a.reopenedAfter(stormAt),
                            stormLoss.owed()),
                    new FanoutResult.GatewayRestart(
                            restartLoss.lost(),
                            restartLoss.duplicates(),
                            a.secondsUntilAllReopened(killAt),
                            a.reopenedAfter(killAt),
                            restartLoss.owed()),
                    consoles,
                    round1(connectSeconds),
                    push.p999Ms(),
                    push.maxMs(),
                    push.count(),
                    duration,
                    alertsPerSec,
                    cellsPerSec,
                    publisher.alertsSent(),
                    publisher.cellsSent(),
                    publisher.failures(),
                    publisher.maxLagMs(),
                    round1(heapIdle),
                    round1(heapConnected),
                    Runtime.getRuntime().availableProcessors(),
                    new FanoutResult.Totals(
                            total.owed(),
                            total.lost(),
                            total.duplicates(),
                            deliveries.resyncs(),
                            deliveries.unreadable(),
                            deliveries.closeCodes()),
                    loadStart,
                    LoadAverage.now(),
                    TARGET_P99_MS,
                    consoles >= TARGET_CONSOLES
                            && push.p99Ms() != null
                            && push.p99Ms() <= TARGET_P99_MS);
        }
    }

    /**
     * Nobody else slowed down while the slow consoles stalled: the others' push p99 then at most
     * 1.5 times their p99 of the healthy phase, or within the target.
     */
    static boolean isolated(Double p99Without, Double p99With) {
        if (p99With == null) return false;
        if (p99With <= TARGET_P99_MS) return true;
        return p99Without != null && p99With <= 1.5 * p99Without;
    }

    private final Map<String, org.HdrHistogram.Histogram> series = new LinkedHashMap<>();

    private org.HdrHistogram.Histogram histogram(
            FanoutAnalysis a, FanoutAnalysis.Span span, boolean healthyOnly, String name) {
        var h = a.push(span, healthyOnly);
        series.put(name, h);
        return h;
    }

    private void awaitConnected(FleetProcess fleet, GatewayProbe probe) throws Exception {
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5);
        while (true) {
            try {
                fleet.awaitReady(10);
                return;
            } catch (TimeoutException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            "consoles not connected within 5 minutes: "
                                    + sessions(probe)
                                    + " sessions");
                }
                progress("connect", probe, null);
            }
        }
    }

    /** Waits (bounded) until every console has a session again. */
    private void awaitSessions(GatewayProbe probe, int seconds, String what) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        long next = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (sessions(probe) >= consoles) {
                event(what + ": every console has a session again");
                return;
            }
            if (System.currentTimeMillis() >= next) {
                progress(what, probe, null);
                next += 5000;
            }
            Thread.sleep(200);
        }
        event(what + ": only " + sessions(probe) + " sessions after " + seconds + " s");
    }

    private long sessions(GatewayProbe probe) {
        try {
            return Math.round(probe.metric(gaugeSeries(GatewayMetrics.WS_SESSIONS)));
        } catch (Exception e) {
            return -1;
        }
    }

    private void sleep(int seconds, String phase, GatewayProbe probe, FanoutPublisher publisher)
            throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        long next = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            Thread.sleep(Math.max(1, Math.min(end, next) - System.currentTimeMillis()));
            if (System.currentTimeMillis() >= next) {
                progress(phase, probe, publisher);
                next += 10_000;
            }
        }
    }

    private void progress(String phase, GatewayProbe probe, FanoutPublisher publisher) {
        log.printf(
                "  %-8s %4d s: %d sessions%s, load %s%n",
                phase,
                (System.currentTimeMillis() - runStartMillis) / 1000,
                sessions(probe),
                publisher == null
                        ? ""
                        : ", "
                                + publisher.alertsSent()
                                + " alerts, "
                                + publisher.cellsSent()
                                + " cells published",
                LoadAverage.now());
    }

    private void event(String what) {
        String line =
                String.format(
                        "%6.1f s  %s",
                        (System.currentTimeMillis() - runStartMillis) / 1000.0, what);
        timeline.add(line);
        log.println("  " + line);
    }

    /**
     * Waits until the gateway has written what it owes: its pushed-alerts counter unchanged for
     * five seconds, or {@code --drain} seconds (a console still behind then counts as lost).
     */
    private void drained(GatewayProbe probe) throws Exception {
        String pushed = counterSeries(GatewayMetrics.ALERTS_PUSHED);
        long end = System.currentTimeMillis() + drain * 1000L;
        double last = probe.metric(pushed);
        long stillSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < end) {
            Thread.sleep(1000);
            double now = probe.metric(pushed);
            if (now != last) {
                last = now;
                stillSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - stillSince >= 5000) {
                event(String.format("gateway drained (%.0f alert pushes in all)", now));
                return;
            }
        }
        event("gateway still pushing after --drain " + drain + " s");
    }

    private static String closedSeries(String reason) {
        return counterSeries(GatewayMetrics.WS_CLOSED)
                + "{"
                + GatewayMetrics.TAG_REASON
                + "=\""
                + reason
                + "\"";
    }

    private static String counterSeries(String meter) {
        return meter.replace('.', '_') + "_total";
    }

    private static String gaugeSeries(String meter) {
        return meter.replace('.', '_') + "{";
    }

    private static List<FanoutAnalysis.Entry> readStream(String uri) {
        var client = RedisClient.create(uri);
        try (var c = client.connect()) {
            List<FanoutAnalysis.Entry> entries = new ArrayList<>();
            for (StreamMessage<String, String> m :
                    c.sync().xrange(RedisKeys.ALERT_STREAM, Range.create("-", "+"))) {
                String json = m.getBody().get(RedisKeys.STREAM_FIELD_ALERT);
                if (json == null) continue;
                var alert = io.beatwatch.core.json.Json.tree(json);
                entries.add(
                        new FanoutAnalysis.Entry(
                                m.getId(),
                                m.getBody().get(RedisKeys.STREAM_FIELD_EVENT_ID),
                                FleetConsole.micros(
                                        Instant.parse(alert.path("emittedAt").asText())),
                                alert.path("district").asText(null),
                                io.beatwatch.gateway.live.AlertEvent.supervisorsOnly(alert)));
            }
            return entries;
        } finally {
            client.shutdown();
        }
    }

    private void write(FanoutResult r, long files) throws Exception {
        r.write(out.resolve(FIGURES));
        var chart = new LinkedHashMap<String, org.HdrHistogram.Histogram>();
        chart.put("every console, healthy phase", series.get("push"));
        chart.put("healthy consoles while 1 in " + slowEvery + " stalls", series.get("with"));
        LatencyChart.drawCdf(
                out.resolve(CHART),
                "Alert push latency (publish to console), " + r.consolesConnected() + " consoles",
                chart,
                TARGET_P99_MS);
        String command =
                commandLine != null
                        ? commandLine
                        : "java ... io.beatwatch.load.fanout.FanoutHarness "
                                + String.join(" ", argv);
        Files.writeString(out.resolve(REPORT), FanoutReport.markdown(r, command, files, timeline));
    }

    /** The soft open-files limit of this process ({@code /proc/self/limits}), or -1. */
    static long openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
