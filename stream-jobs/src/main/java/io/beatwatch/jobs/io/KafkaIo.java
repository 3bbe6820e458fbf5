package io.beatwatch.jobs.io;

import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.model.PublicCall;
import io.beatwatch.core.model.Reject;
import io.beatwatch.jobs.hotspot.RawRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Kafka sources and sinks of HotspotJob: raw calls, tips and patrol feedback in; alerts, patrol
 * suggestions and rejects out.
 */
public final class KafkaIo {

    private KafkaIo() {}

    /**
     * Calls and tips from their topics as one stream of raw records. Watermarks are assigned after
     * decoding (the job's own strategy); offsets start at the committed group offset, else the
     * earliest, so a fresh job reads the retained history first (warm start).
     */
    public static DataStream<RawRecord> input(StreamExecutionEnvironment env, Topics t) {
        DataStream<RawRecord> calls =
                env.fromSource(
                                source(t, t.calls()),
                                WatermarkStrategy.noWatermarks(),
                                "kafka:" + t.calls())
                        .uid("source-calls")
                        .map(RawRecord::call)
                        .name("calls")
                        .uid("calls-raw");
        DataStream<RawRecord> tips =
                env.fromSource(
                                source(t, t.tips()),
                                WatermarkStrategy.noWatermarks(),
                                "kafka:" + t.tips())
                        .uid("source-tips")
                        .map(RawRecord::tip)
                        .name("tips")
                        .uid("tips-raw");
        return calls.union(tips);
    }

    /**
     * Dispatcher feedback (raw JSON) from its topic. The patrol stage decodes it and assigns its
     * event-time watermarks (with idleness: the topic is quiet most of the time).
     */
    public static DataStream<String> feedback(StreamExecutionEnvironment env, Topics t) {
        return env.fromSource(
                        source(t, t.patrolFeedback()),
                        WatermarkStrategy.noWatermarks(),
                        "kafka:" + t.patrolFeedback())
                .uid("source-patrol-feedback");
    }

    private static KafkaSource<String> source(Topics t, String topic) {
        return KafkaSource.<String>builder()
                .setBootstrapServers(t.bootstrapServers())
                .setTopics(topic)
                .setGroupId(t.groupId())
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(
                                org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .setProperty("partition.discovery.interval.ms", "10000")
                .build();
    }

    /** Alerts to the durable alert log, keyed by alert id (at least once). */
    public static KafkaSink<HotspotAlert> alertSink(Topics t) {
        return alertSink(t, null);
    }

    /**
     * Alerts to the durable alert log, keyed by alert id: exactly once (Kafka transactions
     * committed with each checkpoint, ids prefixed {@code transactionalIdPrefix}) when the prefix
     * is non-null, so a job restored from a checkpoint does not append again what it had sent after
     * it; a read-committed consumer then sees each alert event once, one checkpoint interval later.
     * At least once when null.
     */
    public static KafkaSink<HotspotAlert> alertSink(Topics t, String transactionalIdPrefix) {
        var b = KafkaSink.<HotspotAlert>builder().setBootstrapServers(t.bootstrapServers());
        if (transactionalIdPrefix == null) {
            b.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
        } else {
            b.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setTransactionalIdPrefix(transactionalIdPrefix)
                    // within the broker's transaction.max.timeout.ms (15 min by default)
                    .setProperty("transaction.timeout.ms", "600000");
        }
        return b.setRecordSerializer(
                        KafkaRecordSerializationSchema.<HotspotAlert>builder()
                                .setTopic(t.alerts())
                                .setKeySerializationSchema(new JsonSerialization.AlertKey())
                                .setValueSerializationSchema(
                                        new JsonSerialization.Value<HotspotAlert>())
                                .build())
                .build();
    }

    /**
     * Every decoded call as the public feed may see it (no type, address or district; the
     * sensitivity decided at decode), keyed by incident id.
     */
    public static KafkaSink<PublicCall> publicCallSink(Topics t) {
        return KafkaSink.<PublicCall>builder()
                .setBootstrapServers(t.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<PublicCall>builder()
                                .setTopic(t.publicCalls())
                                .setKeySerializationSchema(new JsonSerialization.IncidentKey())
                                .setValueSerializationSchema(
                                        new JsonSerialization.Value<PublicCall>())
                                .build())
                .build();
    }

    /** Rejects, with their original payload and reason, to the dead-letter topic. */
    public static KafkaSink<Reject> dlqSink(Topics t) {
        return KafkaSink.<Reject>builder()
                .setBootstrapServers(t.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<Reject>builder()
                                .setTopic(t.dlq())
                                .setValueSerializationSchema(new JsonSerialization.Value<Reject>())
                                .build())
                .build();
    }

    /** New patrol suggestions, keyed by district (one district's stay in order). */
    public static KafkaSink<PatrolSuggestion> suggestionSink(Topics t) {
        return KafkaSink.<PatrolSuggestion>builder()
                .setBootstrapServers(t.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<PatrolSuggestion>builder()
                                .setTopic(t.suggestions())
                                .setKeySerializationSchema(new JsonSerialization.DistrictKey())
                                .setValueSerializationSchema(
                                        new JsonSerialization.Value<PatrolSuggestion>())
                                .build())
                .build();
    }
}
