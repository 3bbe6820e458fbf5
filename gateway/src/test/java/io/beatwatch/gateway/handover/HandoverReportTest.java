package io.beatwatch.gateway.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.internal.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandoverReportTest {

    static final Instant FROM = Instant.parse("2026-12-07T06:00:00Z");
    static final Instant TO = Instant.parse("2026-12-07T14:00:00Z");

    static JsonNode rev(
            String id, String district, String state, String opened, String at, double ri) {
        var n = Json.object();
        n.put("alertId", id);
        n.put("district", district);
        n.put("state", state);
        n.put("openedAt", opened);
        n.put("eventTime", at);
        n.put("observed", 9);
        n.put("expected", 1.5);
        n.put("window", 3600);
        n.put("recurrenceIntervalDays", ri);
        n.put("category", "NEW");
        n.put("zone", "8928308280fffff");
        n.putObject("centroid").put("lat", 29.4).put("lon", -98.5);
        n.putArray("topTypes").addObject().put("type", "DISTURBANCE").put("count", 6);
        return n;
    }

    static JsonNode act(String action, String at, String note) {
        var n = Json.object();
        n.put("action", action);
        n.put("by", "sup1");
        n.put("at", at);
        if (note != null) n.put("note", note);
        return n;
    }

    static HandoverReport report(ZoneId zone, java.util.function.Predicate<String> scope) {
        var revisions =
                List.of(
                        // closed before the shift: not handed over
                        rev(
                                "old",
                                "NORTH",
                                "opened",
                                "2026-12-06T20:00:00Z",
                                "2026-12-06T20:00:00Z",
                                500),
                        rev(
                                "old",
                                "NORTH",
                                "closed",
                                "2026-12-06T20:00:00Z",
                                "2026-12-07T05:00:00Z",
                                0),
                        // opened before, still open: carried over, not counted as opened
                        rev(
                                "carry",
                                "NORTH",
                                "opened",
                                "2026-12-07T04:00:00Z",
                                "2026-12-07T04:00:00Z",
                                40),
                        rev(
                                "n1",
                                "NORTH",
                                "opened",
                                "2026-12-07T07:00:00Z",
                                "2026-12-07T07:00:00Z",
                                120),
                        rev(
                                "n1",
                                "NORTH",
                                "updated",
                                "2026-12-07T07:00:00Z",
                                "2026-12-07T08:00:00Z",
                                900),
                        rev(
                                "n1",
                                "NORTH",
                                "closed",
                                "2026-12-07T07:00:00Z",
                                "2026-12-07T12:00:00Z",
                                0),
                        rev(
                                "s1",
                                "SOUTH",
                                "opened",
                                "2026-12-07T09:00:00Z",
                                "2026-12-07T09:00:00Z",
                                60),
                        // after the shift: not in it
                        rev(
                                "late",
                                "SOUTH",
                                "opened",
                                "2026-12-07T15:00:00Z",
                                "2026-12-07T15:00:00Z",
                                60));
        var logs =
                Map.of(
                        "n1",
                        List.of(
                                act("ack", "2026-12-07T07:05:00Z", null),
                                act("dismiss", "2026-12-07T07:30:00Z", "street fair")),
                        // acknowledged in the previous shift
                        "carry",
                        List.of(act("ack", "2026-12-07T04:10:00Z", null)));
        var dosage =
                Map.of(
                        LocalDate.parse("2026-12-07"),
                        Map.<String, JsonNode>of(
                                "NORTH",
                                Json.object()
                                        .put("minutes", 45)
                                        .put("visits", 4)
                                        .put("declined", 2)));
        var in =
                new HandoverReport.Inputs(
                        revisions, Map.of(), logs, dosage, Map.of("NORTH", 3L, "SOUTH", 1L));
        return HandoverReport.build(FROM, TO, zone, TO, in, scope);
    }

    @Test
    void countsTheShiftPerDistrict() {
        var r = report(ZoneOffset.UTC, d -> true);
        assertThat(r.districts())
                .extracting(HandoverReport.DistrictShift::district)
                .containsExactly("NORTH", "SOUTH");
        var north = r.districts().get(0);
        assertThat(north.opened()).isEqualTo(1);
        assertThat(north.stillOpen()).isEqualTo(1);
        assertThat(north.acknowledged()).isEqualTo(1);
        assertThat(north.dismissed()).isEqualTo(1);
        assertThat(north.dismissReasons()).containsExactly("street fair");
        assertThat(north.patrolMinutes()).isEqualTo(45);
        assertThat(north.declined()).isEqualTo(2);
        assertThat(north.tips()).isEqualTo(3);
        // the strongest revision explains the place, and its handling is listed
        var top = north.topPlaces().get(0);
        assertThat(top.alertId()).isEqualTo("n1");
        assertThat(top.recurrenceIntervalDays()).isEqualTo(900);
        assertThat(top.windowMinutes()).isEqualTo(60);
        assertThat(top.handling()).contains("acknowledged by sup1").contains("street fair");
        assertThat(north.topPlaces())
                .extracting(HandoverReport.Place::alertId)
                .containsExactly("n1", "carry");
        var south = r.districts().get(1);
        assertThat(south.opened()).isEqualTo(1);
        assertThat(south.topPlaces())
                .extracting(HandoverReport.Place::alertId)
                .containsExactly("s1");
        assertThat(r.total().opened()).isEqualTo(2);
    }

    @Test
    void aSupervisorSeesOnlyTheDistrictsInScope() {
        var r = report(ZoneOffset.UTC, "SOUTH"::equals);
        assertThat(r.districts())
                .extracting(HandoverReport.DistrictShift::district)
                .containsExactly("SOUTH");
        assertThat(HandoverHtml.document(r)).doesNotContain("NORTH").doesNotContain("street fair");
    }

    @Test
    void theDocumentEscapesWhatPeopleTyped() {
        var html = HandoverHtml.document(report(ZoneOffset.UTC, d -> true));
        assertThat(html).startsWith("<!doctype html>").contains("@media print");
        assertThat(html).contains("data-district=\"NORTH\"").contains("street fair");
        var in =
                new HandoverReport.Inputs(
                        List.of(
                                rev(
                                        "x",
                                        "<b>EAST</b>",
                                        "opened",
                                        "2026-12-07T07:00:00Z",
                                        "2026-12-07T07:00:00Z",
                                        50)),
                        Map.of(),
                        Map.of(
                                "x",
                                List.of(
                                        act(
                                                "dismiss",
                                                "2026-12-07T08:00:00Z",
                                                "<script>alert(1)</script>"))),
                        Map.of(),
                        Map.of());
        var doc =
                HandoverHtml.document(
                        HandoverReport.build(FROM, TO, ZoneOffset.UTC, TO, in, d -> true));
        assertThat(doc)
                .doesNotContain("<script>")
                .doesNotContain("<b>EAST")
                .contains("&lt;script&gt;");
    }

    @Test
    void theShiftsLocalDaysAreThoseOfTheCity() {
        assertThat(
                        HandoverReport.dates(
                                Instant.parse("2026-12-07T04:00:00Z"),
                                Instant.parse("2026-12-07T08:00:00Z"),
                                ZoneId.of("America/Chicago")))
                .containsExactly(LocalDate.parse("2026-12-06"), LocalDate.parse("2026-12-07"));
        assertThatThrownBy(
                        () -> HandoverReport.build(TO, FROM, ZoneOffset.UTC, TO, null, d -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before");
    }
}
