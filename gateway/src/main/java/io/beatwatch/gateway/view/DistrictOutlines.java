package io.beatwatch.gateway.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.core.patrol.DistrictBoundaries;
import io.beatwatch.gateway.internal.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * District and beat outlines for the console's map, as one GeoJSON FeatureCollection whose features
 * carry {@code level} ({@code district} or {@code beat}), {@code district} and {@code name} (and
 * {@code beat} for a beat), with the city's extent as {@code bbox} and the {@code source} ({@code
 * profile}: the agency's boundaries; {@code derived}: the convex hull of the cells each district,
 * or beat, has in the view, for an agency without boundaries). {@code beatSource} says where the
 * beats came from when there are any.
 */
public final class DistrictOutlines {

    public static final String PROFILE = "profile";
    public static final String DERIVED = "derived";

    /** Values of a feature's {@code level} property. */
    public static final String LEVEL_DISTRICT = "district";

    public static final String LEVEL_BEAT = "beat";

    /**
     * Feature properties naming a beat in an agency's boundaries file; a feature with one is a
     * beat.
     */
    public static final List<String> BEAT_PROPERTIES = List.of("beat", "BEAT", "Beat");

    private DistrictOutlines() {}

    /**
     * The agency's boundaries, checked the way the patrol job reads them ({@link
     * DistrictBoundaries}), each feature named by its district and kept only if {@code shown}. A
     * feature with a beat property ({@link #BEAT_PROPERTIES}, or {@code level: "beat"}) is a beat
     * of its district; the job reads it as part of that district, so it must name it too.
     */
    public static ObjectNode fromBoundaries(String geojson, Predicate<String> shown) {
        // the same parser as the job: a file the job refuses is refused here too
        DistrictBoundaries.parse(geojson, null);
        var features = new ArrayList<ObjectNode>();
        boolean beats = false;
        for (JsonNode f : io.beatwatch.core.json.Json.tree(geojson).path("features")) {
            var in = f.path("properties");
            var name = nameOf(in);
            if (!shown.test(name)) {
                continue;
            }
            var beat = beatOf(in);
            var out = Json.object();
            out.put("type", "Feature");
            out.set("geometry", f.path("geometry").deepCopy());
            var props = out.putObject("properties");
            props.put("level", beat == null ? LEVEL_DISTRICT : LEVEL_BEAT);
            props.put("district", name);
            props.put("name", beat == null ? name : beat);
            if (beat != null) {
                props.put("beat", beat);
                beats = true;
            }
            features.add(out);
        }
        var c = collection(features, PROFILE);
        if (beats) {
            c.put("beatSource", PROFILE);
        }
        return c;
    }

