package io.beatwatch.load.latency;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.Gateway;
import io.beatwatch.gateway.RunningGateway;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.jobs.cli.LocalFlink;
import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.KafkaIo;
import io.beatwatch.jobs.io.Topics;
import io.beatwatch.jobs.redis.RedisSink;
import io.beatwatch.jobs.redis.ViewWrites;
import io.beatwatch.testkit.Closer;
import io.beatwatch.testkit.KafkaBroker;
import io.beatwatch.testkit.RedisServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real parts of one scenario in this JVM, wired as the demo wires them ({@code DemoStack}): a
 * Redis server process, an in-process Kafka broker (one partition per topic), HotspotJob on a local
 * MiniCluster at parallelism 2 with its production sinks, and the gateway on loopback with dev
 * logins. Only the per-user connection cap is raised (all consoles of one role share a dev user).
 */
final class LatencyStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LatencyStack.class);

    private final Closer running = new Closer();
    private RedisServer redis;
    private KafkaBroker kafka;
    private Topics topics;
    private RunningGateway gateway;
    private String origin;

    private LatencyStack() {}

    static LatencyStack start(HotspotJobConfig jobConfig) throws Exception {
        var stack = new LatencyStack();
        try {
            stack.startAll(jobConfig);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(HotspotJobConfig jobConfig) throws Exception {
        redis = RedisServer.start();
        running.last(redis);
        kafka = KafkaBroker.start(1);
        running.first(kafka);
        topics = Topics.defaults(kafka.bootstrapServers());
        kafka.createTopics(
                1,
                topics.calls(),
                topics.tips(),
                topics.alerts(),
                topics.dlq(),
                topics.patrolFeedback(),
                topics.publicCalls());

        var job =
                new HotspotJob(
                        jobConfig,
                        env -> KafkaIo.input(env, topics),
                        new HotspotJob.Sinks(
                                List.of(
                                        new RedisSink<>(
                                                redis.uri(),
                                                ViewWrites.alerts(RedisKeys.ALERT_STREAM_MAX_LEN)),
                                        KafkaIo.alertSink(topics)),
                                List.of(new RedisSink<>(redis.uri(), ViewWrites.cells())),
                                List.of(KafkaIo.dlqSink(topics)),
                                List.of(),
                                List.of(),
                                List.of(),
                                List.of(KafkaIo.publicCallSink(topics))));
        var checkpoints = Files.createTempDirectory("beatwatch-latency-checkpoints");
        JobClient client =
                job.executeAsync(LocalFlink.environment(2, checkpoints), "beatwatch-latency");
        running.first(() -> client.cancel().get());

        int port = freePort();
        origin = "http://127.0.0.1:" + port;
        var limits = GatewayConfig.Limits.defaults();
        gateway =
                Gateway.start(
                        GatewayConfig.builder()
                                .host("127.0.0.1")
                                .port(port)
                                .redisUri(redis.uri())
                                .kafkaBootstrap(kafka.bootstrapServers())
                                .allowedOrigins(List.of(origin))
                                .devLogins(true)
                                .limits(
                                        new GatewayConfig.Limits(
                                                limits.maxFrameBytes(),
                                                // every dispatcher of a district is one dev user
                                                1000,
                                                limits.maxQueuedMessages(),
                                                limits.drainTimeout(),
                                                limits.tipsPerMinute(),
                                                limits.maxBodyBytes(),
                                                limits.ticketTtl(),
                                                limits.socketSendBufferBytes(),
                                                limits.maxNoteChars()))
                                .build());
        running.first(gateway);
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    RedisServer redis() {
        return redis;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    Topics topics() {
        return topics;
    }

    RunningGateway gateway() {
        return gateway;
    }

    /** The console origin the gateway allows. */
    String origin() {
        return origin;
    }

    /** Stops the gateway, job, Kafka and Redis, in that order. */
    @Override
    public synchronized void close() {
        running.close();
    }
}
