package io.beatwatch.jobs.io;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.model.PublicCall;
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

    /** A call's incident id as the record key, so one incident's updates stay in order. */
    static final class IncidentKey implements SerializationSchema<PublicCall> {
        @Override
        public byte[] serialize(PublicCall c) {
            return c.id().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A suggestion's district as the record key, so one district's suggestions stay in order. */
    static final class DistrictKey implements SerializationSchema<PatrolSuggestion> {
        @Override
        public byte[] serialize(PatrolSuggestion s) {
            return (s.district() == null ? "" : s.district()).getBytes(StandardCharsets.UTF_8);
        }
    }
}
