package io.beatwatch.jobs.testkit;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A Flink MiniCluster for JUnit 5 pipeline tests: one TaskManager with {@value #SLOTS} slots, so
 * jobs run at parallelism {@value #PARALLELISM}, started once per test class. Inside a test, {@code
 * StreamExecutionEnvironment.getExecutionEnvironment()} submits to it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MiniClusterExtension FLINK = new MiniClusterExtension();
 * }</pre>
 *
 * Wraps Flink's own {@link org.apache.flink.test.junit5.MiniClusterExtension}, which also injects
 * {@code @InjectMiniCluster MiniCluster} and {@code @InjectClusterClient ClusterClient<?>}
 * parameters.
 */
public final class MiniClusterExtension
        implements BeforeAllCallback,
                BeforeEachCallback,
                AfterEachCallback,
                AfterAllCallback,
                ParameterResolver {

    /** Task slots of the cluster, all on one TaskManager. */
    public static final int SLOTS = 2;

    /** Default parallelism of jobs submitted from a test: every slot. */
    public static final int PARALLELISM = SLOTS;

    private final org.apache.flink.test.junit5.MiniClusterExtension flink;

    /** A cluster with Flink's default test configuration. */
    public MiniClusterExtension() {
        this(new Configuration());
    }

    /** A cluster with extra configuration (e.g. a state backend or restart strategy). */
    public MiniClusterExtension(Configuration configuration) {
        this.flink =
                new org.apache.flink.test.junit5.MiniClusterExtension(
                        new MiniClusterResourceConfiguration.Builder()
                                .setConfiguration(configuration)
                                .setNumberTaskManagers(1)
                                .setNumberSlotsPerTaskManager(SLOTS)
                                .build());
    }

    /** The environment bound to this cluster, at parallelism {@value #PARALLELISM}. */
    public TestStreamEnvironment environment() {
        return flink.getTestStreamEnvironment();
    }

    /** Client configuration for submitting to the running cluster (REST address and port). */
    public Configuration clientConfiguration() {
        return flink.getClientConfiguration();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        flink.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        flink.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        flink.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        flink.afterAll(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return flink.supportsParameter(parameter, context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return flink.resolveParameter(parameter, context);
    }
}
