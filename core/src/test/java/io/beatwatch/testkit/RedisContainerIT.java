package io.beatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** Redis in a container, for machines with Docker; skipped where there is no Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class RedisContainerIT {

    /** Same major version as Debian's redis-server. */
    static final DockerImageName IMAGE = DockerImageName.parse("redis:7.0-alpine");

    @Container
    static final GenericContainer<?> REDIS = new GenericContainer<>(IMAGE).withExposedPorts(6379);

    @Test
    void storesAndReadsAValueThroughLettuce() {
        RedisClient client =
                RedisClient.create("redis://" + REDIS.getHost() + ":" + REDIS.getMappedPort(6379));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set("beatwatch:testkit:container", "hello");
            assertThat(connection.sync().get("beatwatch:testkit:container")).isEqualTo("hello");
        } finally {
            client.shutdown();
        }
    }
}
