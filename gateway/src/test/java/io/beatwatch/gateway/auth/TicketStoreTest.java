package io.beatwatch.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.internal.Hashing;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.testing.FakeRedis;
import io.lettuce.core.SetArgs;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TicketStoreTest {

    static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");
    static final Duration TTL = Duration.ofSeconds(30);
    static final Principal DISPATCHER =
            new Principal(
                    "disp-north",
                    Role.DISPATCHER,
                    Set.of("NORTH", "EAST"),
                    T0.plus(Duration.ofHours(8)),
                    T0.minusSeconds(5));

    static Vertx vertx;
    static Context ctx;

    /** What the fake Redis holds: key to value. */
    final Map<String, String> stored = new HashMap<>();

    FakeRedis redis;
    Revocations revocations;
    TicketStore store;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        ctx = vertx.getOrCreateContext();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        await(vertx.close());
    }

    @BeforeEach
    void newStore() {
        redis =
                new FakeRedis()
                        .on(
                                "set",
                                a ->
                                        stored.putIfAbsent((String) a[0], (String) a[1]) == null
                                                ? "OK"
                                                : null)
                        .on("getdel", a -> stored.remove((String) a[0]));
        revocations = new Revocations();
        store = new TicketStore(redis.commands(), TTL, revocations);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void storesOnlyTheHashOfTheTicketOnceWithItsTtl() throws Exception {
        String ticket = await(store.issue(ctx, DISPATCHER));
        assertThat(ticket).hasSize(43); // 32 bytes, base64url without padding
        String key = RedisKeys.wsTicket(Hashing.sha256Hex(ticket));
        assertThat(stored).containsOnlyKeys(key);
        assertThat(stored.get(key)).doesNotContain(ticket);

        var set = redis.calls("set").get(0);
        var args = new CommandArgs<>(StringCodec.UTF8);
        ((SetArgs) set.args().get(2)).build(args);
        assertThat(args.toCommandString()).isEqualTo("PX 30000 NX");

        JsonNode value = Json.tree(stored.get(key));
        assertThat(value.path("user").asText()).isEqualTo("disp-north");
        assertThat(value.path("role").asText()).isEqualTo("dispatcher");
        assertThat(value.path("districts")).hasSize(2);
        assertThat(value.path("expiresAt").asText()).isEqualTo("2026-11-21T21:00:00Z");
        assertThat(value.path("issuedAt").asText()).isEqualTo("2026-11-21T12:59:55Z");
        assertThat(store.ttl()).isEqualTo(TTL);
    }

    @Test
    void aTicketIsRedeemedOnceForThePrincipalItWasIssuedTo() throws Exception {
        String ticket = await(store.issue(ctx, DISPATCHER));
        assertThat(await(store.redeem(ctx, ticket, T0))).contains(DISPATCHER);
        assertThat(await(store.redeem(ctx, ticket, T0))).isEmpty();
        assertThat(await(store.redeem(ctx, "never-issued", T0))).isEmpty();
    }

    @Test
    void aPrincipalWithoutIssueTimeRoundTripsWithoutOne() throws Exception {
        var noIat = new Principal("sup1", Role.SUPERVISOR, Set.of("*"), T0.plusSeconds(60));
        String ticket = await(store.issue(ctx, noIat));
        assertThat(stored.values()).singleElement().asString().doesNotContain("issuedAt");
        assertThat(await(store.redeem(ctx, ticket, T0))).contains(noIat);
    }

    @Test
    void aCollisionFailsTheIssue() {
        redis.on("set", a -> null);
        assertThatThrownBy(() -> await(store.issue(ctx, DISPATCHER)))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("ticket collision");
    }

    @Test
    void refusesATicketWhoseTokenHasExpiredByRedemption() throws Exception {
        Instant exp = DISPATCHER.expiresAt();
        String ticket = await(store.issue(ctx, DISPATCHER));
        assertThat(await(store.redeem(ctx, ticket, exp))).isEmpty();
        String second = await(store.issue(ctx, DISPATCHER));
        assertThat(await(store.redeem(ctx, second, exp.minusMillis(1)))).contains(DISPATCHER);
    }

    @Test
    void refusesATicketOfARevokedSession() throws Exception {
        String ticket = await(store.issue(ctx, DISPATCHER));
        revocations.revoke("disp-north", DISPATCHER.issuedAt());
        assertThat(await(store.redeem(ctx, ticket, T0))).isEmpty();
        // a session signed in again after the revocation gets through
        var later =
                new Principal(
                        "disp-north",
                        Role.DISPATCHER,
                        Set.of("NORTH"),
                        DISPATCHER.expiresAt(),
                        DISPATCHER.issuedAt().plusSeconds(1));
        String again = await(store.issue(ctx, later));
        assertThat(await(store.redeem(ctx, again, T0))).contains(later);
    }

    @Test
    void refusesMalformedTicketsWithoutAskingRedis() throws Exception {
        assertThat(await(store.redeem(ctx, null, T0))).isEmpty();
        assertThat(await(store.redeem(ctx, "", T0))).isEmpty();
        assertThat(await(store.redeem(ctx, "x".repeat(129), T0))).isEmpty();
        assertThat(redis.calls("getdel")).isEmpty();
        assertThat(await(store.redeem(ctx, "x".repeat(128), T0))).isEmpty();
        assertThat(redis.calls("getdel")).hasSize(1);
    }

    @Test
    void refusesStoredValuesItCannotRead() throws Exception {
        for (String value :
                new String[] {
                    "{\"user\":\"u\",\"role\":\"admin\",\"expiresAt\":\"2026-11-22T00:00:00Z\"}",
                    "{\"user\":\"u\",\"role\":\"ops\",\"expiresAt\":\"tomorrow\"}",
                    "not json"
                }) {
            stored.put(RedisKeys.wsTicket(Hashing.sha256Hex("t")), value);
            assertThat(await(store.redeem(ctx, "t", T0))).as(value).isEqualTo(Optional.empty());
        }
        stored.put(
                RedisKeys.wsTicket(Hashing.sha256Hex("t")),
                "{\"user\":\"u\",\"role\":\"ops\",\"expiresAt\":\"2026-11-22T00:00:00Z\"}");
        assertThat(await(store.redeem(ctx, "t", T0)))
                .contains(
                        new Principal(
                                "u", Role.OPS, Set.of(), Instant.parse("2026-11-22T00:00:00Z")));
    }
}
