package io.beatwatch.app.cluster;

import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.FileFeed;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code beatwatch cluster}: Flink as a real session cluster on this host (a JobManager and
 * TaskManagers as separate processes), with Kafka and Redis, running HotspotJob with exactly-once
 * checkpoints on RocksDB. How an agency with one server runs Beatwatch.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = {
            "Run Flink as separate processes on this machine (a JobManager and TaskManagers from"
                    + " Flink's own entry points, StandaloneSessionClusterEntrypoint and"
                    + " TaskManagerRunner), with a Kafka broker and a Redis server, and submit"
                    + " HotspotJob through Flink's REST client: exactly-once Kafka reads, RocksDB"
                    + " incremental checkpoints on local disk. Web UI and REST API on loopback.",
            "Unlike 'demo' (one JVM, Flink's MiniCluster, the gateway, a synthetic city), a"
                    + " TaskManager can be killed and the job recovers on the other one from its"
                    + " last checkpoint; stop with savepoint and restart works as an upgrade."
        })
public final class ClusterCommand implements Callable<Integer> {

    @Option(
            names = "--profile",
            defaultValue = "san-antonio",
            description = "City profile of the job (default ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--replay",
            paramLabel = "FILE",
            description =
                    "Feed this city file (read with --profile) into beatwatch.cfs / .tips;"
                            + " without it the topics stay empty for a CAD integration to fill.")
    Path replay;

    @Option(
            names = "--rate",
            defaultValue = "2000",
            description =
                    "Events per second of --replay; 0: as fast as possible (default"
                            + " ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--checkpoint-seconds",
            defaultValue = "10",
            description = "Exactly-once checkpoint interval (default ${DEFAULT-VALUE}).")
    int checkpointSeconds;

    @Option(
            names = "--web-port",
            defaultValue = "8081",
            description =
                    "Flink web UI and REST API port on 127.0.0.1; 0 picks a free one"
                            + " (default ${DEFAULT-VALUE}).")
    int webPort;

    @Option(
            names = "--task-managers",
            defaultValue = "2",
            description = "TaskManager processes (default ${DEFAULT-VALUE}).")
    int taskManagers;

    @Option(
            names = "--slots",
            defaultValue = "2",
            description =
                    "Task slots per TaskManager (default ${DEFAULT-VALUE}: the job, parallelism"
                            + " 2, fits on one TaskManager when the other is gone).")
    int slots;

    @Option(
            names = "--taskmanager-memory",
            defaultValue = FlinkProcesses.Spec.DEFAULT_TM_MEMORY,
            description = "Process size of each TaskManager (default ${DEFAULT-VALUE}).")
    String taskManagerMemory;

    @Option(
            names = "--jobmanager-memory",
            defaultValue = FlinkProcesses.Spec.DEFAULT_JM_MEMORY,
            description = "Process size of the JobManager (default ${DEFAULT-VALUE}).")
    String jobManagerMemory;

    @Option(
            names = "--work-dir",
            defaultValue = "out/cluster",
            description =
                    "Flink config, logs, checkpoints and savepoints (default ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(
            names = "--exit-after",
            paramLabel = "SECONDS",
            description = "Stop everything after this many seconds (for scripts and tests).")
    Long exitAfterSeconds;

    private volatile ClusterStack stack;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (replay != null && !Files.isReadable(replay)) {
            System.err.println("error: cannot read " + replay);
            return 2;
        }
        if (checkpointSeconds < 1) {
            System.err.println("error: --checkpoint-seconds must be >= 1");
            return 2;
        }
        var config =
                HotspotJobConfig.forProfile(CityProfiles.load(profile))
                        .withCheckpointInterval(Duration.ofSeconds(checkpointSeconds));
        long t0 = System.nanoTime();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("\nStopping Beatwatch cluster ...");
                                    ClusterStack s = stack;
                                    if (s != null) s.close();
                                    out.println("Stopped.");
                                    stopped.countDown();
                                },
                                "beatwatch-cluster-shutdown"));
        out.println(
                "Starting Beatwatch cluster (Redis, Kafka, Flink JobManager + TaskManagers) ...");
        var spec =
                new FlinkProcesses.Spec(
                        workDir, webPort, taskManagers, slots, taskManagerMemory, jobManagerMemory);
        stack = ClusterStack.start(spec, out);
        var job = stack.submit(config, "beatwatch-hotspot-" + profile, null);
        out.printf(
                "  job      HotspotJob %s submitted (parallelism %d, exactly-once checkpoints every"
                        + " %d s, RocksDB incremental)%n",
                job.getJobID(), ClusterStack.PARALLELISM, checkpointSeconds);
        if (replay != null) {
            var producer = stack.kafka().newProducer();
            var feeder =
                    new RatedFeeder(
                            new FileFeed(profile, replay.toString(), null, null),
                            producer,
                            stack.topics(),
                            rate);
            Thread t = new Thread(feeder, "beatwatch-cluster-feeder");
            t.setDaemon(true);
            t.start();
            out.printf(
                    "  feeding  %s at %s events/s into %s%n",
                    replay,
                    rate == 0 ? "full speed" : String.format("%.0f", rate),
                    stack.topics().calls());
        }
        out.printf(
                "%nBeatwatch cluster is up in %.1f s. Flink web UI: %s   Kafka: %s   Redis: %s%n",
                (System.nanoTime() - t0) / 1e9,
                stack.flink().restUrl(),
                stack.kafka().bootstrapServers(),
                stack.redis().uri());
        out.println("Press Ctrl-C to stop.");
        if (exitAfterSeconds != null) {
            Thread.sleep(exitAfterSeconds * 1000);
            System.exit(0);
        }
        stopped.await();
        return 0;
    }
}
