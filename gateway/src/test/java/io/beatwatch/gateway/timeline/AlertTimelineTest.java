package io.beatwatch.gateway.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.internal.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertTimelineTest {

    static final String ID = "a-1";

    static JsonNode revision(String state, String at, int observed, double expected) {
        var n = Json.object();
        n.put("alertId", ID);
        n.put("state", state);
        n.put("district", "NORTH");
        n.put("openedAt", "2026-12-07T10:00:00Z");
        n.put("eventTime", at);
        n.put("observed", observed);
        n.put("expected", expected);
        n.put("category", "new");
        return n;
    }

    static JsonNode action(String action, String at, String note, String assignee) {
        var n = Json.object();
        n.put("alertId", ID);
        n.put("action", action);
        n.put("by", "sup1");
        n.put("role", "supervisor");
        n.put("at", at);
        if (note != null) n.put("note", note);
        if (assignee != null) n.put("assignee", assignee);
        return n;
    }

    static JsonNode patrol(String action, String at) {
        var n = Json.object();
        n.put("kind", AlertTimeline.PATROL);
        n.put("action", action);
        n.put("by", "disp-north");
        n.put("unit", "2A12");
        n.put("suggestionId", "p-1");
        n.put("cell", "8928308280fffff");
        n.put("dwellMinutes", 12);
        n.put("at", at);
        return n;
    }

    @Test
    void ordersRevisionsActionsAndPatrolsAndSummarisesTheStatusAndDosage() {
        var revisions =
                List.of(
                        revision("opened", "2026-12-07T10:00:00Z", 7, 1.2),
                        revision("updated", "2026-12-07T10:20:00Z", 9, 1.3),
                        revision("closed", "2026-12-07T11:30:00Z", 3, 1.1));
        var log = new ArrayList<JsonNode>();
        // out of order on purpose: the log is a set scored by time
        log.add(action("dismiss", "2026-12-07T11:10:00Z", "known event", null));
        log.add(action("ack", "2026-12-07T10:05:00Z", null, null));
        log.add(action("assign", "2026-12-07T10:06:00Z", null, "2A12"));
        log.add(action("note", "2026-12-07T10:07:00Z", "unit en route", null));
        log.add(patrol("accepted", "2026-12-07T10:08:00Z"));
        log.add(patrol("arrived", "2026-12-07T10:15:00Z"));
        log.add(patrol("done", "2026-12-07T10:29:00Z"));

        var t = AlertTimeline.build(ID, revisions, log);

        assertThat(t.path("district").asText()).isEqualTo("NORTH");
        assertThat(t.path("openedAt").asText()).isEqualTo("2026-12-07T10:00:00Z");
        var kinds = new ArrayList<String>();
        t.path("events").forEach(e -> kinds.add(e.path("kind").asText()));
        assertThat(kinds)
                .containsExactly(
                        "opened",
                        "acknowledged",
                        "assigned",
                        "note",
                        "patrol.accepted",
                        "patrol.arrived",
                        "updated",
                        "patrol.done",
                        "dismissed",
                        "closed");
        var s = t.path("status");
        assertThat(s.path("state").asText()).isEqualTo("closed");
        assertThat(s.path("acknowledged").path("by").asText()).isEqualTo("sup1");
        assertThat(s.path("assigned").path("unit").asText()).isEqualTo("2A12");
        assertThat(s.path("dismissed").path("reason").asText()).isEqualTo("known event");
        assertThat(s.path("closedAt").asText()).isEqualTo("2026-12-07T11:30:00Z");
        assertThat(t.path("series")).hasSize(3);
        assertThat(t.path("series").get(1).path("observed").asInt()).isEqualTo(9);
        var visit = t.path("visits").get(0);
        assertThat(visit.path("status").asText()).isEqualTo("done");
        assertThat(visit.path("dwellMinutes").asInt()).isEqualTo(12);
        assertThat(visit.path("minutesOnScene").asInt()).isEqualTo(14);
    }

    @Test
    void anAlertWithoutActionsIsOpenAndUnacknowledged() {
        var t =
                AlertTimeline.build(
                        ID, List.of(revision("opened", "2026-12-07T10:00:00Z", 7, 1.2)), List.of());
        assertThat(t.path("status").path("state").asText()).isEqualTo("opened");
        assertThat(t.path("status").has("acknowledged")).isFalse();
        assertThat(t.path("events")).hasSize(1);
        assertThat(t.path("visits")).isEmpty();
    }
}
