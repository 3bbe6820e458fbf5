package io.beatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
class RedisServerExtensionIT {

    private static final String KEY = "beatwatch:testkit:greeting";

    @Test
    void storesAndReadsAValueThroughLettuce(RedisServer redis) {
        withRedis(
                redis,
                cmd -> {
                    assertThat(cmd.set(KEY, "hello")).isEqualTo("OK");
                    assertThat(cmd.get(KEY)).isEqualTo("hello");
                });
    }

    @Test
    void listensOnLoopbackWithoutPersistence(RedisServer redis) {
        assertThat(redis.host()).isEqualTo("127.0.0.1");
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
        assertThat(redis.isRunning()).isTrue();
        withRedis(
                redis,
                cmd -> {
                    assertThat(cmd.configGet("save")).containsEntry("save", "");
                    assertThat(cmd.configGet("appendonly")).containsEntry("appendonly", "no");
                    assertThat(cmd.configGet("bind").get("bind")).contains("127.0.0.1");
                });
    }

    @Test
    void flushAllEmptiesEveryDatabase(RedisServer redis) {
        withRedis(redis, cmd -> cmd.set(KEY, "x"));
        redis.flushAll();
        withRedis(redis, cmd -> assertThat(cmd.dbsize()).isZero());
    }

    @Test
    void restartKeepsThePortAndStartsEmpty(RedisServer redis) {
        withRedis(redis, cmd -> cmd.set(KEY, "before"));
        long pidBefore = redis.pid();
        int port = redis.port();

        redis.restart();

        assertThat(redis.port()).isEqualTo(port);
        assertThat(redis.pid()).isNotEqualTo(pidBefore);
        assertThat(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        withRedis(redis, cmd -> assertThat(cmd.get(KEY)).isNull());
    }

    static void withRedis(RedisServer redis, Consumer<RedisCommands<String, String>> body) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            body.accept(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
