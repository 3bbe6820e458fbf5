package io.beatwatch.jobs.io;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.HotspotAlert;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Jackson serialization of wire records for Kafka sinks (named classes: Flink cannot infer
 * lambdas).
 */
final class JsonSerialization {

    private JsonSerialization() {}

    /** Any wire record as UTF-8 JSON. */
    static final class Value<T> implements SerializationSchema<T> {
        @Override
        public byte[] serialize(T element) {
            return Json.encodeBytes(element);
        }
    }

    /** An alert's id as the record key, so one alert's events stay in one partition. */
    static final class AlertKey implements SerializationSchema<HotspotAlert> {
        @Override
        public byte[] serialize(HotspotAlert a) {
            return a.alertId().getBytes(StandardCharsets.UTF_8);
        }
    }
}
