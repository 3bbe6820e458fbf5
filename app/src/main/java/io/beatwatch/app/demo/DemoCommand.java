package io.beatwatch.app.demo;

import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.Gateway;
import io.beatwatch.gateway.RunningGateway;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.jobs.cli.LocalFlink;
import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.FileFeed;
import io.beatwatch.jobs.io.KafkaIo;
import io.beatwatch.jobs.io.RecordFeed;
import io.beatwatch.jobs.io.SyntheticFeed;
import io.beatwatch.jobs.io.Topics;
import io.beatwatch.jobs.redis.RedisSink;
import io.beatwatch.jobs.redis.ViewWrites;
import io.beatwatch.testkit.KafkaBroker;
import io.beatwatch.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code beatwatch demo}: in one JVM an in-process Kafka broker (KRaft), a Redis server (from PATH,
 * else the binary shipped in a jar), Flink's MiniCluster running HotspotJob, the gateway and
 * console, and a feeder replaying the synthetic city (or a real file). Ctrl-C stops everything.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run all of Beatwatch in one JVM on an embedded default, console on"
                    + " http://localhost:8080.",
            "Kafka (in-process), Redis (PATH or shipped binary), Flink MiniCluster with"
                    + " HotspotJob, the gateway, and a feeder replaying a city."
        })
