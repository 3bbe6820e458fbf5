package io.beatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBrokerExtensionIT {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void producesAndConsumesARecord() {
        KafkaBroker kafka = KAFKA.broker();
        kafka.createTopics("testkit.roundtrip");

        kafka.send("testkit.roundtrip", "incident-1", "{\"v\":1}");

        List<ConsumerRecord<String, String>> records = kafka.consume("testkit.roundtrip", 1, WAIT);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("incident-1");
        assertThat(records.get(0).value()).isEqualTo("{\"v\":1}");
    }

    @Test
    void consumesEveryPartitionFromTheBeginning(KafkaBroker kafka) throws Exception {
        kafka.createTopics("testkit.spread");
        try (KafkaProducer<String, String> producer = kafka.newProducer()) {
            for (int p = 0; p < KafkaBroker.DEFAULT_PARTITIONS; p++) {
                producer.send(new ProducerRecord<>("testkit.spread", p, "k" + p, "v" + p))
                        .get(30, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<String, String>> records =
                kafka.consume("testkit.spread", KafkaBroker.DEFAULT_PARTITIONS, WAIT);

        assertThat(records).extracting(ConsumerRecord::partition).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void createsTopicsWithDefaultOrGivenPartitions(KafkaBroker kafka) throws Exception {
        kafka.createTopics("testkit.default-a", "testkit.default-b");
        kafka.createTopics(3, "testkit.three");

        try (Admin admin = kafka.admin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(
                                    List.of(
                                            "testkit.default-a",
                                            "testkit.default-b",
                                            "testkit.three"))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS);
            assertThat(topics.get("testkit.default-a").partitions()).hasSize(2);
            assertThat(topics.get("testkit.default-b").partitions()).hasSize(2);
            assertThat(topics.get("testkit.three").partitions()).hasSize(3);
        }
        assertThat(kafka.bootstrapServers()).matches(".+:\\d+");
    }
}
