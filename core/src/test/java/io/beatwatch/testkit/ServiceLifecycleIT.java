package io.beatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs small sample test classes through the Jupiter engine and checks what the extensions leave
 * behind: one service per class, nothing running afterwards.
 */
class ServiceLifecycleIT {

    static final List<Long> REDIS_PIDS = new CopyOnWriteArrayList<>();
    static final List<Integer> REDIS_PORTS = new CopyOnWriteArrayList<>();
    static final List<String> KAFKA_BOOTSTRAP = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        REDIS_PIDS.clear();
        REDIS_PORTS.clear();
        KAFKA_BOOTSTRAP.clear();
    }

    @Test
    void redisServerRunsOncePerClassAndIsGoneAfterIt() {
        runAndExpectSuccesses(UsesRedis.class, 3);

        assertThat(REDIS_PIDS).hasSize(3).containsOnly(REDIS_PIDS.get(0));
        assertThat(isAlive(REDIS_PIDS.get(0))).isFalse();
        assertThat(acceptsConnections(REDIS_PORTS.get(0))).isFalse();
    }

    @Test
    void staticallyRegisteredRedisServerIsGoneAfterTheClass() {
        runAndExpectSuccesses(UsesStaticRedis.class, 2);

        assertThat(REDIS_PIDS).hasSize(2).containsOnly(REDIS_PIDS.get(0));
        assertThat(isAlive(REDIS_PIDS.get(0))).isFalse();
    }

    @Test
    void kafkaBrokerIsClosedAfterTheClass() {
        runAndExpectSuccesses(UsesKafka.class, 1);

        assertThat(KAFKA_BOOTSTRAP).hasSize(1);
        int port = Integer.parseInt(KAFKA_BOOTSTRAP.get(0).replaceAll(".*:", ""));
        assertThat(acceptsConnections(port)).isFalse();
    }

    @Test
    void parameterWithoutClassLevelRegistrationFailsWithAHint() {
        var results =
                EngineTestKit.engine("junit-jupiter")
                        .selectors(selectClass(RegisteredPerInstance.class))
                        .execute();
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        Throwable cause =
                results.testEvents()
                        .failed()
                        .list()
                        .get(0)
                        .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .getThrowable()
                        .orElseThrow();
        assertThat(cause).hasMessageContaining("@RegisterExtension");
        assertThatThrownBy(() -> new RedisServerExtension().server())
                .isInstanceOf(IllegalStateException.class);
    }

    private static void runAndExpectSuccesses(Class<?> sample, int tests) {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(sample))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(tests).succeeded(tests));
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(RedisServer.HOST, port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static void record(RedisServer redis) {
        REDIS_PIDS.add(redis.pid());
        REDIS_PORTS.add(redis.port());
    }

    // Samples, run only through EngineTestKit above (failsafe skips nested classes).

    @ExtendWith(RedisServerExtension.class)
    static class UsesRedis {
        @Test
        void first(RedisServer redis) {
            record(redis);
        }

        @Test
        void second(RedisServer redis) {
            record(redis);
        }

        @Nested
        class Inner {
            @Test
            void sharesTheEnclosingServer(RedisServer redis) {
                record(redis);
            }
        }
    }

    static class UsesStaticRedis {
        @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

        @Test
        void first() {
            record(REDIS.server());
        }

        @Test
        void second(RedisServer redis) {
            assertThat(redis).isSameAs(REDIS.server());
            record(redis);
        }
    }

    @ExtendWith(KafkaBrokerExtension.class)
    static class UsesKafka {
        @Test
        void broker(KafkaBroker kafka) {
            KAFKA_BOOTSTRAP.add(kafka.bootstrapServers());
        }
    }

    static class RegisteredPerInstance {
        @RegisterExtension final RedisServerExtension redis = new RedisServerExtension();

        @Test
        void cannotResolve(RedisServer redis) {
            assertThat(Optional.of(redis)).isPresent();
        }
    }
}
