package io.beatwatch.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.PublicCall;
import io.beatwatch.gateway.testing.TestClock;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The public feeds' consumer thread on Kafka's mock consumer: where it starts, what it hands on.
 */
class PublicCallReaderTest {

    static final String TOPIC = "beatwatch.public-calls";
    static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");
    static final Duration LOOKBACK = Duration.ofHours(26);
    static final Duration REFRESH = Duration.ofMinutes(1);
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    /** A mock consumer that answers the time look-up with fixed offsets and records the query. */
    static final class Consumer extends MockConsumer<String, String> {
        final AtomicReference<Map<TopicPartition, Long>> timesAsked = new AtomicReference<>();
        final Map<TopicPartition, OffsetAndTimestamp> offsets;

        Consumer(Map<TopicPartition, OffsetAndTimestamp> offsets) {
            super("earliest");
            this.offsets = offsets;
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
                Map<TopicPartition, Long> query, Duration timeout) {
            timesAsked.set(Map.copyOf(query));
            var out = new java.util.HashMap<TopicPartition, OffsetAndTimestamp>();
            query.keySet().forEach(tp -> out.put(tp, offsets.get(tp)));
            return out;
        }
    }

    /** What the reader hands on. */
    static final class Recorder implements PublicCallReader.Listener {
        final List<PublicCall> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger publishes = new AtomicInteger();
        final AtomicInteger records = new AtomicInteger();
        private CompletableFuture<Void> seen = new CompletableFuture<>();
        private int want;

        @Override
        public void accept(PublicCall call) {
            calls.add(call);
        }

        @Override
        public void publish() {
            publishes.incrementAndGet();
        }

        @Override
        public synchronized void polled(int n) {
            records.addAndGet(n);
            if (calls.size() >= want) seen.complete(null);
        }

        void awaitCalls(int n) throws Exception {
            CompletableFuture<Void> f;
            synchronized (this) {
                want = n;
                seen = new CompletableFuture<>();
                if (calls.size() >= n) seen.complete(null);
                f = seen;
            }
            f.get(5, TimeUnit.SECONDS);
        }
    }

    static String call(String id, int minute) {
        return Json.encode(
                new PublicCall(
                        PublicCall.VERSION,
                        id,
                        T0.minusSeconds(60L * minute),
                        29.42,
                        -98.49,
                        false,
                        false,
                        "NORTH"));
    }

    static ConsumerRecord<String, String> record(TopicPartition tp, long offset, String value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, null, value);
    }

    Vertx vertx;
    TestClock clock;
    Recorder listener;
    Consumer consumer;
    final List<Properties> made = new ArrayList<>();
    PublicCallReader reader;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        clock = new TestClock(T0);
        listener = new Recorder();
        // partition 0 has a record since the lookback at offset 2; partition 1 none (its end: 3)
        consumer =
                new Consumer(
                        Collections.singletonMap(
                                P0, new OffsetAndTimestamp(2, T0.minus(LOOKBACK).toEpochMilli())));
        consumer.updatePartitions(
                TOPIC,
                List.of(
                        new PartitionInfo(TOPIC, 0, null, null, null),
                        new PartitionInfo(TOPIC, 1, null, null, null)));
        consumer.updateEndOffsets(Map.of(P0, 5L, P1, 3L));
        reader =
                new PublicCallReader(
                        LoggerFactory.getLogger(PublicCallReaderTest.class),
                        "public feed",
                        "localhost:1",
                        TOPIC,
                        LOOKBACK,
                        REFRESH,
                        clock,
                        listener,
                        p -> {
                            made.add(p);
                            return consumer;
                        });
    }

    @AfterEach
    void stop() throws Exception {
        reader.stop(vertx).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void readsEveryPartitionFromTheLookbackOrItsEndAndHandsOnTheCallsItCanRead() throws Exception {
        consumer.schedulePollTask(
                () -> {
                    consumer.addRecord(record(P0, 1, call("before-lookback", 1600)));
                    consumer.addRecord(record(P0, 2, call("a", 30)));
                    consumer.addRecord(record(P0, 3, null));
                    consumer.addRecord(record(P0, 4, "{not a call"));
                    consumer.addRecord(record(P1, 2, call("before-end", 20)));
                    consumer.addRecord(record(P1, 3, call("b", 10)));
                });
        reader.start();
        listener.awaitCalls(2);

        assertThat(listener.calls).extracting(PublicCall::id).containsExactlyInAnyOrder("a", "b");
        assertThat(listener.records.get()).isEqualTo(4);
        assertThat(consumer.assignment()).containsExactlyInAnyOrder(P0, P1);
        assertThat(consumer.timesAsked.get())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                P0, T0.minus(LOOKBACK).toEpochMilli(),
                                P1, T0.minus(LOOKBACK).toEpochMilli()));

        var p = made.get(0);
        assertThat(p.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("localhost:1");
        assertThat(p.get(ConsumerConfig.CLIENT_ID_CONFIG))
                .isEqualTo("beatwatch-gateway-public-feed");
        assertThat(p.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).isEqualTo(false);
        assertThat(p.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)).isEqualTo("earliest");
        assertThat(p.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)).isEqualTo(5000);
        assertThat(p).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }

    /** Waits until the reader polls again: everything its previous poll caused has run. */
    void awaitNextPoll() throws Exception {
        var next = new CompletableFuture<Void>();
        consumer.schedulePollTask(() -> next.complete(null));
        next.get(5, TimeUnit.SECONDS);
    }

    @Test
    void republishesOnceARefreshIntervalHasPassedOnTheClock() throws Exception {
        reader.start();
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 2, call("a", 30))));
        listener.awaitCalls(1);
        awaitNextPoll();
        assertThat(listener.publishes.get()).isEqualTo(1);

        clock.set(T0.plus(REFRESH).minusMillis(1));
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 3, call("b", 29))));
        listener.awaitCalls(2);
        awaitNextPoll();
        assertThat(listener.publishes.get()).isEqualTo(1);

        clock.set(T0.plus(REFRESH));
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 4, call("c", 28))));
        listener.awaitCalls(3);
        awaitNextPoll();
        assertThat(listener.publishes.get()).isEqualTo(2);
    }
}
