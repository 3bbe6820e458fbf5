package io.beatwatch.gateway.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.gateway.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One alert's timeline, built from what the system recorded (never from a console's memory): the
 * detector's revisions from the alert stream (opened, updated, closed, with observed and expected
 * for the sparkline) and the gateway's alert log (acknowledged, assigned, notes, dismissed, and the
 * patrol feedback of suggestions the alert drove). Every console of the district that asks gets the
 * same answer.
 */
public final class AlertTimeline {

    /** Kinds of log entry the gateway writes to the alert log. */
    public static final String ACTION = "action";

    public static final String PATROL = "patrol";

    private AlertTimeline() {}

    /**
     * The timeline JSON: {@code alertId}, {@code district}, {@code status} (state, acknowledged,
     * assigned, dismissed, closed), {@code series} (one point per revision) and {@code events}
     * (oldest first), and {@code visits} (one per suggestion, with its dosage).
     *
     * @param revisions the alert's revisions in stream order (the stream's alert JSON)
     * @param log the alert log's entries (any order)
     */
    public static ObjectNode build(String alertId, List<JsonNode> revisions, List<JsonNode> log) {
        var out = Json.object();
        out.put("v", 1);
        out.put("alertId", alertId);
        var events = new ArrayList<ObjectNode>();
        var series = out.putArray("series");
        var status = Json.object();
        status.put("state", "unknown");
        String district = null;
        for (var r : revisions) {
            district = r.path("district").asText(district);
            var state = r.path("state").asText("updated").toLowerCase(java.util.Locale.ROOT);
            var at = time(r.path("eventTime"), time(r.path("emittedAt"), null));
            var p = series.addObject();
            p.put("at", at == null ? null : at.toString());
            p.put("observed", r.path("observed").asLong());
            p.put("expected", r.path("expected").asDouble());
            var e = event(at, state.equals("opened") ? "opened" : state);
            e.put("observed", r.path("observed").asLong());
            e.put("expected", r.path("expected").asDouble());
            e.put("recurrenceIntervalDays", r.path("recurrenceIntervalDays").asDouble());
            e.put("category", r.path("category").asText(null));
            events.add(e);
            status.put("state", state);
            if (state.equals("closed") && at != null) {
                status.put("closedAt", at.toString());
            }
        }
        if (!revisions.isEmpty()) {
            var first = revisions.get(0);
            var opened = time(first.path("openedAt"), null);
            if (opened != null) {
                out.put("openedAt", opened.toString());
            }
        }
        var sorted = new ArrayList<>(log);
        sorted.sort(Comparator.comparing(n -> time(n.path("at"), Instant.EPOCH)));
        Map<String, ObjectNode> visits = new LinkedHashMap<>();
        for (var entry : sorted) {
            var at = time(entry.path("at"), null);
            if (PATROL.equals(entry.path("kind").asText())) {
                var action = entry.path("action").asText();
                var e = event(at, "patrol." + action);
                copy(entry, e, "by", "unit", "suggestionId", "cell", "dwellMinutes");
                events.add(e);
                visit(visits, entry, action, at);
                continue;
            }
            var action = entry.path("action").asText();
            var kind =
                    switch (action) {
                        case "ack" -> "acknowledged";
                        case "assign" -> "assigned";
                        case "dismiss" -> "dismissed";
                        case "note" -> "note";
                        default -> null;
                    };
            if (kind == null) {
                continue;
            }
            var e = event(at, kind);
            copy(entry, e, "by", "role", "note", "assignee");
            events.add(e);
            var s = Json.object();
            s.put("by", entry.path("by").asText(null));
            s.put("at", at == null ? null : at.toString());
            switch (kind) {
                case "acknowledged" -> status.set("acknowledged", s);
                case "assigned" -> {
                    s.put("unit", entry.path("assignee").asText(null));
                    status.set("assigned", s);
                }
                case "dismissed" -> {
                    s.put("reason", entry.path("note").asText(null));
                    status.set("dismissed", s);
                }
                default -> {}
            }
        }
        events.sort(Comparator.comparing(e -> time(e.path("at"), Instant.EPOCH)));
        out.put("district", district);
        out.set("status", status);
        var ev = out.putArray("events");
        events.forEach(ev::add);
        var vs = out.putArray("visits");
        visits.values().forEach(vs::add);
        return out;
    }

    /**
     * Dosage of one suggestion: its dwell, and the minutes on scene from arrival to done when both
     * were reported.
     */
    private static void visit(
            Map<String, ObjectNode> visits, JsonNode entry, String action, Instant at) {
        var id = entry.path("suggestionId").asText("?");
        var v =
                visits.computeIfAbsent(
                        id,
                        k -> {
                            var n = Json.object();
                            n.put("suggestionId", k);
                            n.put("cell", entry.path("cell").asText(null));
                            n.put("dwellMinutes", entry.path("dwellMinutes").asInt(0));
                            return n;
                        });
        if (entry.hasNonNull("unit")) {
            v.put("unit", entry.path("unit").asText());
        }
        v.put("status", action);
        if (at != null) {
            v.put(action + "At", at.toString());
        }
        if (action.equals("done") && v.hasNonNull("arrivedAt") && at != null) {
            var arrived = Instant.parse(v.path("arrivedAt").asText());
            v.put("minutesOnScene", Math.max(0, Duration.between(arrived, at).toMinutes()));
        }
    }

    private static ObjectNode event(Instant at, String kind) {
        var e = Json.object();
        e.put("at", at == null ? null : at.toString());
        e.put("kind", kind);
        return e;
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (var f : fields) {
            var v = from.get(f);
            if (v != null && !v.isNull()) {
                to.set(f, v);
            }
        }
    }

    /** An instant written as ISO text or epoch seconds / millis; the fallback otherwise. */
    public static Instant time(JsonNode n, Instant fallback) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (n.isNumber()) {
            double v = n.asDouble();
            return v > 1e11
                    ? Instant.ofEpochMilli((long) v)
                    : Instant.ofEpochSecond((long) v, (long) ((v % 1) * 1e9));
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
