package io.beatwatch.app.cluster;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.KafkaIo;
import io.beatwatch.jobs.io.Topics;
import io.beatwatch.jobs.redis.RedisSink;
import io.beatwatch.jobs.redis.ViewWrites;
import io.beatwatch.testkit.Closer;
import io.beatwatch.testkit.KafkaBroker;
import io.beatwatch.testkit.RedisServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beatwatch on one host with Flink as separate processes: a Redis server (append-only file), an
 * in-process Kafka broker, a Flink session cluster ({@link FlinkProcesses}) and HotspotJob
 * submitted to it through Flink's REST client with exactly-once checkpoints. Used by {@code
 * beatwatch cluster} and the fault harness; {@link #close} stops it all.
 */
public final class ClusterStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterStack.class);

    /** Job parallelism: one subtask per TaskManager. */
    public static final int PARALLELISM = 2;

    /** Transactional id prefix of the exactly-once Kafka alert log sink. */
    static final String ALERT_TRANSACTION_PREFIX = "beatwatch-alerts";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

    private final Closer running = new Closer();
    private RedisServer redis;
    private KafkaBroker kafka;
    private Topics topics;
    private FlinkProcesses flink;
    private JobClient job;

    private ClusterStack() {}

    /**
     * Starts Redis, Kafka (with the topics) and Flink, printing one line per part to {@code log}.
     */
    public static ClusterStack start(FlinkProcesses.Spec spec, PrintStream log) throws Exception {
        var stack = new ClusterStack();
        try {
            stack.startAll(spec, log);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(FlinkProcesses.Spec spec, PrintStream log) throws Exception {
        redis = RedisServer.startPersistent();
        running.last(redis);
        log.printf(
                "  redis    %s (%s, append-only file in %s)%n",
                redis.uri(), redis.executable(), redis.workDir());

        kafka = KafkaBroker.start(1);
        running.first(kafka);
        topics = Topics.defaults(kafka.bootstrapServers());
        // one partition per input: history is read in order (see stream-jobs/README.md)
        kafka.createTopics(
                1,
                topics.calls(),
                topics.tips(),
                topics.dlq(),
                topics.patrolFeedback(),
                topics.publicCalls());
        createAlertLog(kafka, topics.alerts());
        log.printf("  kafka    %s (in-process KRaft)%n", kafka.bootstrapServers());

        long t0 = System.nanoTime();
        flink = FlinkProcesses.start(spec);
        running.first(flink);
        List<Long> pids = flink.pids();
        log.printf(
                "  flink    JobManager pid %d, %d TaskManagers (pids %s, %d slots each), up in %.1f"
                        + " s%n",
                pids.get(0),
                spec.taskManagers(),
                pids.subList(1, pids.size()),
                spec.slotsPerTaskManager(),
                (System.nanoTime() - t0) / 1e9);
        log.printf("  web UI   %s (REST API: %s/jobs)%n", flink.restUrl(), flink.restUrl());
        log.printf("  work dir %s (conf, log, checkpoints, savepoints)%n", spec.workDir());
    }

    /**
     * The durable alert log, kept forever: its records carry the alerts' event time, so with the
     * default 7-day time retention a replay of older data is deleted at the broker's next retention
     * check (measured: a broker restart lost every alert event of a replayed week).
     */
    static void createAlertLog(KafkaBroker kafka, String topic) throws Exception {
        try (var admin = kafka.admin()) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(topic, 1, (short) 1)
                                            .configs(Map.of("retention.ms", "-1"))))
                    .all()
                    .get(KafkaBroker.ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /**
     * Submits HotspotJob through Flink's REST client, restored from {@code savepoint} when
     * non-null; returns once the cluster accepted it.
     */
    public JobClient submit(HotspotJobConfig config, String name, String savepoint)
            throws Exception {
        var conf = new Configuration();
        if (savepoint != null) conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        // the job's classes are on every process's classpath (the same jars): nothing to ship
        var env =
                StreamExecutionEnvironment.createRemoteEnvironment(
                        FlinkProcesses.HOST, flink.restPort(), conf);
        env.setParallelism(PARALLELISM);
        job = hotspotJob(config).executeAsync(env, name);
        running.first(this::cancelJob);
        return job;
    }

    /** HotspotJob wired to this stack's Kafka topics and Redis server. */
    public HotspotJob hotspotJob(HotspotJobConfig config) {
        String uri = redis.uri();
        Topics t = topics;
        return new HotspotJob(
                config,
                env -> KafkaIo.input(env, t),
                new HotspotJob.Sinks(
                        List.of(
                                new RedisSink<>(
                                        uri, ViewWrites.alerts(RedisKeys.ALERT_STREAM_MAX_LEN)),
                                // exactly once: a restore from a checkpoint must not append
                                // the alert log again (the Redis stream dedupes on its own)
                                KafkaIo.alertSink(t, ALERT_TRANSACTION_PREFIX)),
                        List.of(new RedisSink<>(uri, ViewWrites.cells())),
                        List.of(KafkaIo.dlqSink(t)),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(KafkaIo.publicCallSink(t))));
    }

    /** Stops the running job with a canonical savepoint (an upgrade); returns its path. */
    public String stopWithSavepoint() throws Exception {
        String path =
                job.stopWithSavepoint(false, null, SavepointFormatType.CANONICAL)
                        .get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        job = null;
        return path;
    }

    private void cancelJob() throws Exception {
        JobClient j = job;
        job = null;
        if (j == null) return;
        try {
            if (!j.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                j.cancel().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("while cancelling the job: {}", e.toString());
        }
    }

    public RedisServer redis() {
        return redis;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public Topics topics() {
        return topics;
    }

    public FlinkProcesses flink() {
        return flink;
    }

    /** The running job, or null. */
    public JobClient job() {
        return job;
    }

    public Path workDir() {
        return flink.workDir();
    }

    /** Cancels the job, stops Flink's processes, Kafka and Redis, in that order. */
    @Override
    public synchronized void close() {
        running.close();
    }
}