public final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Console port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--replay",
            paramLabel = "FILE",
            description = "Replay a real feed file instead of the synthetic city.")
    Path replay;

    @Option(names = "--profile", description = "City profile of --replay FILE (e.g. san-antonio).")
    String profile;

    @Option(
            names = "--speed",
            defaultValue = "60",
            description =
                    "Replay speed after the warm-up, times real time (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(
            names = "--warmup-days",
            defaultValue = "4",
            description =
                    "Days of history fed at full speed first, so the baseline is warm (default ${DEFAULT-VALUE}).")
    int warmupDays;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Synthetic city seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--exit-after",
            description = "Stop by itself after this many seconds (for scripted runs).")
    Long exitAfterSeconds;

    private final List<AutoCloseable> running = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (replay != null && profile == null) {
            System.err.println(
                    "error: --replay FILE needs --profile NAME (e.g. --profile san-antonio)");
            return 2;
        }
        if (replay != null && !Files.isReadable(replay)) {
            System.err.println("error: cannot read " + replay);
            return 2;
        }
        long t0 = System.nanoTime();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("\nStopping Beatwatch demo ...");
                                    stopAll();
                                    stopped.countDown();
                                },
                                "beatwatch-demo-shutdown"));

        out.println("Starting Beatwatch demo (Redis, Kafka, Flink, gateway) ...");
        RedisServer redis = RedisServer.start();
        running.add(redis);
        out.printf("  redis    %s (%s)%n", redis.uri(), redis.executable());

        KafkaBroker kafka = KafkaBroker.start(1);
        running.add(kafka);
        Topics topics = Topics.defaults(kafka.bootstrapServers());
        kafka.createTopics(
                1,
                topics.calls(),
                topics.tips(),
                topics.alerts(),
                topics.dlq(),
                topics.patrolFeedback());
        out.printf("  kafka    %s (in-process KRaft)%n", kafka.bootstrapServers());

        Instant now = Instant.now();
        RecordFeed feed;
        HotspotJobConfig jobConfig;
        Instant liveFrom;
        String what;
        if (replay == null) {
            DemoCity city = DemoCity.create(now, warmupDays, seed);
            feed = new SyntheticFeed(city.config());
            jobConfig = HotspotJobConfig.defaults(SyntheticFeed.bounds(city.config()), Set.of());
            liveFrom = city.liveFrom();
            what = "the synthetic city (seed " + seed + ")";
        } else {
            var p = CityProfiles.load(profile);
            feed = new FileFeed(profile, replay.toAbsolutePath().toString(), null, null);
            jobConfig = HotspotJobConfig.forProfile(p);
            liveFrom = firstEventTime(feed).plus(Duration.ofDays(warmupDays));
            what = replay + " (" + p.name() + ")";
        }
        // a short warm-up: the demo's baseline may alert after 3 days with data (whole-day slices)
        var d = jobConfig.detection();
        jobConfig =
                jobConfig
                        .withDetection(d.withBaseline(d.baselineDays(), 1, Math.min(3, warmupDays)))
                        .withSource("demo");

        // feed from now on: the job reads the topics from the start, so nothing is missed while
        // Flink and the gateway come up
        var producer = kafka.newProducer();
        running.add(0, producer);
        var feeder = new DemoFeeder(feed, producer, topics, liveFrom, speed);
        Thread feederThread = new Thread(feeder, "beatwatch-demo-feeder");
        feederThread.setDaemon(true);
        feederThread.start();
        running.add(0, feederThread::interrupt);

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
                                List.of(KafkaIo.dlqSink(topics))));
        Path checkpoints = Files.createTempDirectory("beatwatch-demo-checkpoints");
        StreamExecutionEnvironment env = LocalFlink.environment(2, checkpoints);
        JobClient client = job.executeAsync(env, "beatwatch-demo");
        running.add(0, () -> client.cancel().get());
        out.printf(
                "  flink    HotspotJob %s on a local MiniCluster (parallelism 2)%n",
                client.getJobID());

        GatewayConfig gatewayConfig =
                GatewayConfig.builder()
                        .host("127.0.0.1")
                        .port(port)
                        .redisUri(redis.uri())
                        .kafkaBootstrap(kafka.bootstrapServers())
                        .allowedOrigins(
                                List.of("http://localhost:" + port, "http://127.0.0.1:" + port))
                        .devLogins(true)
                        .build();
        RunningGateway gateway = Gateway.start(gatewayConfig);
        running.add(0, gateway);

        double startSeconds = (System.nanoTime() - t0) / 1e9;
        String url = "http://localhost:" + gateway.port();
        out.printf("%nBeatwatch demo is up in %.1f s: %s%n", startSeconds, url);
        out.printf(
                "  feeding %s: %d days of history at full speed, then %.0fx real time%n",
                what, warmupDays, speed);
        out.println(
                "  Dev logins (pick one on the console's sign-in page; tokens are signed with a key");
        out.println("  generated at start, valid only for this run):");
        out.println("    sup1          supervisor, all districts");
        out.println(
                "    disp-north    dispatcher, district NORTH (also disp-south, -east, -west, -central)");
        out.println("    analyst1      analyst      ops1  ops (metrics at " + url + "/metrics)");
        gateway.devTokens()
                .flatMap(t -> t.forDevUser("sup1"))
                .ifPresent(
                        token ->
                                out.println(
                                        "  sup1 token (for curl -H 'Authorization: Bearer ...'):\n    "
                                                + token));
        out.println("Press Ctrl-C to stop.");

        var status = new Thread(() -> reportStatus(redis, feeder, t0), "beatwatch-demo-status");
        status.setDaemon(true);
        status.start();
        if (exitAfterSeconds != null) {
            Thread.sleep(exitAfterSeconds * 1000);
            System.exit(0);
        }
        stopped.await();
        return 0;
    }

    /** Prints the first alert's arrival, then a status line every minute. */
    private void reportStatus(RedisServer redis, DemoFeeder feeder, long t0) {
        RedisClient client = RedisClient.create(redis.uri());
        try (var connection = client.connect()) {
            var r = connection.sync();
            boolean first = false;
            long lastLine = 0;
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                long alerts = r.xlen(RedisKeys.ALERT_STREAM);
                long secs = (System.nanoTime() - t0) / 1_000_000_000L;
                if (!first && alerts > 0) {
                    first = true;
                    System.out.printf("  first alert on the stream %d s after start%n", secs);
                }
                if (secs - lastLine >= 60) {
                    lastLine = secs;
                    System.out.printf(
                            "  [%ds] %,d events fed (%s), %,d alert events, %,d open alerts%n",
                            secs,
                            feeder.produced(),
                            feeder.live() ? "live" : "history",
                            alerts,
                            r.hlen(RedisKeys.OPEN_ALERTS));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("status reporter stopped", e);
        } finally {
            client.shutdown();
        }
    }

    private static Instant firstEventTime(RecordFeed feed) {
        var it = feed.open();
        return it.hasNext() ? Instant.ofEpochMilli(it.next().eventTimeMillis) : Instant.now();
    }

    private synchronized void stopAll() {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
        running.clear();
    }
}
