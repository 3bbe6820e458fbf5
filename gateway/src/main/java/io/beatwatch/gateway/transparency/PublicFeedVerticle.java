package io.beatwatch.gateway.transparency;

import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link PublicFeedAggregator} from Kafka {@code beatwatch.public-calls} (the job's
 * calls, sensitivity decided at decode; never the raw {@code beatwatch.cfs}) on a dedicated thread
 * (a Kafka consumer blocks) and republishes the feed every refresh interval. No consumer group:
 * each gateway instance reads every partition from {@code delay + period + 1 h} ago, so its state
 * is rebuilt from Kafka on every start. It also moves the {@link FeedClock} the other public feeds
 * share.
 */
public final class PublicFeedVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(PublicFeedVerticle.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrap;
    private final String topic;
    private final GatewayConfig.PublicFeed config;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final AtomicReference<PublicSnapshot> current;
    private final FeedClock feedClock;
    private volatile boolean stopped;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public PublicFeedVerticle(
            String bootstrap,
            String topic,
            GatewayConfig.PublicFeed config,
            GatewayMetrics metrics,
            Clock clock,
            AtomicReference<PublicSnapshot> current,
            FeedClock feedClock) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.current = current;
        this.feedClock = feedClock;
    }

    @Override
    public Future<?> start() {
        current.compareAndSet(null, PublicFeedAggregator.empty(clock.instant()));
        thread = new Thread(this::run, "beatwatch-public-feed");
        thread.setDaemon(true);
        thread.start();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
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
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "beatwatch-gateway-public-feed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        var aggregator = new PublicFeedAggregator(config);
        long lastBuild = 0;
        try (var c = new KafkaConsumer<String, String>(p)) {
            consumer = c;
            while (!stopped && !assign(c)) {
                publish(aggregator);
                sleepQuietly(2000);
            }
            while (!stopped) {
                var records = c.poll(POLL);
                for (var r : records) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        aggregator.accept(io.beatwatch.core.json.Json.decodePublicCall(r.value()));
                    } catch (Exception e) {
                        // The job writes this topic; a record it cannot read is skipped.
                    }
                }
                metrics.publicFeedRecords(records.count());
                feedClock.observe(aggregator.newestSeen());
                long now = clock.millis();
                if (now - lastBuild >= config.refreshInterval().toMillis()) {
                    publish(aggregator);
                    lastBuild = now;
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer.
        } catch (Exception e) {
            if (!stopped) {
                LOG.error("public feed consumer stopped", e);
            }
        }
    }

    private void publish(PublicFeedAggregator aggregator) {
        var snap = aggregator.build(clock.instant());
        current.set(snap);
        metrics.publicFeedCells(snap.cells());
    }

    /** Assigns every partition and seeks to {@code delay + period + 1 h} ago; false if none yet. */
    private boolean assign(KafkaConsumer<String, String> c) {
        var infos = c.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        var parts = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(parts);
        long since =
                clock.instant()
                        .minus(config.delay())
                        .minus(config.period())
                        .minus(PublicFeedAggregator.RETAIN_SLACK)
                        .toEpochMilli();
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
        LOG.info("public feed reads {} partitions of {}", parts.size(), topic);
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