    /** Whether the collection has beat outlines. */
    public static boolean hasBeats(ObjectNode collection) {
        for (var f : collection.path("features")) {
            if (LEVEL_BEAT.equals(f.path("properties").path("level").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds beat outlines derived from the data to a collection: per district and beat, the convex
     * hull of the cells whose latest call named that beat. The extent stays the districts'.
     */
    public static ObjectNode withDerivedBeats(
            ObjectNode collection,
            Map<String, ? extends Map<String, ? extends Set<String>>> beats) {
        var features = (ArrayNode) collection.withArray("features");
        boolean any = false;
        for (var d : new TreeMap<>(beats).entrySet()) {
            for (var b : new TreeMap<>(d.getValue()).entrySet()) {
                var f = hullFeature(b.getValue());
                if (f == null) {
                    continue;
                }
                var props = f.putObject("properties");
                props.put("level", LEVEL_BEAT);
                props.put("district", d.getKey());
                props.put("beat", b.getKey());
                props.put("name", b.getKey());
                props.put("cells", b.getValue().size());
                features.add(f);
                any = true;
            }
        }
        if (any) {
            collection.put("beatSource", DERIVED);
        }
        return collection;
    }

    /**
     * Outlines derived from the data: per district, the convex hull of the vertices of every cell
     * seen there. A district with one cell is that hexagon.
     */
    public static ObjectNode fromCells(Map<String, ? extends Set<String>> cellsByDistrict) {
        var features = new ArrayList<ObjectNode>();
        for (var e : new TreeMap<>(cellsByDistrict).entrySet()) {
            var f = hullFeature(e.getValue());
            if (f == null) {
                continue;
            }
            var props = f.putObject("properties");
            props.put("level", LEVEL_DISTRICT);
            props.put("district", e.getKey());
            props.put("name", e.getKey());
            props.put("cells", e.getValue().size());
            features.add(f);
        }
        return collection(features, DERIVED);
    }

    /** A Polygon feature, without properties, hulling every vertex of the cells; null if empty. */
    private static ObjectNode hullFeature(Set<String> cells) {
        var points = new ArrayList<double[]>();
        for (var cell : cells) {
            if (!Hexes.isCell(cell)) {
                continue;
            }
            for (var v : Hexes.boundary(cell)) {
                points.add(new double[] {v.lng, v.lat});
            }
        }
        var hull = convexHull(points);
        if (hull.size() < 3) {
            return null;
        }
        var f = Json.object();
        f.put("type", "Feature");
        var g = f.putObject("geometry");
        g.put("type", "Polygon");
        var ring = g.putArray("coordinates").addArray();
        for (var p : hull) {
            ring.addArray().add(CellView.round(p[0])).add(CellView.round(p[1]));
        }
        ring.addArray().add(CellView.round(hull.get(0)[0])).add(CellView.round(hull.get(0)[1]));
        return f;
    }

    /**
     * The convex hull of points {@code [x, y]}, counter-clockwise, without collinear points
     * (Andrew's monotone chain). Fewer than three distinct points come back as they are.
     */
    public static List<double[]> convexHull(List<double[]> points) {
        var sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        var distinct = new ArrayList<double[]>();
        for (var p : sorted) {
            if (distinct.isEmpty()
                    || distinct.get(distinct.size() - 1)[0] != p[0]
                    || distinct.get(distinct.size() - 1)[1] != p[1]) {
                distinct.add(p);
            }
        }
        if (distinct.size() < 3) {
            return distinct;
        }
        var hull = new ArrayList<double[]>();
        for (int pass = 0; pass < 2; pass++) {
            int start = hull.size();
            for (int i = 0; i < distinct.size(); i++) {
                var p = distinct.get(pass == 0 ? i : distinct.size() - 1 - i);
                while (hull.size() >= start + 2
                        && cross(hull.get(hull.size() - 2), hull.get(hull.size() - 1), p) <= 0) {
                    hull.remove(hull.size() - 1);
                }
                hull.add(p);
            }
            // the last point of each chain is the first of the other
            hull.remove(hull.size() - 1);
        }
        return hull;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }

    private static ObjectNode collection(List<ObjectNode> features, String source) {
        var c = GeoJson.collection(features);
        c.put("source", source);
        var box = bbox(c.path("features"));
        if (box != null) {
            var b = Json.array();
            for (double v : box) {
                b.add(CellView.round(v));
            }
            c.set("bbox", b);
        }
        return c;
    }

    /** West, south, east, north of every coordinate in the features; null when there are none. */
    static double[] bbox(JsonNode features) {
        var box =
                new double[] {
                    Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY,
                    Double.NEGATIVE_INFINITY
                };
        for (var f : features) {
            extend(box, f.path("geometry").path("coordinates"));
        }
        return box[0] <= box[2] ? box : null;
    }

    private static void extend(double[] box, JsonNode coords) {
        if (coords.isArray() && coords.size() >= 2 && coords.get(0).isNumber()) {
            double x = coords.get(0).asDouble();
            double y = coords.get(1).asDouble();
            box[0] = Math.min(box[0], x);
            box[1] = Math.min(box[1], y);
            box[2] = Math.max(box[2], x);
            box[3] = Math.max(box[3], y);
            return;
        }
        if (coords instanceof ArrayNode a) {
            a.forEach(c -> extend(box, c));
        }
    }

    private static String beatOf(JsonNode props) {
        for (var key : BEAT_PROPERTIES) {
            var v = props.path(key);
            if (v.isValueNode() && !v.asText().isBlank()) {
                return v.asText().strip();
            }
        }
        if (LEVEL_BEAT.equals(props.path("level").asText())) {
            var n = props.path("name");
            return n.isValueNode() && !n.asText().isBlank() ? n.asText().strip() : null;
        }
        return null;
    }

    private static String nameOf(JsonNode props) {
        for (var key : DistrictBoundaries.DEFAULT_NAME_PROPERTIES) {
            var v = props.path(key);
            if (v.isValueNode() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }
}
