package io.beatwatch.testkit;

/**
 * JUnit 5 extension that runs one real in-process {@link KafkaBroker} per test class and injects it
 * into test methods and constructors.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class CfsSourceIT {
 *     @Test
 *     void readsCalls(KafkaBroker kafka) {
 *         kafka.createTopics("beatwatch.cfs");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * Or {@code @RegisterExtension static final KafkaBrokerExtension KAFKA = new
 * KafkaBrokerExtension();} and {@code KAFKA.broker()}. Topics persist for the class: use distinct
 * topic names per test.
 */
public final class KafkaBrokerExtension extends ClassScopedService<KafkaBroker> {

    private final int defaultPartitions;

    /** An extension whose broker creates topics with {@link KafkaBroker#DEFAULT_PARTITIONS}. */
    public KafkaBrokerExtension() {
        this(KafkaBroker.DEFAULT_PARTITIONS);
    }

    /** An extension whose broker creates topics with {@code defaultPartitions} by default. */
    public KafkaBrokerExtension(int defaultPartitions) {
        super(KafkaBroker.class);
        this.defaultPartitions = defaultPartitions;
    }

    @Override
    KafkaBroker startService() {
        return KafkaBroker.start(defaultPartitions);
    }

    /** The running broker; valid between the class's {@code beforeAll} and {@code afterAll}. */
    public KafkaBroker broker() {
        return current();
    }
}
