package io.beatwatch.testkit;

/**
 * JUnit 5 extension that runs one real {@link RedisServer} per test class and injects it into test
 * methods and constructors.
 *
 * <pre>{@code
 * @ExtendWith(RedisServerExtension.class)
 * class ViewSinkIT {
 *     @Test
 *     void writesCellCounts(RedisServer redis) { ... redis.uri() ... }
 * }
 * }</pre>
 *
 * Or {@code @RegisterExtension static final RedisServerExtension REDIS = new
 * RedisServerExtension();} and {@code REDIS.server()}. Call {@link RedisServer#flushAll()} in
 * {@code @BeforeEach} when tests must not see each other's keys.
 */
public final class RedisServerExtension extends ClassScopedService<RedisServer> {

    /** An extension that starts its server before the first test of the class. */
    public RedisServerExtension() {
        super(RedisServer.class);
    }

    @Override
    RedisServer startService() {
        return RedisServer.start();
    }

    /** The running server; valid between the class's {@code beforeAll} and {@code afterAll}. */
    public RedisServer server() {
        return current();
    }
}
