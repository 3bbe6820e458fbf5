package io.beatwatch.gateway.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one alert stream reader of this gateway instance: an XREAD BLOCK loop on {@code
 * beatwatch:alerts}, on its own Redis connection (a blocking read would stall a shared one), that
 * parses each entry once and hands it to the {@link LiveHub}. Starts after the newest entry:
 * earlier ones reach consoles by replay.
 */
public final class AlertStreamVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStreamVerticle.class);
    private static final long RETRY_MS = 1000;

    private final RedisClient client;
    private final RedisURI uri;
    private final LiveHub hub;
    private final LiveState state;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Live live;
    private final Clock clock;
    private StatefulRedisConnection<String, String> connection;
    private volatile boolean stopped;
    private StreamId position = StreamId.ZERO;
    private boolean failing;

    public AlertStreamVerticle(
            RedisClient client,
            RedisURI uri,
            LiveHub hub,
            LiveState state,
            GatewayMetrics metrics,
            GatewayConfig.Live live,
            Clock clock) {
        this.client = client;
        this.uri = uri;
        this.hub = hub;
        this.state = state;
        this.metrics = metrics;
        this.live = live;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return Async.on(context, client.connectAsync(StringCodec.UTF8, uri))
                .compose(
                        c -> {
                            connection = c;
                            return Async.on(
                                    context,
                                    c.async()
                                            .xrevrange(
                                                    RedisKeys.ALERT_STREAM,
                                                    Range.create("-", "+"),
                                                    Limit.from(1)));
                        })
                .map(
                        newest -> {
                            if (!newest.isEmpty()) {
                                position = StreamId.of(newest.get(0).getId());
                            }
                            state.readerPosition(position, clock.instant());
                            LOG.info("alert stream reader starts after id {}", position);
                            read();
                            return null;
                        });
    }

    private void read() {
        if (stopped) {
            return;
        }
        var args = XReadArgs.Builder.block(live.streamBlock().toMillis()).count(live.streamBatch());
        Async.on(
                        context,
                        connection
                                .async()
                                .xread(
                                        args,
                                        XReadArgs.StreamOffset.from(
                                                RedisKeys.ALERT_STREAM, position.toString())))
                .onSuccess(
                        msgs -> {
                            if (failing) {
                                LOG.info("alert stream reader recovered at id {}", position);
                                failing = false;
                            }
                            deliver(msgs);
                            read();
                        })
                .onFailure(
                        e -> {
                            if (stopped) {
                                return;
                            }
                            metrics.streamReadError();
                            if (!failing) {
                                LOG.warn("alert stream read failed, retrying: {}", e.toString());
                                failing = true;
                            }
                            vertx.setTimer(RETRY_MS, t -> read());
                        });
    }

    private void deliver(List<StreamMessage<String, String>> msgs) {
        if (msgs == null || msgs.isEmpty()) {
            return;
        }
        var events = new ArrayList<AlertEvent>(msgs.size());
        Instant now = clock.instant();
        for (var m : msgs) {
            var id = StreamId.of(m.getId());
            if (!id.isAfter(position)) {
                continue;
            }
            position = id;
            JsonNode alert = AlertEvent.alertJson(m.getBody());
            Optional<AlertEvent> event;
            try {
                event = AlertEvent.fromAlert(id, alert);
            } catch (RuntimeException e) {
                event = Optional.empty();
            }
            if (event.isEmpty()) {
                metrics.alertMalformed();
                continue;
            }
            events.add(event.get());
            // per-stage delays on /metrics: the job's emit to the append, the append to this read
            Instant appended = Instant.ofEpochMilli(id.millis());
            metrics.alertRead(
                    emittedAt(alert).map(t -> Duration.between(t, appended)).orElse(null),
                    Duration.between(appended, now));
        }
        metrics.alertsRead(msgs.size());
        state.readerPosition(position, clock.instant());
        hub.publishAlerts(events);
    }

    private static Optional<Instant> emittedAt(JsonNode alert) {
        var t = alert.path("emittedAt");
        if (!t.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(t.asText()));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        if (connection == null) {
            return Future.succeededFuture();
        }
        return Async.on(context, connection.closeAsync());
    }
}
