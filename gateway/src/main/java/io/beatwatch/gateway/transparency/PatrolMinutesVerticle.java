package io.beatwatch.gateway.transparency;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.internal.Async;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Republishes the public patrol-minutes feed every refresh interval: reads the dosage summary hash
 * of each published day from Redis ({@code HGETALL}, never the per-cell dosage hashes) and hands
 * them to the {@link PatrolMinutesAggregator}. A failed read keeps the previous feed.
 */
public final class PatrolMinutesVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(PatrolMinutesVerticle.class);

    private final RedisAsyncCommands<String, String> redis;
    private final PatrolMinutesAggregator aggregator;
    private final FeedClock clock;
    private final Duration refreshInterval;
    private final AtomicReference<PatrolMinutesSnapshot> current;
    private long timer = -1;
    private boolean reading;

    public PatrolMinutesVerticle(
            RedisAsyncCommands<String, String> redis,
            PatrolMinutesAggregator aggregator,
            FeedClock clock,
            Duration refreshInterval,
            AtomicReference<PatrolMinutesSnapshot> current) {
        this.redis = redis;
        this.aggregator = aggregator;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
        this.current = current;
    }

    @Override
    public Future<?> start() {
        current.compareAndSet(null, PatrolMinutesAggregator.empty(clock.wallNow()));
        timer = vertx.setPeriodic(0, refreshInterval.toMillis(), t -> refresh());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    private void refresh() {
        if (reading) {
            return;
        }
        reading = true;
        var wallNow = clock.wallNow();
        var feedNow = clock.now();
        List<LocalDate> dates = aggregator.days(feedNow);
        var reads = new ArrayList<Future<Map<String, String>>>();
        for (var d : dates) {
            reads.add(Async.on(context, redis.hgetall(RedisKeys.dosageSummary(d.toString()))));
        }
        Future.all(reads)
                .onComplete(
                        done -> {
                            reading = false;
                            if (done.failed()) {
                                LOG.warn(
                                        "patrol minutes feed not refreshed (Redis read failed: {})",
                                        done.cause().toString());
                                return;
                            }
                            var byDate = new HashMap<LocalDate, Map<String, String>>();
                            for (int i = 0; i < dates.size(); i++) {
                                byDate.put(dates.get(i), reads.get(i).result());
                            }
                            current.set(aggregator.build(wallNow, feedNow, byDate));
                        });
    }
}
