package io.beatwatch.gateway.transparency;

import io.beatwatch.core.model.PublicCall;
import io.beatwatch.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

    private final GatewayConfig.PublicFeed feed;
    private final GatewayConfig.PublicPage page;
    private final Clock clock;
    private final AtomicReference<PublicPageSnapshot> current;
    private final DailyAggregator aggregator;
    private final PublicCallReader reader;

    public PublicPageVerticle(
            String bootstrap,
            String topic,
            GatewayConfig.PublicFeed feed,
            GatewayConfig.PublicPage page,
            ZoneId zone,
            Clock clock,
            AtomicReference<PublicPageSnapshot> current) {
        this(bootstrap, topic, feed, page, zone, clock, current, p -> new KafkaConsumer<>(p));
    }

    /** As above, with the feed's consumer made by {@code consumers} (unit tests). */
    PublicPageVerticle(
            String bootstrap,
            String topic,
            GatewayConfig.PublicFeed feed,
            GatewayConfig.PublicPage page,
            ZoneId zone,
            Clock clock,
            AtomicReference<PublicPageSnapshot> current,
            Function<Properties, Consumer<String, String>> consumers) {
        this.feed = feed;
        this.page = page;
        this.clock = clock;
        this.current = current;
        this.aggregator = new DailyAggregator(feed, page.historyDays(), zone);
        this.reader =
                new PublicCallReader(
                        LOG,
                        "public page",
                        bootstrap,
                        topic,
                        Duration.ofDays(page.historyDays() + 2L),
                        feed.refreshInterval(),
                        clock,
                        new PublicCallReader.Listener() {
                            @Override
                            public void accept(PublicCall call) {
                                aggregator.accept(call);
                            }

                            @Override
                            public void publish() {
                                PublicPageVerticle.this.publish();
                            }
                        },
                        consumers);
    }

    @Override
    public Future<?> start() {
        current.compareAndSet(null, DailyDownloads.empty(clock.instant(), feed, page));
        reader.start();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return reader.stop(vertx);
    }

    private void publish() {
        var figures = aggregator.build(clock.instant());
        var trends = DistrictTrends.of(figures, page.trendDays(), page.baselineDays());
        current.set(DailyDownloads.render(figures, trends, feed, page));
    }
}
