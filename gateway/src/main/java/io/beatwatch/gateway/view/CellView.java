package io.beatwatch.gateway.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.gateway.internal.Json;
import java.util.Map;
import java.util.Optional;

/**
 * One cell of the live map in one window, as consoles see it (docs/protocol.md {@code Cell}):
 * counts, score, recurrence interval, district, centre and hex boundary.
 */
public record CellView(
        String cell,
        int window,
        long observed,
        double expected,
        double score,
        double recurrenceIntervalDays,
        String district,
        double lat,
        double lon,
        String updatedAt) {

    /** The coalescing key: one pending update per cell and window. */
    public String key() {
        return cell + ":" + window;
    }

    /**
     * Builds a view from a cell hash; empty if the cell id is not valid H3 or the hash is empty.
     * The district falls back to the one whose ranked set listed the cell.
     */
    public static Optional<CellView> fromHash(
            String cell, int window, Map<String, String> hash, String fallbackDistrict) {
        if (hash == null || hash.isEmpty() || !Hexes.isCell(cell)) {
            return Optional.empty();
        }
        var center = Hexes.center(cell);
        var rec =
                hash.containsKey(CellFields.RECURRENCE)
                        ? hash.get(CellFields.RECURRENCE)
                        : hash.get(CellFields.RECURRENCE_LONG);
        return Optional.of(
                new CellView(
                        cell,
                        window,
                        (long) num(hash.get(CellFields.OBSERVED), 0),
                        num(hash.get(CellFields.EXPECTED), 0),
                        num(hash.get(CellFields.SCORE), 0),
                        num(rec, 0),
                        hash.getOrDefault(CellFields.DISTRICT, fallbackDistrict),
                        num(hash.get(CellFields.LAT), center.lat),
                        num(hash.get(CellFields.LON), center.lng),
                        hash.get(CellFields.UPDATED_AT)));
    }

    /** This cell with nothing in it: sent once when a cell leaves the view. */
    public CellView cold() {
        return new CellView(cell, window, 0, 0, 0, 0, district, lat, lon, updatedAt);
    }

    /** The protocol's Cell object, with the boundary as [[lat, lon], ...]. */
    public ObjectNode toJson() {
        var n = properties();
        ArrayNode b = n.putArray("boundary");
        for (var v : Hexes.boundary(cell)) {
            b.addArray().add(round(v.lat)).add(round(v.lng));
        }
        return n;
    }

    /** The Cell fields without geometry (GeoJSON properties). */
    public ObjectNode properties() {
        var n = Json.object();
        n.put("cell", cell);
        n.put("window", window);
        n.put("observed", observed);
        n.put("expected", expected);
        n.put("score", score);
        n.put("recurrenceIntervalDays", recurrenceIntervalDays);
        if (district != null) {
            n.put("district", district);
        }
        n.put("lat", lat);
        n.put("lon", lon);
        if (updatedAt != null) {
            n.put("updatedAt", updatedAt);
        }
        return n;
    }

    /** A GeoJSON Feature: the hex polygon ([lon, lat], closed ring) with the Cell properties. */
    public ObjectNode toFeature() {
        return GeoJson.hexFeature(cell, properties());
    }

    private static double num(String s, double fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static double round(double deg) {
        return Math.round(deg * 1e6) / 1e6;
    }
}
