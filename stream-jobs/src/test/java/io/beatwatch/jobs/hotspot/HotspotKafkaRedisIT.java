package io.beatwatch.jobs.hotspot;

import static io.beatwatch.jobs.hotspot.Scenarios.INJECT_AT;
import static io.beatwatch.jobs.hotspot.Scenarios.ONE_HOUR;
import static io.beatwatch.jobs.hotspot.Scenarios.QUIET_CELL;
import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Reject;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.io.KafkaIo;
import io.beatwatch.jobs.io.SyntheticFeed;
import io.beatwatch.jobs.io.Topics;
import io.beatwatch.jobs.redis.RedisSink;
import io.beatwatch.jobs.redis.ViewWrites;
import io.beatwatch.jobs.testkit.MiniClusterExtension;
import io.beatwatch.testkit.KafkaBroker;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServer;
import io.beatwatch.testkit.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kafka to Flink to Redis against a real broker and a real Redis server. */
class HotspotKafkaRedisIT {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void eventsInKafkaBecomeTheRedisViewAndTheAlertStream() throws Exception {
        KafkaBroker kafka = KAFKA.broker();
        RedisServer redis = REDIS.server();
        Topics topics = Topics.defaults(kafka.bootstrapServers());
        // one partition per input: a backfill of days of history is read in order (live
        // partitions advance together; see the README on backfills from multi-partition topics)
        kafka.createTopics(1, topics.calls(), topics.tips(), topics.alerts(), topics.dlq());

        // calls only: the restart below must re-send the same alert events, and those reproduce
        // only where the input order does; tips on their own topic interleave with the calls at
        // each partition's pace, which differs between two runs (tip alerts: HotspotJobIT)
        var quiet = Scenarios.quietCity();
        var city =
                quiet.withRates(quiet.baseCallsPerDay(), 0)
                        .withEmergingCluster("c1", QUIET_CELL, 0, INJECT_AT, ONE_HOUR, 12);
        int produced = 0;
        try (KafkaProducer<String, String> producer = kafka.newProducer()) {
            Iterator<RawRecord> it = new SyntheticFeed(city).open();
            while (it.hasNext()) {
                RawRecord r = it.next();
                String topic = r.kind == RawRecord.Kind.CFS ? topics.calls() : topics.tips();
                producer.send(new ProducerRecord<>(topic, null, r.payload));
                produced++;
            }
            producer.send(new ProducerRecord<>(topics.calls(), "bad-1", "{not json"));
            producer.send(
                    new ProducerRecord<>(
                            topics.calls(),
                            "bad-2",
                            "{\"v\":1,\"id\":\"far\",\"receivedAt\":\"2026-03-06T18:00:00Z\","
                                    + "\"type\":\"Theft\",\"lat\":48.0,\"lon\":9.0}"));
            producer.flush();
        }
        assertThat(produced).isGreaterThan(10_000);

