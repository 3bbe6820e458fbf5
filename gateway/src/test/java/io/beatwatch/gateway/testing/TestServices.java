package io.beatwatch.gateway.testing;

import io.beatwatch.testkit.KafkaBroker;
import io.beatwatch.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The real Redis and Kafka of one test class (from core's testkit extensions), with a Lettuce
 * connection for setup and checks.
 */
public final class TestServices implements AutoCloseable {

    private final RedisServer redisServer;
    private final KafkaBroker kafka;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private TestServices(RedisServer redisServer, KafkaBroker kafka) {
        this.redisServer = redisServer;
        this.kafka = kafka;
        this.client = RedisClient.create(redisServer.uri());
        this.connection = client.connect();
    }

    public static TestServices of(RedisServer redis, KafkaBroker kafka) {
        return new TestServices(redis, kafka);
    }

    /** Synchronous Redis commands for setup and checks. */
    public RedisCommands<String, String> redis() {
        return connection.sync();
    }

    public String redisUri() {
        return redisServer.uri();
    }

    public void flushRedis() {
        redisServer.flushAll();
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** Sends records (key, value) in order and waits for every acknowledgement. */
    public void produce(String topic, List<Map.Entry<String, String>> records) throws Exception {
        try (var producer = kafka.newProducer()) {
            var acks = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (var r : records) {
                acks.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
            }
            for (var a : acks) {
                a.get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
