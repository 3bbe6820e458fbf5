package io.beatwatch.gateway.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON for the gateway on top of core's codec ({@code io.beatwatch.core.json.Json}): the same
 * mapper (ISO-8601 instants and durations) for wire records, and its strict reader (duplicate keys
 * and trailing tokens refused) for everything parsed from clients or Redis.
 */
public final class Json {

    /** Core's shared mapper. */
    public static final ObjectMapper MAPPER = io.beatwatch.core.json.Json.mapper();

    private Json() {}

    /** Serializes a value; a failure here is a programming error. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses untrusted JSON text strictly; throws {@link JsonProcessingException} on bad input. */
    public static JsonNode tree(String text) throws JsonProcessingException {
        return io.beatwatch.core.json.Json.strictReader().readTree(text);
    }

    /** Parses untrusted JSON bytes strictly; throws {@link IOException} on bad input. */
    public static JsonNode tree(byte[] bytes) throws IOException {
        return io.beatwatch.core.json.Json.strictReader().readTree(bytes);
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }
}
