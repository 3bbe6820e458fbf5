package io.beatwatch.core.patrol;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.json.Json;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * District boundaries from an agency's GeoJSON (a FeatureCollection of Polygon / MultiPolygon
 * features, WGS84 longitude-latitude, holes honoured): the district of a point is the first feature
 * containing it. Used instead of the learned {@link DistrictMap} when a city ships one, by
 * convention {@code config/cities/<profile>.districts.geojson}.
 */
public final class DistrictBoundaries implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Feature properties tried, in order, for the district name when none is configured. */
    public static final List<String> DEFAULT_NAME_PROPERTIES =
            List.of("district", "DISTRICT", "name", "NAME", "substation", "SUBSTATION");

    private final List<Area> areas;

    private DistrictBoundaries(List<Area> areas) {
        this.areas = List.copyOf(areas);
    }

    /** One named district: its polygons, each an outer ring and holes. */
    private record Area(String name, List<double[][][]> polygons) implements Serializable {}

    /** Reads a GeoJSON file; the district name from {@code property}, or the defaults when null. */
    public static DistrictBoundaries load(Path file, String property) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), property);
    }

    /** Parses GeoJSON text; throws {@link IllegalArgumentException} on anything it cannot use. */
    public static DistrictBoundaries parse(String geojson, String property) {
        JsonNode root = Json.tree(geojson);
        if (!"FeatureCollection".equals(root.path("type").asText())) {
            throw new IllegalArgumentException("district boundaries must be a FeatureCollection");
        }
        List<Area> areas = new ArrayList<>();
        for (JsonNode f : root.path("features")) {
            String name = name(f.path("properties"), property);
            if (name == null) {
                throw new IllegalArgumentException(
                        "a feature has no district name (property "
                                + (property == null ? DEFAULT_NAME_PROPERTIES : property)
                                + ")");
            }
            JsonNode g = f.path("geometry");
            List<double[][][]> polygons = new ArrayList<>();
            switch (g.path("type").asText()) {
                case "Polygon" -> polygons.add(polygon(g.path("coordinates")));
                case "MultiPolygon" -> {
                    for (JsonNode p : g.path("coordinates")) polygons.add(polygon(p));
                }
                default ->
                        throw new IllegalArgumentException(
                                "district '"
                                        + name
                                        + "': geometry must be Polygon or MultiPolygon, was "
                                        + g.path("type").asText());
            }
            areas.add(new Area(name, polygons));
        }
        if (areas.isEmpty()) throw new IllegalArgumentException("no district features");
        return new DistrictBoundaries(areas);
    }

    /** The district containing the point, or null when it lies outside every district. */
    public String districtAt(double lat, double lon) {
        for (Area a : areas) {
            for (double[][][] polygon : a.polygons()) {
                if (contains(polygon, lat, lon)) return a.name();
            }
        }
        return null;
    }

    /** District names, in file order. */
    public List<String> names() {
        return areas.stream().map(Area::name).distinct().toList();
    }

    private static String name(JsonNode props, String property) {
        List<String> keys = property == null ? DEFAULT_NAME_PROPERTIES : List.of(property);
        for (String k : keys) {
            JsonNode v = props.get(k);
            if (v != null && !v.isNull() && !v.asText().isBlank()) return v.asText().strip();
        }
        return null;
    }

    /** Rings of a polygon as [ring][vertex][lon, lat]. */
    private static double[][][] polygon(JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException("a polygon needs at least one ring");
        }
        double[][][] out = new double[rings.size()][][];
        for (int r = 0; r < rings.size(); r++) {
            JsonNode ring = rings.get(r);
            if (ring.size() < 4) {
                throw new IllegalArgumentException("a polygon ring needs at least 4 positions");
            }
            out[r] = new double[ring.size()][2];
            for (int v = 0; v < ring.size(); v++) {
                JsonNode pos = ring.get(v);
                if (pos.size() < 2 || !pos.get(0).isNumber() || !pos.get(1).isNumber()) {
                    throw new IllegalArgumentException("a position must be [lon, lat]");
                }
                out[r][v][0] = pos.get(0).asDouble();
                out[r][v][1] = pos.get(1).asDouble();
            }
        }
        return out;
    }

    /** Inside the outer ring and outside every hole (even-odd ray casting). */
    private static boolean contains(double[][][] polygon, double lat, double lon) {
        if (!inRing(polygon[0], lat, lon)) return false;
        for (int h = 1; h < polygon.length; h++) {
            if (inRing(polygon[h], lat, lon)) return false;
        }
        return true;
    }

    private static boolean inRing(double[][] ring, double lat, double lon) {
        boolean inside = false;
        for (int i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            double xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }
}
