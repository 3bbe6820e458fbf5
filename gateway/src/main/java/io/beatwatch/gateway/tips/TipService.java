package io.beatwatch.gateway.tips;

import io.beatwatch.core.model.Tip;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.internal.KafkaPublisher;
import io.beatwatch.gateway.view.Hexes;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes accepted tips to Kafka ({@code beatwatch.tips}, keyed by tip id) and, once Kafka has
 * them, keeps a copy for the supervisor's tip detail in Redis with a TTL. Logs ids only.
 */
public final class TipService {

    private static final Logger LOG = LoggerFactory.getLogger(TipService.class);

    /** At most this many tip ids are kept per cell. */
    static final int MAX_TIPS_PER_CELL = 200;

    private final KafkaPublisher kafka;
    private final RedisAsyncCommands<String, String> redis;
    private final String topic;
    private final GatewayConfig.Tips config;

    public TipService(
            KafkaPublisher kafka,
            RedisAsyncCommands<String, String> redis,
            String topic,
            GatewayConfig.Tips config) {
        this.kafka = kafka;
        this.redis = redis;
        this.topic = topic;
        this.config = config;
    }

    /** Publishes the tip; completes when Kafka acknowledged it. */
    public Future<Void> publish(Context ctx, Tip tip) {
        var json = Json.write(tip);
        return kafka.send(topic, tip.id(), json)
                .onSuccess(md -> keepDetail(ctx, tip, json))
                .mapEmpty();
    }

    /** Best effort: the tip is already safe in Kafka, this copy only serves the detail view. */
    private void keepDetail(Context ctx, Tip tip, String json) {
        long ttl = config.detailTtl().toSeconds();
        var cell = Hexes.cellAt(tip.lat(), tip.lon(), config.cellResolution());
        var cellKey = RedisKeys.cellTips(cell);
        var score = (double) tip.receivedAt().toEpochMilli();
        Future.all(
                        Async.on(ctx, redis.setex(RedisKeys.tip(tip.id()), ttl, json)),
                        Async.on(ctx, redis.zadd(cellKey, score, tip.id())),
                        Async.on(ctx, redis.zremrangebyrank(cellKey, 0, -(MAX_TIPS_PER_CELL + 1))),
                        Async.on(ctx, redis.expire(cellKey, ttl)))
                .onFailure(e -> LOG.warn("tip {} detail not stored: {}", tip.id(), e.toString()));
    }
}
