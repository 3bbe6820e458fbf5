package io.beatwatch.load.latency;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.SyntheticFeed;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One scenario of the harness at one rate: start the stack, connect the fleet, feed the warm-up
 * history, run the open-loop live phase until the job is seen alerting, measure {@code
 * durationSec}, drain, stop, read back and analyse.
 */
final class LatencyScenario {

    /** What to run; see {@link LatencyHarness} for the options. */
    record Plan(
            int rate,
            int consoles,
            int durationSec,
            int warmupDays,
            double clusterEverySec,
            int clusterCalls,
            double clusterSpacingMs,
            int drainSec,
            long seed,
            String fleetHeap,
            long bufferTimeoutMs,
            Path workDir) {}

    /** Most seconds of live load before the first alert (the job catching up on the history). */
    static final int MAX_SECONDS_TO_FIRST_ALERT = 60;

    /** Measurement starts this long after the first alert appeared. */
    static final int SETTLE_SECONDS = 3;

    private LatencyScenario() {}

    static ScenarioResult run(Plan p, PrintStream log) throws Exception {
        String loadStart = LoadAverage.now();
        var city = SyntheticCityConfig.defaults().withSeed(p.seed());
        HotspotJobConfig defaults = HotspotJobConfig.defaults(SyntheticFeed.bounds(city), Set.of());
        HotspotJobConfig jobConfig =
                p.bufferTimeoutMs() < 0
                        ? defaults
                        : defaults.withBufferTimeout(Duration.ofMillis(p.bufferTimeoutMs()));
        Files.createDirectories(p.workDir());
        try (var stack = LatencyStack.start(jobConfig)) {
            Instant historyEnd = Instant.now().minusSeconds(60);
            Instant historyStart = historyEnd.minus(Duration.ofDays(p.warmupDays()));
            var cityConfig =
                    city.withPeriod(historyStart, Duration.between(historyStart, historyEnd));
            var history = LoadGenerator.History.of(cityConfig);
            int clustersNeeded =
                    (int)
                            Math.ceil(
                                    (MAX_SECONDS_TO_FIRST_ALERT
                                                    + SETTLE_SECONDS
                                                    + p.durationSec()
                                                    + 10)
                                            / p.clusterEverySec());
            List<String> cells =
                    Schedule.freshCells(
                            cityConfig,
                            clustersNeeded,
                            history.lastCall(),
                            historyEnd,
                            3.5,
                            1.0,
                            p.seed());
            Path cellsFile = p.workDir().resolve("cells-" + p.rate() + ".txt");
            Files.write(cellsFile, cells);
            Path records = p.workDir().resolve("fleet-" + p.rate() + ".txt");
            Path fleetLog = p.workDir().resolve("fleet-" + p.rate() + ".log");
            int fleetSeconds = MAX_SECONDS_TO_FIRST_ALERT + p.durationSec() + p.drainSec() + 300;
            try (var fleet =
                            FleetProcess.start(
                                    stack.gateway().port(),
                                    stack.origin(),
                                    p.consoles(),
                                    cellsFile,
                                    records,
                                    fleetLog,
                                    fleetSeconds,
                                    p.fleetHeap());
                    var generator =
                            new LoadGenerator(stack.kafka().bootstrapServers(), stack.topics());
                    var redisClient = RedisClient.create(stack.redis().uri());
                    var redisConnection = redisClient.connect()) {
                var redis = redisConnection.sync();
                fleet.awaitReady(180);
                log.printf(
                        "  %d events/s: %d consoles ready (pid %d); feeding %d history events%n",
                        p.rate(), p.consoles(), fleet.pid(), history.events().size());
                generator.sendHistory(history);

                long start = System.currentTimeMillis() + 500;
                var schedule =
                        new Schedule(
                                start,
                                p.rate(),
                                p.clusterCalls(),
                                p.clusterSpacingMs(),
                                p.clusterEverySec(),
                                cells,
                                cityConfig,
                                p.seed());
                generator.startLive(schedule);
                long deadline = start + MAX_SECONDS_TO_FIRST_ALERT * 1000L;
                boolean alerting = true;
                while (redis.xlen(RedisKeys.ALERT_STREAM) == 0) {
                    if (System.currentTimeMillis() > deadline) {
                        // measured all the same: the backlog and the missing alerts are the finding
                        log.printf(
                                "  %d events/s: no alert within %d s of live load (%d calls sent);"
                                        + " the job is behind: measuring anyway%n",
                                p.rate(), MAX_SECONDS_TO_FIRST_ALERT, generator.sent());
                        alerting = false;
                        break;
                    }
                    Thread.sleep(100);
                }
                long from = System.currentTimeMillis() + SETTLE_SECONDS * 1000L;
                long to = from + p.durationSec() * 1000L;
                if (schedule.dueMillis(schedule.lastSlot()) < to) {
                    throw new IllegalStateException(
                            "only "
                                    + cells.size()
                                    + " fresh cells for the clusters: shorten --duration or"
                                    + " raise --cluster-every");
                }
                sleepUntil(from);
                var gatewayTimer = GatewayTimer.mark(stack.gateway().meterRegistry());
                log.printf(
                        "  %d events/s: measuring %d s (first alert after %.1f s of live load)%n",
                        p.rate(),
                        p.durationSec(),
                        (from - SETTLE_SECONDS * 1000L - start) / 1000.0);
                long nextProgress = from + 10_000;
                while (System.currentTimeMillis() < to) {
                    sleepUntil(Math.min(to, nextProgress));
                    if (System.currentTimeMillis() >= nextProgress) {
                        log.printf(
                                "  %d events/s: %3d s, %d calls sent, %d alert entries, load %s%n",
                                p.rate(),
                                (System.currentTimeMillis() - from) / 1000,
                                generator.sent(),
                                redis.xlen(RedisKeys.ALERT_STREAM),
                                LoadAverage.now());
                        nextProgress += 10_000;
                    }
                }
                generator.stopAt(schedule.slotAt(to));
                // decoded = what the job wrote to the public-calls topic (every decoded call)
                long produced = endOffset(stack, stack.topics().calls());
                long decoded = endOffset(stack, stack.topics().publicCalls());
                Thread.sleep(p.drainSec() * 1000L);
                StageFigures gatewayWrite = gatewayTimer.sinceMark();
                int rc = fleet.stop(60);
                if (rc != 0) log.printf("  console fleet exited with %d%n", rc);
                var deliveries = Deliveries.read(records);
                List<ScenarioAnalysis.StreamEntry> entries = new ArrayList<>();
                for (StreamMessage<String, String> m :
                        redis.xrange(RedisKeys.ALERT_STREAM, Range.create("-", "+"))) {
                    String json = m.getBody().get(RedisKeys.STREAM_FIELD_ALERT);
                    if (json == null) continue;
                    long append = Long.parseLong(m.getId().substring(0, m.getId().indexOf('-')));
                    entries.add(
                            new ScenarioAnalysis.StreamEntry(m.getId(), append, Json.tree(json)));
                }
                log.printf(
                        "  %d events/s: %d alert entries in the stream, %d console records%n",
                        p.rate(), entries.size(), Files.lines(records).count());
                if (Boolean.getBoolean("beatwatch.latency.debug")) {
                    for (var e : entries) {
                        var a = e.alert();
                        log.printf(
                                "  entry %s %s %s zone=%s obs=%s emitted=%s%n",
                                e.id(),
                                a.path("alertId").asText(),
                                a.path("state").asText(),
                                a.path("zone").asText(),
                                a.path("observed").asText(),
                                a.path("emittedAt").asText());
                    }
                    log.printf("  span %d..%d, cells %s%n", from, to, cells);
                }
                ScenarioResult r =
                        ScenarioAnalysis.analyse(
                                schedule,
                                p.durationSec(),
                                p.consoles(),
                                entries,
                                deliveries,
                                from,
                                to,
                                gatewayWrite,
                                generator,
                                jobConfig.bufferTimeout().toMillis());
                return r.withLoad(loadStart, LoadAverage.now())
                        .withBacklog(alerting, produced - decoded);
            }
        }
    }

    /** The end offset of a one-partition topic. */
    private static long endOffset(LatencyStack stack, String topic) {
        var props = stack.kafka().clientProperties();
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        try (var c = new KafkaConsumer<String, String>(props)) {
            var tp = new TopicPartition(topic, 0);
            return c.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
        }
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) Thread.sleep(wait);
    }
}
