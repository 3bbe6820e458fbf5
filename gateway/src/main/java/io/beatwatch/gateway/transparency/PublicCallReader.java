package io.beatwatch.gateway.transparency;

import io.beatwatch.core.model.PublicCall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;

/**
 * The Kafka consumer thread of the public feed and the public page: no consumer group, every
 * partition read from {@code lookback} ago on each start (so state is rebuilt from Kafka), calls
 * handed to a {@link Listener} that republishes every refresh interval.
 */
final class PublicCallReader {

    /** What a reader feeds: the calls, and when to republish. */
    interface Listener {
        /** A call read from the topic. */
        void accept(PublicCall call);

        /** Republishes what was read so far. */
        void publish();

        /** No partition of the topic yet; called before each retry. */
        default void waiting() {}

        /** After each poll, with the number of records it returned. */
        default void polled(int records) {}
    }

    private static final Duration POLL = Duration.ofMillis(500);

    private final Logger log;
    private final String name;
    private final String bootstrap;
    private final String topic;
    private final Duration lookback;
    private final Duration refreshInterval;
    private final Clock clock;
    private final Listener listener;
    private volatile boolean stopped;
    private final Function<Properties, Consumer<String, String>> consumers;
    private volatile Consumer<String, String> consumer;
    private Thread thread;

    /**
     * @param log the owning verticle's logger
     * @param name what is read for, in thread and client names and logs ({@code "public feed"})
     */
    PublicCallReader(
            Logger log,
            String name,
            String bootstrap,
            String topic,
            Duration lookback,
            Duration refreshInterval,
            Clock clock,
            Listener listener) {
        this(
                log,
                name,
                bootstrap,
                topic,
                lookback,
                refreshInterval,
                clock,
                listener,
                p -> new KafkaConsumer<>(p));
    }

    /** As above, with the consumer made by {@code consumers} (unit tests pass a mock consumer). */
    PublicCallReader(
            Logger log,
            String name,
            String bootstrap,
            String topic,
            Duration lookback,
            Duration refreshInterval,
            Clock clock,
            Listener listener,
            Function<Properties, Consumer<String, String>> consumers) {
        this.consumers = consumers;
        this.log = log;
        this.name = name;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.lookback = lookback;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
        this.listener = listener;
    }

    void start() {
        thread = new Thread(this::run, "beatwatch-" + name.replace(' ', '-'));
        thread.setDaemon(true);
        thread.start();
    }

    Future<?> stop(Vertx vertx) {
        stopped = true;
        var c = consumer;
        if (c != null) {
            c.wakeup();
        }
        return vertx.executeBlocking(
                () -> {
                    thread.join(10_000);
                    return null;
                });
    }

    private void run() {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "beatwatch-gateway-" + name.replace(' ', '-'));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        long lastBuild = 0;
        try (var c = consumers.apply(p)) {
            consumer = c;
            while (!stopped && !assign(c)) {
                listener.waiting();
                sleepQuietly(2000);
            }
            while (!stopped) {
                var records = c.poll(POLL);
                for (var r : records) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        listener.accept(io.beatwatch.core.json.Json.decodePublicCall(r.value()));
                    } catch (Exception e) {
                        // The job writes this topic and rejects malformed calls (DLQ); a record
                        // that cannot be read here is skipped.
                    }
                }
                listener.polled(records.count());
                long now = clock.millis();
                if (now - lastBuild >= refreshInterval.toMillis()) {
                    listener.publish();
                    lastBuild = now;
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer.
        } catch (Exception e) {
            if (!stopped) {
                log.error("{} consumer stopped", name, e);
            }
        }
    }

    /** Assigns every partition and seeks to {@code lookback} ago; false if none yet. */
    private boolean assign(Consumer<String, String> c) {
        var infos = c.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        var parts = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(parts);
        long since = clock.instant().minus(lookback).toEpochMilli();
        var query = new HashMap<TopicPartition, Long>();
        parts.forEach(tp -> query.put(tp, since));
        // End offsets first: a partition with no record since then had none between the two
        // calls either, so its end (resolved now, not a lazy seekToEnd) loses nothing written
        // after the lookup.
        var ends = c.endOffsets(parts, Duration.ofSeconds(10));
        var offsets = c.offsetsForTimes(query, Duration.ofSeconds(10));
        for (var tp : parts) {
            OffsetAndTimestamp o = offsets.get(tp);
            c.seek(tp, o != null ? o.offset() : ends.get(tp));
        }
        log.info("{} reads {} partitions of {}", name, parts.size(), topic);
        return true;
    }

    private void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
