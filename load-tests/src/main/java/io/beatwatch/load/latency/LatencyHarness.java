package io.beatwatch.load.latency;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end latency harness (issue 12, item 1; ARCHITECTURE section 8: at 2,500 events/s with
 * 1,000 consoles, p99 <= 150 ms from the call into Kafka to the alert on a console, nothing lost).
 * Per rate, on the real parts ({@link LatencyStack}) and a console fleet in its own JVM: an
 * open-loop generator, seeded clusters, every delivery timed from the due time of the call that
 * caused it, per stage. Writes {@code report.md}, {@code figures.json} and {@code latency-cdf.png}.
 */
@Command(
        name = "latency",
        mixinStandardHelpOptions = true,
        description = "End-to-end latency: call into Kafka to alert on 1,000 WebSocket consoles.")
public final class LatencyHarness implements Callable<Integer> {

    public static final String REPORT = "report.md";
    public static final String FIGURES = "figures.json";
    public static final String CHART = "latency-cdf.png";

    @Option(
            names = "--rates",
            split = ",",
            defaultValue = "14,250,2500",
            description = "events/s, one scenario each (default ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(names = "--consoles", defaultValue = "1000", description = "WebSocket consoles")
    int consoles;

    @Option(names = "--duration", defaultValue = "300", description = "measured seconds per rate")
    int duration;

    @Option(
            names = "--warmup-days",
            defaultValue = "8",
            description = "synthetic history fed first, at full speed (the detector needs 7)")
    int warmupDays;

    @Option(
            names = "--cluster-every",
            defaultValue = "5",
            description = "seconds between seeded clusters (the alert rate)")
    double clusterEvery;

    @Option(names = "--cluster-calls", defaultValue = "12", description = "calls per cluster")
    int clusterCalls;

    @Option(
            names = "--cluster-spacing-ms",
            defaultValue = "200",
            description = "time between the calls of a cluster")
    double clusterSpacingMs;

    @Option(names = "--drain", defaultValue = "5", description = "seconds after the last call")
    int drain;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--fleet-heap", defaultValue = "768m", description = "console JVM heap")
    String fleetHeap;

    @Option(
            names = "--job-buffer-timeout-ms",
            defaultValue = "-1",
            description = "the job's network buffer timeout (-1: the job's default, 5 ms)")
    long bufferTimeoutMs;

    @Option(
            names = "--max-minutes",
            defaultValue = "60",
            description = "hard timeout of the whole run: the harness exits after it")
    int maxMinutes;

    @Option(names = "--out", defaultValue = "load-tests/reports/latency")
    Path out;

    @Option(
            names = "--command-line",
            hidden = true,
            description = "the command as typed, for the report")
    String commandLine;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the harness; returns the exit code (tests call this). */
    public static int run(String... args) {
        var h = new LatencyHarness();
        h.argv = args;
        return new CommandLine(h).execute(args);
    }

    private String[] argv = new String[0];

    @Override
    public Integer call() throws Exception {
        PrintStream log = System.out;
        Thread watchdog =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(TimeUnit.MINUTES.toMillis(maxMinutes));
                                System.err.println(
                                        "latency harness: --max-minutes passed, exiting");
                                System.exit(3);
                            } catch (InterruptedException e) {
                                // finished in time
                            }
                        },
                        "latency-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Files.createDirectories(out);
            Path work = Files.createTempDirectory("beatwatch-latency");
            List<ScenarioResult> results = new ArrayList<>();
            for (int rate : rates) {
                log.printf("scenario %d events/s, %d consoles, %d s%n", rate, consoles, duration);
                var plan =
                        new LatencyScenario.Plan(
                                rate,
                                consoles,
                                duration,
                                warmupDays,
                                clusterEvery,
                                clusterCalls,
                                clusterSpacingMs,
                                drain,
                                seed,
                                fleetHeap,
                                bufferTimeoutMs,
                                work);
                ScenarioResult r = LatencyScenario.run(plan, log);
                results.add(r);
                log.printf(
                        "%d events/s: p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms; expected %d,"
                                + " lost %d, duplicates %d%n",
                        r.eventsPerSec(),
                        r.p50Ms(),
                        r.p99Ms(),
                        r.p999Ms(),
                        r.maxMs(),
                        r.alertsExpected(),
                        r.alertsLost(),
                        r.duplicates());
                write(results);
            }
            return 0;
        } finally {
            watchdog.interrupt();
        }
    }

    private void write(List<ScenarioResult> measured) throws Exception {
        List<ScenarioResult> results =
                measured.stream()
                        .sorted(java.util.Comparator.comparingInt(ScenarioResult::eventsPerSec))
                        .toList();
        new LatencyFigures(results).write(out.resolve(FIGURES));
        LatencyChart.draw(out.resolve(CHART), results);
        String command =
                commandLine != null
                        ? commandLine
                        : "java ... io.beatwatch.load.latency.LatencyHarness "
                                + String.join(" ", argv);
        Files.writeString(
                out.resolve(REPORT),
                LatencyReport.markdown(
                        results, command, Runtime.getRuntime().availableProcessors()));
    }
}