        HotspotJobConfig config =
                Scenarios.jobConfig().withCheckpointInterval(Duration.ofSeconds(2));
        var job =
                new HotspotJob(
                        config,
                        env -> KafkaIo.input(env, topics),
                        new HotspotJob.Sinks(
                                List.of(
                                        new RedisSink<>(
                                                redis.uri(),
                                                ViewWrites.alerts(RedisKeys.ALERT_STREAM_MAX_LEN)),
                                        KafkaIo.alertSink(topics)),
                                List.of(new RedisSink<>(redis.uri(), ViewWrites.cells())),
                                List.of(KafkaIo.dlqSink(topics))));
        JobClient client = job.executeAsync(FLINK.environment(), "hotspot-kafka-redis-it");
        RedisClient lettuce = RedisClient.create(redis.uri());
        try (var connection = lettuce.connect()) {
            RedisCommands<String, String> r = connection.sync();

            // rejects reach the DLQ with their reason and payload
            List<Reject> rejects =
                    kafka.consume(topics.dlq(), 2, WAIT).stream()
                            .map(rec -> Json.decodeReject(rec.value()))
                            .toList();
            assertThat(rejects)
                    .extracting(Reject::reason)
                    .containsExactlyInAnyOrder(
                            RejectReason.MALFORMED_RECORD, RejectReason.OUT_OF_BOUNDS);
            assertThat(rejects).anyMatch(x -> "{not json".equals(x.payload()));

            // the injected cluster's alert lands in the Redis stream and the Kafka alert log
            List<HotspotAlert> streamed = awaitStreamAlerts(r, QUIET_CELL);
            assertThat(streamed).isNotEmpty();
            List<HotspotAlert> logged =
                    kafka.consume(topics.alerts(), 1, WAIT).stream()
                            .map(rec -> Json.decodeAlert(rec.value()))
                            .toList();
            assertThat(logged).isNotEmpty();

            // the cell view holds absolute counts for every window, ranked in its district
            Map<String, String> cell = r.hgetall(RedisKeys.cell(QUIET_CELL, 60));
            assertThat(cell).containsKeys("observed", "expected", "score", "district", "updatedAt");
            String district = cell.get("district");
            assertThat(r.smembers(RedisKeys.DISTRICTS)).contains(district);
            assertThat(r.exists(RedisKeys.ranked(district, 60))).isEqualTo(1L);

            // a restart without state (a lost checkpoint, a replay from the start of the topic)
            // sends every alert event again: the SET NX marker must keep the stream free of
            // duplicate appends
            client.cancel().get();
            awaitTerminal(client);
            Set<String> firstRun = streamEventIds(r);
            assertThat(firstRun).isNotEmpty();
            var replay =
                    new Topics(
                            topics.bootstrapServers(),
                            topics.calls(),
                            topics.tips(),
                            topics.alerts(),
                            topics.dlq(),
                            topics.patrolFeedback(),
                            topics.suggestions(),
                            topics.groupId() + "-restarted",
                            topics.publicCalls());
            client =
                    new HotspotJob(
                                    config,
                                    env -> KafkaIo.input(env, replay),
                                    new HotspotJob.Sinks(
                                            List.of(
                                                    new RedisSink<>(
                                                            redis.uri(),
                                                            ViewWrites.alerts(
                                                                    RedisKeys
                                                                            .ALERT_STREAM_MAX_LEN)),
                                                    KafkaIo.alertSink(replay)),
                                            List.of(),
                                            List.of()))
                            .executeAsync(FLINK.environment(), "hotspot-kafka-redis-it-restarted");
            awaitResent(kafka, topics.alerts(), firstRun);
            // the Redis sink runs beside the Kafka one: give it a bounded moment to catch up
            long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < settle) {
                assertNoDuplicateAppends(r);
                Thread.sleep(250);
            }
            assertNoDuplicateAppends(r);
            assertThat(streamEventIds(r)).containsAll(firstRun);
        } finally {
            client.cancel().get();
            lettuce.shutdown();
        }
    }

    private static Set<String> streamEventIds(RedisCommands<String, String> r) {
        return r.xrange(RedisKeys.ALERT_STREAM, io.lettuce.core.Range.create("-", "+")).stream()
                .map(m -> m.getBody().get(RedisKeys.STREAM_FIELD_EVENT_ID))
                .collect(Collectors.toSet());
    }

    private static void assertNoDuplicateAppends(RedisCommands<String, String> r) {
        List<StreamMessage<String, String>> all =
                r.xrange(RedisKeys.ALERT_STREAM, io.lettuce.core.Range.create("-", "+"));
        assertThat(streamEventIds(r))
                .as("stream entries unique per alert event")
                .hasSize(all.size());
    }

    private static void awaitTerminal(JobClient client) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!client.getJobStatus().get().isGloballyTerminalState()) {
            assertThat(System.nanoTime()).as("job cancelled in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Waits until the alert log holds every one of these events at least twice (re-sent). */
    private static void awaitResent(KafkaBroker kafka, String topic, Set<String> eventIds) {
        var p = new java.util.Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("group.id", "it-resent-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        var counts = new java.util.HashMap<String, Integer>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (var c = new KafkaConsumer<String, String>(p)) {
            c.subscribe(List.of(topic));
            while (!eventIds.stream().allMatch(id -> counts.getOrDefault(id, 0) >= 2)) {
                assertThat(System.nanoTime())
                        .as("the restarted job re-sent every alert event")
                        .isLessThan(deadline);
                for (var rec : c.poll(Duration.ofMillis(500))) {
                    counts.merge(
                            ViewWrites.eventId(Json.decodeAlert(rec.value())), 1, Integer::sum);
                }
            }
        }
    }

    private static List<HotspotAlert> awaitStreamAlerts(
            RedisCommands<String, String> r, String cell) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<HotspotAlert> alerts =
                    r
                            .xrange(RedisKeys.ALERT_STREAM, io.lettuce.core.Range.create("-", "+"))
                            .stream()
                            .map(
                                    m ->
                                            Json.decodeAlert(
                                                    m.getBody().get(RedisKeys.STREAM_FIELD_ALERT)))
                            .filter(a -> a.cells().contains(cell))
                            .toList();
            if (!alerts.isEmpty()) return alerts;
            Thread.sleep(250);
        }
        return List.of();
    }
}
