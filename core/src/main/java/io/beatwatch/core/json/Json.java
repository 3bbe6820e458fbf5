package io.beatwatch.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.PatrolFeedback;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.model.PublicCall;
import io.beatwatch.core.model.Reject;
import io.beatwatch.core.model.Tip;
import java.nio.charset.StandardCharsets;

/**
 * The one configured {@link ObjectMapper} of the project and encode / decode helpers for each wire
 * record. Instants are ISO-8601 strings in UTC, durations ISO-8601 strings ({@code PT1H}); unknown
 * properties are ignored so an older reader accepts a newer writer's records.
 *
 * <p>The decode helpers are for trusted input (our own topics and streams) and throw {@link
 * IllegalArgumentException} on bad JSON. Untrusted input goes through {@code
 * io.beatwatch.core.validate.Decoder}, which never throws.
 */
public final class Json {

    private static final ObjectMapper MAPPER = newMapper();

    private static final ObjectReader STRICT_READER =
            MAPPER.reader()
                    .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** A fresh mapper with the project's settings, for callers that must customise a copy. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    /** The shared mapper. Thread-safe; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A reader for untrusted JSON: duplicate keys and trailing garbage are errors (a record with
     * two different ids must not be read as either).
     */
    public static ObjectReader strictReader() {
        return STRICT_READER;
    }

    /** Any wire record as compact JSON text. */
    public static String encode(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName(), e);
        }
    }

    /** Any wire record as UTF-8 JSON bytes (Kafka values, Redis stream fields). */
    public static byte[] encodeBytes(Object value) {
        return encode(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes trusted JSON text into {@code type}; throws {@link IllegalArgumentException}. */
    public static <T> T decode(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes trusted UTF-8 JSON bytes into {@code type}; throws {@link IllegalArgumentException}.
     */
    public static <T> T decode(byte[] json, Class<T> type) {
        return decode(new String(json, StandardCharsets.UTF_8), type);
    }

    /** Parses JSON text into a tree; throws {@link IllegalArgumentException}. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes a {@link CallForService}. */
    public static CallForService decodeCall(String json) {
        return decode(json, CallForService.class);
    }

    /** Decodes a {@link Tip}. */
    public static Tip decodeTip(String json) {
        return decode(json, Tip.class);
    }

    /** Decodes a {@link HotspotAlert}. */
    public static HotspotAlert decodeAlert(String json) {
        return decode(json, HotspotAlert.class);
    }

    /** Decodes a {@link PatrolSuggestion}. */
    public static PatrolSuggestion decodeSuggestion(String json) {
        return decode(json, PatrolSuggestion.class);
    }

    /** Decodes a {@link PatrolFeedback}. */
    public static PatrolFeedback decodeFeedback(String json) {
        return decode(json, PatrolFeedback.class);
    }

    /** Decodes a {@link PublicCall}. */
    public static PublicCall decodePublicCall(String json) {
        return decode(json, PublicCall.class);
    }

    /** Decodes a {@link Reject}. */
    public static Reject decodeReject(String json) {
        return decode(json, Reject.class);
    }
}
