package io.beatwatch.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.testing.FakeRedis;
import io.beatwatch.gateway.testing.TestClock;
import io.lettuce.core.RedisException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The patrol-minutes verticle on a fake Redis: what it reads, and what it publishes. */
class PatrolMinutesVerticleTest {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final LocalDate YESTERDAY = TODAY.minusDays(1);

    /** Yesterday ended (Chicago) an hour ago: it is the newest published day. */
    static final Instant DUE = TODAY.atStartOfDay(CHICAGO).plus(Duration.ofMinutes(60)).toInstant();

    static final GatewayConfig.PublicFeed FEED = GatewayConfig.PublicFeed.defaults();

    Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() throws Exception {
        await(vertx.close());
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** Waits, on a Vert.x timer and for at most 5 s, until {@code done} holds. */
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

    @Test
    void publishesTheDueDaysSummariesReadFromRedis() throws Exception {
        var redis =
                new FakeRedis()
                        .on(
                                "hgetall",
                                a ->
                                        a[0].equals(RedisKeys.dosageSummary(YESTERDAY.toString()))
                                                ? Map.of(
                                                        "NORTH",
                                                        "{\"minutes\":137,\"visits\":6}",
                                                        "SOUTH",
                                                        "{\"minutes\":50,\"visits\":2}")
                                                : Map.of());
        var current = new AtomicReference<PatrolMinutesSnapshot>();
        var clock = new FeedClock(new TestClock(DUE));
        var verticle =
                new PatrolMinutesVerticle(
                        redis.commands(),
                        new PatrolMinutesAggregator(FEED, CHICAGO),
                        clock,
                        Duration.ofMinutes(1),
                        current);

        await(vertx.deployVerticle(verticle));
        assertThat(current.get()).isNotNull();
        awaitUntil(() -> current.get().districtDays() > 0);

        var snap = current.get();
        assertThat(snap.districtDays()).isEqualTo(1);
        assertThat(snap.to()).isEqualTo(YESTERDAY);
        assertThat(snap.from()).isEqualTo(YESTERDAY.minusDays(FEED.patrolDays() - 1));
        var north = Json.tree(snap.json()).path("days").get(FEED.patrolDays() - 1);
        assertThat(north.path("date").asText()).isEqualTo(YESTERDAY.toString());
        assertThat(north.path("districts").path("NORTH").path("minutes").asInt()).isEqualTo(135);
        assertThat(north.path("districts").path("NORTH").path("visits").asInt()).isEqualTo(6);
        assertThat(north.path("districts").has("SOUTH")).isFalse();
        // one summary hash per published day, never a per-cell dosage hash
        assertThat(redis.calls("hgetall"))
                .extracting(c -> c.args().get(0))
                .hasSize(FEED.patrolDays())
                .contains(RedisKeys.dosageSummary(YESTERDAY.toString()))
                .allMatch(k -> k.toString().startsWith(RedisKeys.dosageSummary("")));
    }

    @Test
    void aFailedReadKeepsThePreviousFeed() throws Exception {
        var redis = new FakeRedis().on("hgetall", a -> new RedisException("connection lost"));
        var before = PatrolMinutesAggregator.empty(DUE.minusSeconds(60));
        var current = new AtomicReference<>(before);
        var verticle =
                new PatrolMinutesVerticle(
                        redis.commands(),
                        new PatrolMinutesAggregator(FEED, CHICAGO),
                        new FeedClock(new TestClock(DUE)),
                        Duration.ofMillis(20),
                        current);

        String id = await(vertx.deployVerticle(verticle));
        awaitUntil(() -> redis.calls("hgetall").size() >= 2 * FEED.patrolDays());
        assertThat(current.get()).isSameAs(before);

        await(vertx.undeploy(id));
        int reads = redis.calls("hgetall").size();
        // the timer is cancelled: one more interval passes without a read
        var later = new CompletableFuture<Void>();
        vertx.setTimer(60, t -> later.complete(null));
        later.get(5, TimeUnit.SECONDS);
        assertThat(redis.calls("hgetall")).hasSize(reads);
    }
}
