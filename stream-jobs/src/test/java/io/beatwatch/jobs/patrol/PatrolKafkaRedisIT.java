package io.beatwatch.jobs.patrol;

import static io.beatwatch.jobs.patrol.PatrolJobIT.BOUNDS;
import static io.beatwatch.jobs.patrol.PatrolJobIT.POLICY;
import static io.beatwatch.jobs.patrol.PatrolJobIT.SOLO_CELL;
import static io.beatwatch.jobs.patrol.PatrolJobIT.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.patrol.PatrolPlanner;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.KafkaIo;
import io.beatwatch.jobs.io.Topics;
import io.beatwatch.jobs.redis.RedisSink;
import io.beatwatch.jobs.redis.ViewWrites;
import io.beatwatch.jobs.testkit.JobDiagnostics;
import io.beatwatch.jobs.testkit.MiniClusterExtension;
import io.beatwatch.testkit.KafkaBroker;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServer;
import io.beatwatch.testkit.RedisServerExtension;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The patrol path against a real Kafka broker and Redis server: calls in Kafka become suggestions
 * in the Redis stream, the district hash and {@code beatwatch.suggestions}; a dispatcher's decline
 * on {@code beatwatch.patrol-feedback} keeps the place out of later rounds and shows in the dosage.
 */
class PatrolKafkaRedisIT {

