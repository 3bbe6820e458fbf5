package io.beatwatch.gateway.internal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One idempotent Kafka producer for the gateway (tips, patrol feedback). Sends and metadata lookups
 * can block, so they run on worker threads, never on an event loop.
 */
public final class KafkaPublisher implements Closeable {

    /** How long a send may take before the caller gets a failure. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final KafkaProducer<String, String> producer;

    public KafkaPublisher(Vertx vertx, String bootstrap) {
        this.vertx = vertx;
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "beatwatch-gateway");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 1000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    /** Sends one record and completes when the brokers acknowledged it. */
    public Future<RecordMetadata> send(String topic, String key, String value) {
        return vertx.executeBlocking(
                () ->
                        producer.send(new ProducerRecord<>(topic, key, value))
                                .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                false);
    }

    /** Partition metadata of a topic (readiness: proves the brokers answer). */
    public Future<List<PartitionInfo>> partitionsFor(String topic) {
        return vertx.executeBlocking(() -> producer.partitionsFor(topic), false);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
