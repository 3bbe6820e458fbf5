package io.beatwatch.app.demo;

import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.RunningGateway;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.FileFeed;
import io.beatwatch.jobs.io.RecordFeed;
import io.beatwatch.jobs.io.SyntheticFeed;
import io.beatwatch.jobs.patrol.PatrolJobConfig;
import io.beatwatch.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    private volatile DemoStack stack;

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
        if (warmupDays < 1 || speed <= 0) {
            System.err.println("error: --warmup-days must be >= 1 and --speed > 0");
            return 2;
        }
        long t0 = System.nanoTime();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("\nStopping Beatwatch demo ...");
                                    if (stack != null) stack.close();
                                    stopped.countDown();
                                },
                                "beatwatch-demo-shutdown"));

        Plan plan = plan();
        out.println("Starting Beatwatch demo (Redis, Kafka, Flink, gateway) ...");
        stack = DemoStack.start(plan.options(), out);
        RunningGateway gateway = stack.gateway();

        double startSeconds = (System.nanoTime() - t0) / 1e9;
        String url = "http://localhost:" + gateway.port();
        out.printf("%nBeatwatch demo is up in %.1f s: %s%n", startSeconds, url);
        out.printf(
                "  feeding %s: %d days of history at full speed, then %.0fx real time%n",
                plan.what(), warmupDays, speed);
        out.println(
                "  Public page (no sign-in): "
                        + url
                        + "/public/   anonymous tip form: "
                        + url
                        + "/public/tip");
        out.println(
                "  Dev logins (pick one on the console's sign-in page; tokens are signed with a"
                        + " key");
        out.println("  generated at start, valid only for this run):");
        out.println("    sup1          supervisor, all districts");
        out.println(
                "    disp-north    dispatcher, district NORTH (also disp-south, -east, -west,"
                        + " -central)");
        out.println("    analyst1      analyst      ops1  ops (metrics at " + url + "/metrics)");
        gateway.devTokens()
                .flatMap(t -> t.forDevUser("sup1"))
                .ifPresent(
                        token ->
                                out.println(
                                        "  sup1 token (for curl -H 'Authorization: Bearer"
                                                + " ...'):\n    "
                                                + token));
        out.println("Press Ctrl-C to stop.");

        var status =
                new Thread(
                        () -> reportStatus(stack.redis(), stack.feeder(), t0),
                        "beatwatch-demo-status");
        status.setDaemon(true);
        status.start();
        if (exitAfterSeconds != null) {
            Thread.sleep(exitAfterSeconds * 1000);
            System.exit(0);
        }
        stopped.await();
        return 0;
    }

    /**
     * What the demo runs, from the options: the feed (the synthetic city, or {@code --replay FILE}
     * read with the profile {@code --profile NAME} resolved as every command resolves it, so a
     * profile dropped into a profiles folder works without a rebuild) and the job's settings.
     *
     * @param options the stack's options
     * @param what the feed, for people
     */
    record Plan(DemoStack.Options options, String what) {}

    Plan plan() {
        RecordFeed feed;
        ZoneId zone;
        HotspotJobConfig jobConfig;
        Instant liveFrom;
        String what;
        if (replay == null) {
            DemoCity city = DemoCity.create(Instant.now(), warmupDays, seed);
            feed = new SyntheticFeed(city.config());
            zone = city.config().timeZone();
            jobConfig = HotspotJobConfig.defaults(SyntheticFeed.bounds(city.config()), Set.of());
            liveFrom = city.liveFrom();
            what = "the synthetic city (seed " + seed + ")";
        } else {
            var located = CityProfiles.locate(profile);
            var p = located.load();
            feed = FileFeed.of(located, replay, null, null);
            zone = p.zone();
            jobConfig = HotspotJobConfig.forProfile(p);
            liveFrom = firstEventTime(feed).plus(Duration.ofDays(warmupDays));
            what = replay + " (" + p.name() + ")";
        }
        // patrol suggestions every 15 minutes of event time per district (the Koper dose)
        var patrol = PatrolJobConfig.of(PatrolConfig.defaults(zone));
        return new Plan(
                new DemoStack.Options(
                        port, feed, liveFrom, speed, forDemo(jobConfig, warmupDays), patrol),
                what);
    }

    /**
     * The job's settings for a demo of {@code warmupDays} of history: a short warm-up, so the
     * baseline may alert after 3 days with data (whole-day slices).
     */
    static HotspotJobConfig forDemo(HotspotJobConfig jobConfig, int warmupDays) {
        var d = jobConfig.detection();
        return jobConfig
                .withDetection(d.withBaseline(d.baselineDays(), 1, Math.min(3, warmupDays)))
                .withSource("demo");
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
}