    /** A failover (a slow Redis or broker on a loaded machine) restarts within a second. */
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new Configuration()
                            .set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay")
                            .set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20)
                            .set(
                                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                                    Duration.ofSeconds(1)));

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration WAIT =
            Duration.ofSeconds(Long.getLong("beatwatch.it.waitSeconds", 180));

    @Test
    void suggestionsReachRedisAndKafkaAndADeclineKeepsThePlaceOut() throws Exception {
        KafkaBroker kafka = KAFKA.broker();
        RedisServer redis = REDIS.server();
        Topics topics = Topics.defaults(kafka.bootstrapServers());
        // calls on two partitions, one per reader, both with calls all along: every channel
        // carries data, so no input goes idle (see the job config below)
        kafka.createTopics(2, topics.calls());
        kafka.createTopics(
                1,
                topics.tips(),
                topics.alerts(),
                topics.dlq(),
                topics.patrolFeedback(),
                topics.suggestions());
        List<RawRecord> city = PatrolJobIT.smallCity();
        // calls up to 11 min: the watermark passes the first round (T0), not the second (15 min)
        Instant split = T0.plusSeconds(12 * 60);
        Instant end = T0.plusSeconds(4 * 3600);

        var patrol = new PatrolJobConfig(POLICY, null, Duration.ZERO, Duration.ofSeconds(1), false);
        var job =
                new HotspotJob(
                        // no idleness: after an idle spell, the planner's input channels turn
                        // active one by one and a burst of backlog spanning more than the
                        // out-of-orderness bound can then reach it out of order across channels
                        // (rounds skipped while catching up; PATROL.md). This test replays such
                        // bursts, so it keeps every channel active instead.
                        HotspotJobConfig.defaults(BOUNDS, Set.of())
                                .withoutIdleness()
                                .withDetection(DetectionConfig.defaults().withBaseline(7, 1, 3))
                                .withCheckpointInterval(Duration.ofSeconds(1))
                                .withSource("test"),
                        env -> KafkaIo.input(env, topics),
                        new HotspotJob.Sinks(
                                List.of(),
                                List.of(),
                                List.of(),
                                List.of(
                                        new RedisSink<>(
                                                redis.uri(),
                                                ViewWrites.suggestions(
                                                        RedisKeys.SUGGESTION_STREAM_MAX_LEN)),
                                        KafkaIo.suggestionSink(topics)),
                                List.of(
                                        new RedisSink<>(
                                                redis.uri(), ViewWrites.suggestionBoards())),
                                List.of(new RedisSink<>(redis.uri(), ViewWrites.dosage()))),
                        patrol,
                        env -> KafkaIo.feedback(env, topics));
        JobClient client = job.executeAsync(FLINK.environment(), "patrol-kafka-redis-it");
        RedisClient lettuce = RedisClient.create(redis.uri());
        try (var connection = lettuce.connect();
                KafkaProducer<String, String> producer = kafka.newProducer()) {
            RedisCommands<String, String> r = connection.sync();

            // the first minutes of calls: the first round (at T0) puts SOLO's only cell up
            produce(producer, topics, city, Instant.MIN, split);
            String first = PatrolPlanner.suggestionId(SOLO_CELL, T0.toEpochMilli());
            await(
                    client,
                    () -> r.hexists(RedisKeys.suggestions("SOLO"), first),
                    () ->
                            "first suggestion; SOLO board "
                                    + r.hgetall(RedisKeys.suggestions("SOLO")).keySet()
                                    + ", SOLO in the stream at "
                                    + soloTimes(r));
            PatrolSuggestion s = Json.decodeSuggestion(r.get(RedisKeys.suggestion(first)));
            assertThat(s.district()).isEqualTo("SOLO");
            assertThat(s.cell()).isEqualTo(SOLO_CELL);

            // the dispatcher declines it 5 minutes in; wait until the job has read it (its offset
            // is committed at a checkpoint, so the planner holds it) before time moves on
            producer.send(
                    new ProducerRecord<>(
                            topics.patrolFeedback(),
                            first,
                            PatrolJobIT.feedback(
                                    first,
                                    io.beatwatch.core.model.PatrolFeedback.Action.DECLINED,
                                    5)));
            producer.flush();
            var feedbackPartition = new TopicPartition(topics.patrolFeedback(), 0);
            await(
                    client,
                    () -> {
                        try {
                            OffsetAndMetadata o =
                                    kafka.admin()
                                            .listConsumerGroupOffsets(topics.groupId())
                                            .partitionsToOffsetAndMetadata()
                                            .get()
                                            .get(feedbackPartition);
                            return o != null && o.offset() >= 1;
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "feedback offset committed");

            produce(producer, topics, city, split, end);
            Instant back = T0.plusSeconds(135 * 60);
            await(
                    client,
                    () -> soloTimes(r).stream().anyMatch(t -> !t.isBefore(back)),
                    () -> "SOLO suggested again; SOLO in the stream at " + soloTimes(r));

            // unanswered it would have come back at 75 min; declined, not before 135
            List<Instant> times = soloTimes(r);
            assertThat(times.get(0)).isEqualTo(T0);
            assertThat(times.get(1)).isEqualTo(back);
            var summary = Json.tree(r.hget(RedisKeys.dosageSummary("2026-03-02"), "SOLO"));
            assertThat(summary.get("declined").asInt()).isEqualTo(1);
            assertThat(r.hget(RedisKeys.dosage("SOLO", "2026-03-02"), SOLO_CELL)).isNotNull();
            var logged = kafka.consume(topics.suggestions(), times.size(), WAIT);
            assertThat(logged).anyMatch(rec -> "SOLO".equals(rec.key()));
            assertThat(r.smembers(RedisKeys.DISTRICTS)).contains("SOLO");
        } finally {
            client.cancel().get();
            lettuce.shutdown();
        }
    }

    private static void produce(
            KafkaProducer<String, String> producer,
            Topics topics,
            List<RawRecord> city,
            Instant from,
            Instant to) {
        for (RawRecord rec : city) {
            Instant t = Instant.ofEpochMilli(rec.eventTimeMillis);
            if (t.isBefore(from) || !t.isBefore(to)) continue;
            // SOLO's calls on partition 0, the other districts' on 1
            int partition = rec.payload.contains("\"SOLO\"") ? 0 : 1;
            producer.send(new ProducerRecord<>(topics.calls(), partition, null, rec.payload));
        }
        producer.flush();
    }

    private static List<Instant> soloTimes(RedisCommands<String, String> r) {
        return r.xrange(RedisKeys.SUGGESTION_STREAM, Range.create("-", "+")).stream()
                .map(m -> Json.decodeSuggestion(m.getBody().get(RedisKeys.STREAM_FIELD_SUGGESTION)))
                .filter(x -> "SOLO".equals(x.district()))
                .map(PatrolSuggestion::createdAt)
                .sorted()
                .toList();
    }

    /** Waits for {@code condition}; fails at once, with the cause, if the job has failed. */
    private static void await(JobClient job, BooleanSupplier condition, Supplier<String> what)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            JobStatus status = job.getJobStatus().get();
            if (status.isGloballyTerminalState()) {
                try {
                    job.getJobExecutionResult().get();
                } catch (Exception e) {
                    throw new AssertionError("job " + status + " waiting for " + what.get(), e);
                }
                throw new AssertionError("job " + status + " waiting for " + what.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out waiting for "
                                + what.get()
                                + "\n"
                                + JobDiagnostics.describe(
                                        FLINK.clientConfiguration(), job.getJobID()));
            }
            Thread.sleep(200);
        }
    }
}
