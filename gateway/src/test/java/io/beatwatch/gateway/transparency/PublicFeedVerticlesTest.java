package io.beatwatch.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.beatwatch.gateway.testing.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The public feed's and the public page's verticles on Kafka's mock consumer. */
class PublicFeedVerticlesTest {

    static final String TOPIC = PublicCallReaderTest.TOPIC;
    static final GatewayConfig.PublicFeed FEED = GatewayConfig.PublicFeed.defaults();
    static final GatewayConfig.PublicPage PAGE = GatewayConfig.PublicPage.defaults();

    Vertx vertx;
    TestClock clock;
    PublicCallReaderTest.Consumer consumer;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        clock = new TestClock(PublicCallReaderTest.T0);
        consumer = new PublicCallReaderTest.Consumer(Map.of());
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.updateEndOffsets(Map.of(PublicCallReaderTest.P0, 0L));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    void awaitUntil(BooleanSupplier done) throws Exception {
        var reached = new CompletableFuture<Void>();
        long timer =
                vertx.setPeriodic(
                        1,
                        id -> {
                            if (done.getAsBoolean()) reached.complete(null);
                        });
        try {
            reached.get(5, TimeUnit.SECONDS);
        } finally {
            vertx.cancelTimer(timer);
        }
    }

    void sixCallsTwoAndAHalfHoursAgoAndOneNow() {
        consumer.schedulePollTask(
                () -> {
                    for (int i = 0; i < 6; i++) {
                        consumer.addRecord(
                                PublicCallReaderTest.record(
                                        PublicCallReaderTest.P0,
                                        i,
                                        PublicCallReaderTest.call("c" + i, 150)));
                    }
                    consumer.addRecord(
                            PublicCallReaderTest.record(
                                    PublicCallReaderTest.P0,
                                    6,
                                    PublicCallReaderTest.call("now", 1)));
                });
    }

    @Test
    void theFeedPublishesWhatItReadMovesTheFeedClockAndCountsRecords() throws Exception {
        var registry = new SimpleMeterRegistry();
        var current = new AtomicReference<PublicSnapshot>();
        var feedClock = new FeedClock(clock);
        var verticle =
                new PublicFeedVerticle(
                        "localhost:1",
                        TOPIC,
                        FEED,
                        new GatewayMetrics(registry),
                        clock,
                        current,
                        feedClock,
                        p -> consumer);
        sixCallsTwoAndAHalfHoursAgoAndOneNow();
        String id = await(vertx.deployVerticle(verticle));
        var records = registry.get(GatewayMetrics.PUBLIC_FEED_RECORDS).counter();
        // the records are counted, then the feed clock moves, after each poll
        awaitUntil(
                () ->
                        records.count() >= 7
                                && feedClock
                                        .now()
                                        .equals(PublicCallReaderTest.T0.minusSeconds(60)));

        // the reader started the delay + period + slack ago
        assertThat(consumer.timesAsked.get())
                .containsEntry(
                        PublicCallReaderTest.P0,
                        PublicCallReaderTest.T0
                                .minus(FEED.delay())
                                .minus(FEED.period())
                                .minus(PublicFeedAggregator.RETAIN_SLACK)
                                .toEpochMilli());
        assertThat(records.count()).isEqualTo(7.0);
        // the first publish of this clock's minute came before the calls; the next one is due
        clock.set(PublicCallReaderTest.T0.plus(FEED.refreshInterval()));
        var cells = registry.get(GatewayMetrics.PUBLIC_FEED_CELLS).gauge();
        // the snapshot is set, then its cells are measured
        awaitUntil(() -> current.get().cells() > 0 && cells.value() > 0);
        assertThat(current.get().cells()).isEqualTo(1);
        assertThat(cells.value()).isEqualTo(1.0);

        await(vertx.undeploy(id));
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void thePagePublishesItsFiguresFromTheHistoryItRead() throws Exception {
        var current = new AtomicReference<PublicPageSnapshot>();
        var verticle =
                new PublicPageVerticle(
                        "localhost:1",
                        TOPIC,
                        FEED,
                        PAGE,
                        ZoneOffset.UTC,
                        clock,
                        current,
                        p -> consumer);
        String id = await(vertx.deployVerticle(verticle));
        // the empty page first (the reader's first poll may already have replaced it), then the
        // figures of the history read
        assertThat(current.get()).isNotNull();
        awaitUntil(() -> !current.get().pageJson().contains("\"status\":\"starting\""));
        assertThat(current.get().cellDays()).isZero();
        assertThat(consumer.timesAsked.get())
                .containsEntry(
                        PublicCallReaderTest.P0,
                        PublicCallReaderTest.T0
                                .minus(Duration.ofDays(PAGE.historyDays() + 2L))
                                .toEpochMilli());
        await(vertx.undeploy(id));
        assertThat(consumer.closed()).isTrue();
    }
}
