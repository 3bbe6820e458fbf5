package io.beatwatch.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real in-process Kafka broker (KRaft, one combined broker + controller node, PLAINTEXT on a free
 * loopback port) built on Kafka's own {@link KafkaClusterTestKit}, for integration tests.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Partitions of topics created without an explicit count: 2, to match parallelism 2. */
    public static final int DEFAULT_PARTITIONS = 2;

    /** Upper bound on admin calls (topic creation). */
    public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    /**
     * Broker settings for a single node; the transaction timeout cap is raised to one hour so
     * Flink's exactly-once KafkaSink (whose default transaction timeout is one hour) is accepted.
     */
    static final Map<String, String> BROKER_CONFIG =
            Map.ofEntries(
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("offsets.topic.num.partitions", "1"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("transaction.state.log.num.partitions", "1"),
                    Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                    Map.entry("share.coordinator.state.topic.min.isr", "1"),
                    Map.entry("transaction.max.timeout.ms", "3600000"),
                    Map.entry("group.initial.rebalance.delay.ms", "0"),
                    Map.entry("auto.create.topics.enable", "false"));

    private final KafkaClusterTestKit cluster;
    private final int defaultPartitions;

    private KafkaBroker(KafkaClusterTestKit cluster, int defaultPartitions) {
        this.cluster = cluster;
        this.defaultPartitions = defaultPartitions;
    }

    /** Starts a broker whose {@link #createTopics(String...)} uses {@link #DEFAULT_PARTITIONS}. */
    public static KafkaBroker start() {
        return start(DEFAULT_PARTITIONS);
    }

    /** Starts a broker and waits until it accepts clients (a few seconds). */
    public static KafkaBroker start(int defaultPartitions) {
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("defaultPartitions must be >= 1");
        }
        long t0 = System.nanoTime();
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build();
        KafkaClusterTestKit.Builder builder =
                new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
        BROKER_CONFIG.forEach(builder::setConfigProp);
        builder.setConfigProp("num.partitions", Integer.toString(defaultPartitions));
        KafkaClusterTestKit cluster = null;
        try {
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            closeQuietly(cluster);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("in-process Kafka broker failed to start", e);
        }
        KafkaBroker broker = new KafkaBroker(cluster, defaultPartitions);
        LOG.info(
                "Kafka broker ready on {} in {} ms",
                broker.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return broker;
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code localhost:41234}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Partition count used by {@link #createTopics(String...)}. */
    public int defaultPartitions() {
        return defaultPartitions;
    }

    /** Creates topics with {@link #defaultPartitions()} partitions each (replication 1). */
    public void createTopics(String... names) {
        createTopics(defaultPartitions, names);
    }

    /** Creates topics with the given partition count each (replication 1) and waits for it. */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics =
                Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList();
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot create topics " + Arrays.toString(names), e);
        }
    }

    /** A new admin client for this broker; the caller closes it. */
    public Admin admin() {
        Properties props = clientProperties();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return Admin.create(props);
    }

    /** Base client properties (bootstrap servers only); a fresh copy each call. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** A new String/String producer (acks=all, idempotent); the caller closes it. */
    public KafkaProducer<String, String> newProducer() {
        return KafkaTestClients.newProducer(bootstrapServers());
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public void send(String topic, String key, String value) {
        KafkaTestClients.send(bootstrapServers(), topic, key, value);
    }

    /**
     * Reads a topic from the beginning of every partition until {@code count} records arrived or
     * {@code timeout} passed, and returns what arrived (assert on its size).
     */
    public List<ConsumerRecord<String, String>> consume(String topic, int count, Duration timeout) {
        return KafkaTestClients.consume(bootstrapServers(), topic, count, timeout);
    }

    /**
     * Shuts the broker down (its KRaft controller stays up), waits {@code downtime}, and starts it
     * again on the same port with the same log directories, as a broker restart would.
     */
    public void restartBroker(Duration downtime) throws InterruptedException {
        for (var broker : cluster.brokers().values()) {
            broker.shutdown();
            broker.awaitShutdown();
        }
        Thread.sleep(downtime.toMillis());
        for (var broker : cluster.brokers().values()) {
            broker.startup();
        }
        try {
            cluster.waitForReadyBrokers();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the restarted broker did not become ready", e);
        }
    }

    /** Stops the broker and deletes its log directories. */
    @Override
    public void close() {
        closeQuietly(cluster);
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + "]";
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("Kafka broker did not close cleanly", e);
        }
    }
}
