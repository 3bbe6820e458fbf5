package io.beatwatch.gateway.transparency;

import io.beatwatch.core.model.PublicCall;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

    private final GatewayMetrics metrics;
    private final Clock clock;
    private final AtomicReference<PublicSnapshot> current;
    private final FeedClock feedClock;
    private final PublicFeedAggregator aggregator;
    private final PublicCallReader reader;

    public PublicFeedVerticle(
            String bootstrap,
            String topic,
            GatewayConfig.PublicFeed config,
            GatewayMetrics metrics,
            Clock clock,
            AtomicReference<PublicSnapshot> current,
            FeedClock feedClock) {
        this(
                bootstrap,
                topic,
                config,
                metrics,
                clock,
                current,
                feedClock,
                p -> new KafkaConsumer<>(p));
    }

    /** As above, with the feed's consumer made by {@code consumers} (unit tests). */
    PublicFeedVerticle(
            String bootstrap,
            String topic,
            GatewayConfig.PublicFeed config,
            GatewayMetrics metrics,
            Clock clock,
            AtomicReference<PublicSnapshot> current,
            FeedClock feedClock,
            Function<Properties, Consumer<String, String>> consumers) {
        this.metrics = metrics;
        this.clock = clock;
        this.current = current;
        this.feedClock = feedClock;
        this.aggregator = new PublicFeedAggregator(config);
        this.reader =
                new PublicCallReader(
                        LOG,
                        "public feed",
                        bootstrap,
                        topic,
                        config.delay()
                                .plus(config.period())
                                .plus(PublicFeedAggregator.RETAIN_SLACK),
                        config.refreshInterval(),
                        clock,
                        new PublicCallReader.Listener() {
                            @Override
                            public void accept(PublicCall call) {
                                aggregator.accept(call);
                            }

                            @Override
                            public void publish() {
                                PublicFeedVerticle.this.publish();
                            }

                            @Override
                            public void waiting() {
                                PublicFeedVerticle.this.publish();
                            }

                            @Override
                            public void polled(int records) {
                                metrics.publicFeedRecords(records);
                                feedClock.observe(aggregator.newestSeen());
                            }
                        },
                        consumers);
    }

    @Override
    public Future<?> start() {
        current.compareAndSet(null, PublicFeedAggregator.empty(clock.instant()));
        reader.start();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return reader.stop(vertx);
    }

    private void publish() {
        var snap = aggregator.build(clock.instant());
        current.set(snap);
        metrics.publicFeedCells(snap.cells());
    }
}
