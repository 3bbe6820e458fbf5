package io.beatwatch.app.demo;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.Gateway;
import io.beatwatch.gateway.RunningGateway;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.jobs.cli.LocalFlink;
import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.KafkaIo;
import io.beatwatch.jobs.io.RecordFeed;
import io.beatwatch.jobs.io.Topics;
import io.beatwatch.jobs.patrol.PatrolJobConfig;
import io.beatwatch.jobs.redis.RedisSink;
import io.beatwatch.jobs.redis.ViewWrites;
import io.beatwatch.testkit.Closer;
import io.beatwatch.testkit.KafkaBroker;
import io.beatwatch.testkit.RedisServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every part of Beatwatch in this JVM: a Redis server process, an in-process Kafka broker,
 * HotspotJob on a local MiniCluster, the gateway with the console, and a feeder. Used by {@code
 * beatwatch demo} and by the end-to-end browser test; {@link #close} stops it all.
 */
public final class DemoStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoStack.class);

    /**
     * What to run.
     *
     * @param port gateway port (0 picks a free one)
     * @param feed what the feeder produces into the input topics (null: no feeder)
     * @param liveFrom events from here on are paced at {@code speed}× (earlier ones at full speed)
     * @param speed replay speed of the live part
     * @param jobConfig the job's configuration
     * @param patrol patrol suggestions (null: none)
     */
    public record Options(
            int port,
            RecordFeed feed,
            Instant liveFrom,
            double speed,
            HotspotJobConfig jobConfig,
            PatrolJobConfig patrol) {

        /** Without patrol suggestions. */
        public Options(
                int port,
                RecordFeed feed,
                Instant liveFrom,
                double speed,
                HotspotJobConfig jobConfig) {
            this(port, feed, liveFrom, speed, jobConfig, null);
        }
    }

    private final Closer running = new Closer();
    private RedisServer redis;
    private KafkaBroker kafka;
    private Topics topics;
    private JobClient job;
    private RunningGateway gateway;
    private DemoFeeder feeder;

    private DemoStack() {}

    /** Starts everything, printing one line per part to {@code log}. */
    public static DemoStack start(Options o, PrintStream log) throws Exception {
        var stack = new DemoStack();
        try {
            stack.startAll(o, log);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options o, PrintStream log) throws Exception {
        redis = RedisServer.start();
        running.last(redis);
        log.printf("  redis    %s (%s)%n", redis.uri(), redis.executable());

        kafka = KafkaBroker.start(1);
        running.last(kafka);
        topics = Topics.defaults(kafka.bootstrapServers());
        // one partition per input: history is read in order (see stream-jobs/README.md)
        kafka.createTopics(
                1,
                topics.calls(),
                topics.tips(),
                topics.alerts(),
                topics.dlq(),
                topics.patrolFeedback(),
                topics.publicCalls());
        log.printf("  kafka    %s (in-process KRaft)%n", kafka.bootstrapServers());

        if (o.feed() != null) {
            // feed from now on: the job reads the topics from the start, so nothing is missed
            // while Flink and the gateway come up
            var producer = kafka.newProducer();
            running.first(producer);
            feeder = new DemoFeeder(o.feed(), producer, topics, o.liveFrom(), o.speed());
            Thread t = new Thread(feeder, "beatwatch-demo-feeder");
            t.setDaemon(true);
            t.start();
            running.first(t::interrupt);
        }

        var hotspot =
                new HotspotJob(
                        o.jobConfig(),
                        env -> KafkaIo.input(env, topics),
                        new HotspotJob.Sinks(
                                List.of(
                                        new RedisSink<>(
                                                redis.uri(),
                                                ViewWrites.alerts(RedisKeys.ALERT_STREAM_MAX_LEN)),
                                        KafkaIo.alertSink(topics)),
                                List.of(new RedisSink<>(redis.uri(), ViewWrites.cells())),
                                List.of(KafkaIo.dlqSink(topics)),
                                o.patrol() == null
                                        ? List.of()
                                        : List.of(
                                                new RedisSink<>(
                                                        redis.uri(),
                                                        ViewWrites.suggestions(
                                                                RedisKeys
                                                                        .SUGGESTION_STREAM_MAX_LEN))),
                                o.patrol() == null
                                        ? List.of()
                                        : List.of(
                                                new RedisSink<>(
                                                        redis.uri(),
                                                        ViewWrites.suggestionBoards())),
                                o.patrol() == null
                                        ? List.of()
                                        : List.of(
                                                new RedisSink<>(redis.uri(), ViewWrites.dosage())),
                                // the public feed reads these: sensitivity decided at decode
                                List.of(KafkaIo.publicCallSink(topics))),
                        o.patrol(),
                        o.patrol() == null ? null : env -> KafkaIo.feedback(env, topics));
        var checkpoints = Files.createTempDirectory("beatwatch-demo-checkpoints");
        JobClient client =
                hotspot.executeAsync(LocalFlink.environment(2, checkpoints), "beatwatch-demo");
        job = client;
        running.first(() -> client.cancel().get());
        log.printf(
                "  flink    HotspotJob %s on a local MiniCluster (parallelism 2)%n",
                client.getJobID());

        // a fixed port even when asked for any: the Origin allow-list must name it
        int port = o.port() == 0 ? freePort() : o.port();
        gateway =
                Gateway.start(
                        GatewayConfig.builder()
                                .host("127.0.0.1")
                                .port(port)
                                .redisUri(redis.uri())
                                .kafkaBootstrap(kafka.bootstrapServers())
                                .allowedOrigins(
                                        List.of(
                                                "http://localhost:" + port,
                                                "http://127.0.0.1:" + port))
                                .devLogins(true)
                                // local days of the public patrol-minutes feed = the job's days
                                .publicFeed(
                                        o.patrol() == null
                                                ? GatewayConfig.PublicFeed.defaults()
                                                : GatewayConfig.PublicFeed.defaults()
                                                        .withZone(o.patrol().policy().zone()))
                                .build());
        running.first(gateway);
    }

    private static int freePort() throws java.io.IOException {
        try (var socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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

    public RunningGateway gateway() {
        return gateway;
    }

    public JobClient job() {
        return job;
    }

    /** The feeder, or null when started without a feed. */
    public DemoFeeder feeder() {
        return feeder;
    }

    /** Stops the feeder, gateway, job, Kafka and Redis, in that order. */
    @Override
    public synchronized void close() {
        running.close();
    }
}
