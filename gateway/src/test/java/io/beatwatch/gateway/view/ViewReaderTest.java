package io.beatwatch.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.live.StreamId;
import io.beatwatch.gateway.testing.FakeRedis;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ViewReaderTest {

    static final String CELL = CellViewTest.CELL;
    static final String OTHER = "87489c1acffffff";

    static Vertx vertx;
    static Context ctx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        ctx = vertx.getOrCreateContext();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        await(vertx.close());
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static StreamMessage<String, String> entry(String id) {
        return new StreamMessage<>(RedisKeys.ALERT_STREAM, id, Map.of("alert", "{}"));
    }

    @Test
    void hotCellsAreTheRankedCellsBestFirstWithTheirHashesSkippingEmptyOnes() throws Exception {
        var hashes = new HashMap<String, Map<String, String>>();
        hashes.put(RedisKeys.cell(CELL, 60), CellViewTest.fullHash());
        hashes.put(RedisKeys.cell(OTHER, 60), Map.of(CellFields.OBSERVED, "3"));
        var redis =
                new FakeRedis()
                        .on(
                                "zrevrangeWithScores",
                                a ->
                                        List.of(
                                                ScoredValue.just(9.5, CELL),
                                                ScoredValue.just(4.0, "gone"),
                                                ScoredValue.just(2.0, OTHER)))
                        .on("hgetall", a -> hashes.getOrDefault((String) a[0], Map.of()));
        var reader = new ViewReader(redis.commands());

        var cells = await(reader.hotCells(ctx, "NORTH", 60, 3));

        assertThat(cells).extracting(CellView::cell).containsExactly(CELL, OTHER);
        assertThat(cells.get(0).district()).isEqualTo("CENTRAL");
        assertThat(cells.get(1).district()).isEqualTo("NORTH");
        assertThat(cells.get(1).observed()).isEqualTo(3);
        var zrange = redis.calls("zrevrangeWithScores").get(0).args();
        assertThat(zrange).containsExactly(RedisKeys.ranked("NORTH", 60), 0L, 2L);
        assertThat(redis.calls("hgetall"))
                .extracting(c -> c.args().get(0))
                .containsExactly(
                        RedisKeys.cell(CELL, 60),
                        RedisKeys.cell("gone", 60),
                        RedisKeys.cell(OTHER, 60));
        assertThat(reader.commands()).isSameAs(redis.commands());
    }

    @Test
    void readsEachViewKey() throws Exception {
        var redis =
                new FakeRedis()
                        .on("smembers", a -> Set.of("NORTH", "SOUTH"))
                        .on("hgetall", a -> Map.of("key", (String) a[0]))
                        .on("hget", a -> a[0] + "/" + a[1]);
        var reader = new ViewReader(redis.commands());
        assertThat(await(reader.districts(ctx))).containsExactlyInAnyOrder("NORTH", "SOUTH");
        assertThat(redis.calls("smembers").get(0).args()).containsExactly(RedisKeys.DISTRICTS);
        assertThat(await(reader.openAlerts(ctx))).containsEntry("key", RedisKeys.OPEN_ALERTS);
        assertThat(await(reader.alertActions(ctx))).containsEntry("key", RedisKeys.ALERT_ACTIONS);
        assertThat(await(reader.suggestions(ctx, "NORTH")))
                .containsEntry("key", RedisKeys.suggestions("NORTH"));
        assertThat(await(reader.cellHash(ctx, CELL, 15)))
                .containsEntry("key", RedisKeys.cell(CELL, 15));
        assertThat(await(reader.openAlert(ctx, "a-1"))).isEqualTo(RedisKeys.OPEN_ALERTS + "/a-1");
    }

    @Test
    void theFirstAndLastStreamIdsAreReadOneEntryFromEachEnd() throws Exception {
        var redis =
                new FakeRedis()
                        .on("xrange", a -> List.of(entry("1732190000000-3")))
                        .on("xrevrange", a -> List.of(entry("1732190009999-0")));
        var reader = new ViewReader(redis.commands());
        assertThat(await(reader.firstStreamId(ctx))).contains(new StreamId(1732190000000L, 3));
        assertThat(await(reader.lastStreamId(ctx))).contains(new StreamId(1732190009999L, 0));
        for (var call : List.of(redis.calls("xrange").get(0), redis.calls("xrevrange").get(0))) {
            assertThat(call.args().get(0)).isEqualTo(RedisKeys.ALERT_STREAM);
            var range = (Range<?>) call.args().get(1);
            assertThat(range.getLower().isUnbounded() || "-".equals(range.getLower().getValue()))
                    .isTrue();
            assertThat(((Limit) call.args().get(2)).getCount()).isEqualTo(1);
        }
    }

    @Test
    void anEmptyStreamHasNoIds() throws Exception {
        var redis = new FakeRedis().on("xrange", a -> List.of()).on("xrevrange", a -> List.of());
        var reader = new ViewReader(redis.commands());
        assertThat(await(reader.firstStreamId(ctx))).isEqualTo(Optional.empty());
        assertThat(await(reader.lastStreamId(ctx))).isEqualTo(Optional.empty());
    }

    @Test
    void streamAfterReadsStrictlyAfterTheIdUpToTheCount() throws Exception {
        var redis = new FakeRedis().on("xrange", a -> List.of(entry("1732190000001-0")));
        var reader = new ViewReader(redis.commands());
        var msgs = await(reader.streamAfter(ctx, new StreamId(1732190000000L, 7), 50));
        assertThat(msgs).extracting(StreamMessage::getId).containsExactly("1732190000001-0");
        var args = redis.calls("xrange").get(0).args();
        var range = (Range<?>) args.get(1);
        assertThat(range.getLower().getValue()).isEqualTo("1732190000000-7");
        assertThat(range.getLower().isIncluding()).isFalse();
        assertThat(range.getUpper().isUnbounded()).isTrue();
        assertThat(((Limit) args.get(2)).getCount()).isEqualTo(50);
    }
}
