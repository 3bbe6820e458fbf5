package io.beatwatch.gateway.handover;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.timeline.AlertTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What happened in one shift ({@code [from, to)}), per district: alerts opened, still open at the
 * end, acknowledged and dismissed (with reasons), the top places with their explanations, patrol
 * minutes and declined suggestions, and tips received. Built from the alert stream, the alert logs,
 * the job's daily dosage summaries and the tip index, by {@link #build}.
 */
public record HandoverReport(
        Instant from, Instant to, ZoneId zone, Instant generatedAt, List<DistrictShift> districts) {

    /** Top places listed per district. */
    public static final int TOP_PLACES = 5;

    /** Longest shift a report covers. */
    public static final Duration MAX_SPAN = Duration.ofDays(7);

    public HandoverReport {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw new IllegalArgumentException("a handover covers at most 7 days");
        }
        districts = List.copyOf(districts);
    }

    /** One district's shift. */
    public record DistrictShift(
            String district,
            int opened,
            int stillOpen,
            int acknowledged,
            int dismissed,
            List<String> dismissReasons,
            List<Place> topPlaces,
            long patrolMinutes,
            long patrolVisits,
            long declined,
            long tips) {}

    /**
     * One place worth handing over: the alert, where, why (its strongest revision in the shift),
     * and what was done about it.
     */
    public record Place(
            String alertId,
            String zone,
            double lat,
            double lon,
            long observed,
            double expected,
            long windowMinutes,
            double recurrenceIntervalDays,
            String category,
            String topTypes,
            String handling) {}

    /** Everything read from Redis for one report. */
    public record Inputs(
            List<JsonNode> revisions,
            Map<String, JsonNode> openNow,
            Map<String, List<JsonNode>> logs,
            Map<LocalDate, Map<String, JsonNode>> dosage,
            Map<String, Long> tipsByDistrict) {}

    /** The local dates a shift touches, in the city's zone (the job's dosage days). */
    public static List<LocalDate> dates(Instant from, Instant to, ZoneId zone) {
        var out = new ArrayList<LocalDate>();
        var last = to.minusMillis(1).atZone(zone).toLocalDate();
        for (var d = from.atZone(zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            out.add(d);
        }
        return out;
    }

    /** Builds the report for the districts {@code inScope} accepts. */
    public static HandoverReport build(
            Instant from,
            Instant to,
            ZoneId zone,
            Instant generatedAt,
            Inputs in,
            Predicate<String> inScope) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        // every alert's revisions up to the end of the shift, in stream order
        Map<String, List<JsonNode>> byAlert = new LinkedHashMap<>();
        for (var r : in.revisions()) {
            var at = AlertTimeline.time(r.path("eventTime"), null);
            if (at != null && !at.isBefore(to)) {
                continue;
            }
            byAlert.computeIfAbsent(r.path("alertId").asText(), k -> new ArrayList<>()).add(r);
        }
        for (var e : in.openNow().entrySet()) {
            var opened = AlertTimeline.time(e.getValue().path("openedAt"), null);
            if (!byAlert.containsKey(e.getKey()) && opened != null && opened.isBefore(to)) {
                byAlert.put(e.getKey(), List.of(e.getValue()));
            }
        }
        var districts = new TreeSet<String>();
        Map<String, Tally> tallies = new HashMap<>();
        for (var e : byAlert.entrySet()) {
            var revs = e.getValue();
            var latest = revs.get(revs.size() - 1);
            var district = latest.path("district").asText("unknown");
            if (!inScope.test(district)) {
                continue;
            }
            var opened = AlertTimeline.time(latest.path("openedAt"), null);
            var closedAt = closedAt(revs);
            // active in the shift: opened before its end, not closed before its start
            if (closedAt != null && closedAt.isBefore(from)) {
                continue;
            }
            districts.add(district);
            var t = tallies.computeIfAbsent(district, k -> new Tally());
            if (opened != null && !opened.isBefore(from)) {
                t.opened++;
            }
            if (closedAt == null) {
                t.stillOpen++;
            }
            var log = in.logs().getOrDefault(e.getKey(), List.of());
            var handling = new ArrayList<String>();
            for (var entry : log) {
                if (AlertTimeline.PATROL.equals(entry.path("kind").asText())) {
                    continue;
                }
                var at = AlertTimeline.time(entry.path("at"), null);
                var action = entry.path("action").asText();
                if (at == null || at.isBefore(from) || !at.isBefore(to)) {
                    continue;
                }
                switch (action) {
                    case "ack" -> {
                        t.acked++;
                        handling.add("acknowledged by " + entry.path("by").asText());
                    }
                    case "assign" -> handling.add("assigned to " + entry.path("assignee").asText());
                    case "dismiss" -> {
                        t.dismissed++;
                        var reason = entry.path("note").asText("");
                        handling.add(
                                "dismissed by "
                                        + entry.path("by").asText()
                                        + (reason.isEmpty() ? "" : ": " + reason));
                        if (!reason.isEmpty()) {
                            t.reasons.add(reason);
                        }
                    }
                    default -> {}
                }
            }
            if (closedAt != null) {
                handling.add("closed by the detector");
            } else if (handling.isEmpty()) {
                handling.add("not acknowledged");
            }
            t.places.add(place(e.getKey(), strongest(revs), String.join("; ", handling)));
        }
        for (var day : in.dosage().values()) {
            for (var e : day.entrySet()) {
                if (inScope.test(e.getKey())) {
                    districts.add(e.getKey());
                    var t = tallies.computeIfAbsent(e.getKey(), k -> new Tally());
                    t.minutes += e.getValue().path("minutes").asLong();
                    t.visits += e.getValue().path("visits").asLong();
                    t.declined += e.getValue().path("declined").asLong();
                }
            }
        }
        for (var e : in.tipsByDistrict().entrySet()) {
            if (inScope.test(e.getKey())) {
                districts.add(e.getKey());
                tallies.computeIfAbsent(e.getKey(), k -> new Tally()).tips += e.getValue();
            }
        }
        var out = new ArrayList<DistrictShift>();
        for (var d : districts) {
            var t = tallies.get(d);
            t.places.sort(
                    Comparator.comparingDouble(Place::recurrenceIntervalDays)
                            .thenComparingLong(Place::observed)
                            .reversed());
            out.add(
                    new DistrictShift(
                            d,
                            t.opened,
                            t.stillOpen,
                            t.acked,
                            t.dismissed,
                            List.copyOf(t.reasons),
                            List.copyOf(t.places.subList(0, Math.min(TOP_PLACES, t.places.size()))),
                            t.minutes,
                            t.visits,
                            t.declined,
                            t.tips));
        }
        return new HandoverReport(from, to, zone, generatedAt, out);
    }

    /** The total over every district of the report. */
    public DistrictShift total() {
        var t = new Tally();
        for (var d : districts) {
            t.opened += d.opened();
            t.stillOpen += d.stillOpen();
            t.acked += d.acknowledged();
            t.dismissed += d.dismissed();
            t.minutes += d.patrolMinutes();
            t.visits += d.patrolVisits();
            t.declined += d.declined();
            t.tips += d.tips();
        }
        return new DistrictShift(
                "All districts",
                t.opened,
                t.stillOpen,
                t.acked,
                t.dismissed,
                List.of(),
                List.of(),
                t.minutes,
                t.visits,
                t.declined,
                t.tips);
    }

    private static final class Tally {
        int opened;
        int stillOpen;
        int acked;
        int dismissed;
        long minutes;
        long visits;
        long declined;
        long tips;
        final List<String> reasons = new ArrayList<>();
        final List<Place> places = new ArrayList<>();
    }

    private static Instant closedAt(List<JsonNode> revs) {
        var last = revs.get(revs.size() - 1);
        if (!"closed".equalsIgnoreCase(last.path("state").asText())) {
            return null;
        }
        return AlertTimeline.time(last.path("eventTime"), Instant.EPOCH);
    }

    /** The revision with the rarest excess among those in force during the shift. */
    private static JsonNode strongest(List<JsonNode> revs) {
        JsonNode best = revs.get(revs.size() - 1);
        for (var r : revs) {
            if ("closed".equalsIgnoreCase(r.path("state").asText())) {
                continue;
            }
            if (r.path("recurrenceIntervalDays").asDouble()
                    > best.path("recurrenceIntervalDays").asDouble()) {
                best = r;
            }
        }
        return best;
    }

    private static Place place(String alertId, JsonNode r, String handling) {
        var types = new ArrayList<String>();
        for (var t : r.path("topTypes")) {
            if (types.size() == 3) {
                break;
            }
            types.add(t.path("type").asText() + " " + t.path("count").asLong());
        }
        return new Place(
                alertId,
                r.path("zone").asText(r.path("cells").path(0).asText("")),
                r.path("centroid").path("lat").asDouble(),
                r.path("centroid").path("lon").asDouble(),
                r.path("observed").asLong(),
                r.path("expected").asDouble(),
                windowMinutes(r.path("window")),
                r.path("recurrenceIntervalDays").asDouble(),
                r.path("category").asText("").toLowerCase(java.util.Locale.ROOT),
                String.join(", ", types),
                handling);
    }

    /** A window written as ISO-8601 ({@code PT1H}) or as seconds (Jackson's default). */
    static long windowMinutes(JsonNode w) {
        if (w.isNumber()) {
            return (long) (w.asDouble() / 60);
        }
        try {
            return Duration.parse(w.asText()).toMinutes();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
