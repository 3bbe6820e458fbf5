package io.beatwatch.gateway.transparency;

import io.beatwatch.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
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
 * Feeds the {@link DailyAggregator} of the public page from Kafka {@code beatwatch.cfs} on a
 * dedicated thread and republishes the page's data and downloads every refresh interval. Like the
 * public feed's consumer it has no consumer group: it reads every partition from {@code historyDays
 * + 2} days ago on each start, so its state is rebuilt from Kafka.
 */
public final class PublicPageVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(PublicPageVerticle.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrap;
    private final String topic;
    private final GatewayConfig.PublicFeed feed;
    private final GatewayConfig.PublicPage page;
    private final ZoneId zone;
    private final Clock clock;
    private final AtomicReference<PublicPageSnapshot> current;
    private volatile boolean stopped;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public PublicPageVerticle(
            String bootstrap,
            String topic,
            GatewayConfig.PublicFeed feed,
            GatewayConfig.PublicPage page,
            ZoneId zone,
            Clock clock,
            AtomicReference<PublicPageSnapshot> current) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.feed = feed;
        this.page = page;
        this.zone = zone;
        this.clock = clock;
        this.current = current;
    }

    @Override
    public Future<?> start() {
        current.compareAndSet(null, DailyDownloads.empty(clock.instant(), feed, page));
        thread = new Thread(this::run, "beatwatch-public-page");
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
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "beatwatch-gateway-public-page");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        var aggregator = new DailyAggregator(feed, page.historyDays(), zone);
        long lastBuild = 0;
        try (var c = new KafkaConsumer<String, String>(p)) {
            consumer = c;
            while (!stopped && !assign(c)) {
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
                        // Malformed calls are the job's to reject (DLQ); the page just skips them.
                    }
                }
                long now = clock.millis();
                if (now - lastBuild >= feed.refreshInterval().toMillis()) {
                    publish(aggregator);
                    lastBuild = now;
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer.
        } catch (Exception e) {
            if (!stopped) {
                LOG.error("public page consumer stopped", e);
            }
        }
    }

    private void publish(DailyAggregator aggregator) {
        var figures = aggregator.build(clock.instant());
        var trends = DistrictTrends.of(figures, page.trendDays(), page.baselineDays());
        current.set(DailyDownloads.render(figures, trends, feed, page));
    }

    /** Assigns every partition and seeks to {@code historyDays + 2} days ago; false if none yet. */
    private boolean assign(KafkaConsumer<String, String> c) {
        var infos = c.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        var parts = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(parts);
        long since = clock.instant().minus(Duration.ofDays(page.historyDays() + 2L)).toEpochMilli();
        var query = new HashMap<TopicPartition, Long>();
        parts.forEach(tp -> query.put(tp, since));
        var ends = c.endOffsets(parts, Duration.ofSeconds(10));
        var offsets = c.offsetsForTimes(query, Duration.ofSeconds(10));
        for (var tp : parts) {
            OffsetAndTimestamp o = offsets.get(tp);
            c.seek(tp, o != null ? o.offset() : ends.get(tp));
        }
        LOG.info("public page reads {} partitions of {}", parts.size(), topic);
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
