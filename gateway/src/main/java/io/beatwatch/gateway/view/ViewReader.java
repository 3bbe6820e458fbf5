package io.beatwatch.gateway.view;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.live.StreamId;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asynchronous reads of the Redis view on one shared Lettuce connection (commands are pipelined by
 * Lettuce); every future completes on the caller's Vert.x context.
 */
public final class ViewReader {

    private final RedisAsyncCommands<String, String> redis;

    public ViewReader(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    public RedisAsyncCommands<String, String> commands() {
        return redis;
    }

    public Future<Set<String>> districts(Context ctx) {
        return Async.on(ctx, redis.smembers(RedisKeys.DISTRICTS));
    }

    /** The top cells of a district and window, best first, with their scores. */
    public Future<List<ScoredValue<String>>> ranked(
            Context ctx, String district, int window, int top) {
        return Async.on(
                ctx, redis.zrevrangeWithScores(RedisKeys.ranked(district, window), 0, top - 1));
    }

    public Future<Map<String, String>> cellHash(Context ctx, String cell, int window) {
        return Async.on(ctx, redis.hgetall(RedisKeys.cell(cell, window)));
    }

    /** The hot cells of a district for one window, best first, with their hashes. */
    public Future<List<CellView>> hotCells(Context ctx, String district, int window, int top) {
        return ranked(ctx, district, window, top)
                .compose(
                        ranked -> {
                            var reads = new ArrayList<Future<Map<String, String>>>();
                            for (var sv : ranked) {
                                reads.add(cellHash(ctx, sv.getValue(), window));
                            }
                            return Future.all(reads)
                                    .map(
                                            all -> {
                                                var out = new ArrayList<CellView>();
                                                for (int i = 0; i < ranked.size(); i++) {
                                                    CellView.fromHash(
                                                                    ranked.get(i).getValue(),
                                                                    window,
                                                                    all.resultAt(i),
                                                                    district)
                                                            .ifPresent(out::add);
                                                }
                                                return out;
                                            });
                        });
    }

    /** Every open alert: alertId to alert JSON. */
    public Future<Map<String, String>> openAlerts(Context ctx) {
        return Async.on(ctx, redis.hgetall(RedisKeys.OPEN_ALERTS));
    }

    public Future<String> openAlert(Context ctx, String alertId) {
        return Async.on(ctx, redis.hget(RedisKeys.OPEN_ALERTS, alertId));
    }

    /** The latest supervisor action per alert: alertId to action JSON. */
    public Future<Map<String, String>> alertActions(Context ctx) {
        return Async.on(ctx, redis.hgetall(RedisKeys.ALERT_ACTIONS));
    }

    /** The current suggestions of a district: suggestionId to suggestion JSON. */
    public Future<Map<String, String>> suggestions(Context ctx, String district) {
        return Async.on(ctx, redis.hgetall(RedisKeys.suggestions(district)));
    }

    /** The oldest retained alert stream id, if the stream has entries. */
    public Future<Optional<StreamId>> firstStreamId(Context ctx) {
        return Async.on(
                        ctx,
                        redis.xrange(RedisKeys.ALERT_STREAM, Range.create("-", "+"), Limit.from(1)))
                .map(ViewReader::firstId);
    }

    /** The newest alert stream id, if the stream has entries. */
    public Future<Optional<StreamId>> lastStreamId(Context ctx) {
        return Async.on(
                        ctx,
                        redis.xrevrange(
                                RedisKeys.ALERT_STREAM, Range.create("-", "+"), Limit.from(1)))
                .map(ViewReader::firstId);
    }

    /** Up to {@code count} stream entries strictly after {@code after}, oldest first. */
    public Future<List<StreamMessage<String, String>>> streamAfter(
            Context ctx, StreamId after, int count) {
        Range<String> range =
                Range.from(Range.Boundary.excluding(after.toString()), Range.Boundary.unbounded());
        return Async.on(ctx, redis.xrange(RedisKeys.ALERT_STREAM, range, Limit.from(count)));
    }

    private static Optional<StreamId> firstId(List<StreamMessage<String, String>> msgs) {
        return msgs.isEmpty() ? Optional.empty() : StreamId.parse(msgs.get(0).getId());
    }
}
