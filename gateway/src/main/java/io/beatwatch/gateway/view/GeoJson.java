package io.beatwatch.gateway.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.gateway.internal.Json;
import java.util.Collection;

/** GeoJSON builders for hex cells (RFC 7946: [lon, lat] order, closed rings). */
public final class GeoJson {

    private GeoJson() {}

    /** A Feature whose geometry is the cell's hexagon. */
    public static ObjectNode hexFeature(String cell, ObjectNode properties) {
        var f = Json.object();
        f.put("type", "Feature");
        f.put("id", cell);
        var g = f.putObject("geometry");
        g.put("type", "Polygon");
        var ring = g.putArray("coordinates").addArray();
        var boundary = Hexes.boundary(cell);
        for (var v : boundary) {
            ring.addArray().add(CellView.round(v.lng)).add(CellView.round(v.lat));
        }
        var first = boundary.get(0);
        ring.addArray().add(CellView.round(first.lng)).add(CellView.round(first.lat));
        f.set("properties", properties);
        return f;
    }

    /** A FeatureCollection of the given features. */
    public static ObjectNode collection(Collection<ObjectNode> features) {
        var c = Json.object();
        c.put("type", "FeatureCollection");
        var a = c.putArray("features");
        features.forEach(a::add);
        return c;
    }
}
