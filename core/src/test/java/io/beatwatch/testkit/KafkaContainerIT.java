package io.beatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** Kafka in a container, for machines with Docker; skipped where there is no Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerIT {

    /** The Apache image of the same Kafka version as the clients. */
    static final String IMAGE = "apache/kafka:4.2.1";

    @Container static final KafkaContainer KAFKA = new KafkaContainer(IMAGE);

    @Test
    void producesAndConsumesARecord() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic("testkit.container", 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }

        KafkaTestClients.send(KAFKA.getBootstrapServers(), "testkit.container", "k", "v");

        List<ConsumerRecord<String, String>> records =
                KafkaTestClients.consume(
                        KAFKA.getBootstrapServers(),
                        "testkit.container",
                        1,
                        Duration.ofSeconds(30));
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("v");
    }
}
