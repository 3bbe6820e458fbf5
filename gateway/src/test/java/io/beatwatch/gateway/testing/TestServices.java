package io.beatwatch.gateway.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one real Redis and one real Kafka broker for the whole test run (kept in JUnit's root
 * store and closed at its end). Use with {@code @ExtendWith(TestServices.class)} and the static
 * accessors.
 */
public final class TestServices implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(TestServices.class);

    private static volatile LocalRedis redis;
    private static volatile LocalKafka kafka;

    private record Closer(AutoCloseable c) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            c.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        var store = context.getRoot().getStore(NS);
        synchronized (TestServices.class) {
            if (redis == null) {
                redis = LocalRedis.start();
                store.put("redis", new Closer(redis));
            }
            if (kafka == null) {
                kafka = LocalKafka.start();
                store.put("kafka", new Closer(kafka));
            }
        }
    }

    public static LocalRedis redis() {
        return redis;
    }

    public static LocalKafka kafka() {
        return kafka;
    }
}
