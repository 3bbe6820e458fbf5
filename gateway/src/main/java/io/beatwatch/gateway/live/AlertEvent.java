package io.beatwatch.gateway.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.internal.Json;
import java.util.Map;
import java.util.Optional;

/**
 * One alert stream entry, parsed once by the reader and shared by every console: its id, the fields
 * consoles are filtered on, and the ready-to-send {@code alert} frame.
 */
public record AlertEvent(
        StreamId id, String alertId, String district, boolean supervisorsOnly, String frame) {

    /**
     * Parses a stream entry's fields ({@link RedisKeys#STREAM_FIELD_ALERT} holds the alert JSON);
     * empty if the entry is not a well-formed alert.
     */
    public static Optional<AlertEvent> parse(StreamId id, Map<String, String> fields) {
        try {
            return fromAlert(id, alertJson(fields));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The alert JSON of a stream entry's fields, or null if absent or unparseable. */
    public static JsonNode alertJson(Map<String, String> fields) {
        var json = fields.get(RedisKeys.STREAM_FIELD_ALERT);
        if (json == null) {
            return null;
        }
        try {
            return Json.tree(json);
        } catch (Exception e) {
            return null;
        }
    }

    /** Builds the event from a parsed alert object; empty if it lacks an alert id. */
    public static Optional<AlertEvent> fromAlert(StreamId id, JsonNode alert) {
        if (alert == null || !alert.isObject() || !alert.path("alertId").isTextual()) {
            return Optional.empty();
        }
        var frame = Json.object();
        frame.put("type", "alert");
        frame.put("id", id.toString());
        frame.set("alert", alert);
        return Optional.of(
                new AlertEvent(
                        id,
                        alert.get("alertId").asText(),
                        alert.path("district").isTextual() ? alert.get("district").asText() : null,
                        supervisorsOnly(alert),
                        Json.write(frame)));
    }

    /**
     * A tips-only alert is unconfirmed and goes to supervisors only (ARCHITECTURE section 5), as
     * does anything marked unconfirmed.
     */
    public static boolean supervisorsOnly(JsonNode alert) {
        return "tips".equals(alert.path("signal").asText(null))
                || (alert.has("confirmed") && !alert.path("confirmed").asBoolean(true));
    }
}
