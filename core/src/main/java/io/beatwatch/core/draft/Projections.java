package io.beatwatch.core.draft;

import io.beatwatch.core.geo.Projection;
import io.beatwatch.core.validate.Bounds;
import java.util.ArrayList;
import java.util.List;

/**
 * Projected coordinate systems a US CAD export commonly writes (state plane in feet, UTM in
 * metres), each with the area it is meant for, converted to WGS84 degrees with proj4j. A system
 * fits an export when its points land inside the system's own area.
 */
public final class Projections {

    /** A projected system and the box (degrees) where it is used. */
    public record Candidate(String epsg, String label, Bounds area) {}

    private static Candidate c(
            int code, String label, double minLat, double maxLat, double minLon, double maxLon) {
        return new Candidate("EPSG:" + code, label, new Bounds(minLat, maxLat, minLon, maxLon));
    }

    /** State-plane zones of the larger US cities (NAD83, feet), then NAD83 UTM zones 10N-19N. */
    public static final List<Candidate> CANDIDATES = candidates();

    private static List<Candidate> candidates() {
        var l = new ArrayList<Candidate>();
        l.add(c(2269, "NAD83 / Oregon North (ft)", 43.9, 46.4, -124.3, -116.4));
        l.add(c(2270, "NAD83 / Oregon South (ft)", 41.9, 44.6, -124.6, -116.9));
        l.add(c(2285, "NAD83 / Washington North (ftUS)", 47.0, 49.1, -124.9, -117.0));
        l.add(c(2286, "NAD83 / Washington South (ftUS)", 45.5, 47.7, -124.5, -116.9));
        l.add(c(2226, "NAD83 / California zone 2 (ftUS)", 38.0, 40.3, -124.2, -119.5));
        l.add(c(2227, "NAD83 / California zone 3 (ftUS)", 36.7, 38.8, -123.7, -117.8));
        l.add(c(2228, "NAD83 / California zone 4 (ftUS)", 35.8, 37.6, -122.1, -115.6));
        l.add(c(2229, "NAD83 / California zone 5 (ftUS)", 32.7, 35.8, -121.5, -114.1));
        l.add(c(2230, "NAD83 / California zone 6 (ftUS)", 32.5, 34.1, -118.2, -114.4));
        l.add(c(3421, "NAD83 / Nevada East (ftUS)", 34.9, 42.0, -117.0, -114.0));
        l.add(c(2223, "NAD83 / Arizona Central (ft)", 31.3, 37.0, -113.4, -110.4));
        l.add(c(3566, "NAD83 / Utah Central (ftUS)", 38.4, 41.2, -114.1, -109.0));
        l.add(c(2232, "NAD83 / Colorado Central (ftUS)", 38.2, 40.1, -109.1, -102.0));
        l.add(c(2903, "NAD83 / New Mexico Central (ftUS)", 31.7, 37.0, -107.8, -104.8));
        l.add(c(2278, "NAD83 / Texas South Central (ftUS)", 27.8, 30.7, -100.9, -93.7));
        l.add(c(2277, "NAD83 / Texas Central (ftUS)", 29.8, 32.3, -106.7, -93.5));
        l.add(c(2276, "NAD83 / Texas North Central (ftUS)", 31.7, 34.6, -103.1, -94.0));
        l.add(c(2267, "NAD83 / Oklahoma North (ftUS)", 35.2, 37.0, -103.0, -94.4));
        l.add(c(3452, "NAD83 / Louisiana South (ftUS)", 28.8, 31.1, -93.9, -88.7));
        l.add(c(3435, "NAD83 / Illinois East (ftUS)", 37.0, 42.5, -89.3, -87.0));
        l.add(c(2289, "NAD83 / Wisconsin South (ftUS)", 42.4, 44.3, -91.5, -86.8));
        l.add(c(2253, "NAD83 / Michigan South (ft)", 41.7, 44.2, -87.2, -82.1));
        l.add(c(2965, "NAD83 / Indiana East (ftUS)", 37.9, 41.8, -86.6, -84.7));
        l.add(c(3734, "NAD83 / Ohio North (ftUS)", 40.1, 42.0, -84.9, -80.5));
        l.add(c(3735, "NAD83 / Ohio South (ftUS)", 38.4, 40.4, -84.9, -80.5));
        l.add(c(2246, "NAD83 / Kentucky North (ftUS)", 37.7, 39.2, -85.9, -82.5));
        l.add(c(2274, "NAD83 / Tennessee (ftUS)", 34.9, 36.7, -90.4, -81.6));
        l.add(c(2240, "NAD83 / Georgia West (ftUS)", 30.6, 35.0, -85.7, -83.0));
        l.add(c(2264, "NAD83 / North Carolina (ftUS)", 33.8, 36.6, -84.4, -75.4));
        l.add(c(2236, "NAD83 / Florida East (ftUS)", 24.4, 30.9, -82.4, -79.9));
        l.add(c(2237, "NAD83 / Florida West (ftUS)", 26.2, 29.7, -83.4, -81.1));
        l.add(c(2248, "NAD83 / Maryland (ftUS)", 37.9, 39.8, -79.5, -75.0));
        l.add(c(2283, "NAD83 / Virginia North (ftUS)", 37.7, 39.5, -80.1, -76.5));
        l.add(c(2272, "NAD83 / Pennsylvania South (ftUS)", 39.7, 41.2, -80.6, -74.7));
        l.add(c(3424, "NAD83 / New Jersey (ftUS)", 38.9, 41.4, -75.6, -73.8));
        l.add(c(2263, "NAD83 / New York Long Island (ftUS)", 40.5, 41.3, -74.3, -71.8));
        l.add(c(2249, "NAD83 / Massachusetts Mainland (ftUS)", 41.4, 42.9, -73.5, -69.9));
        for (int zone = 10; zone <= 19; zone++) {
            double cm = -183 + 6 * zone;
            l.add(
                    c(
                            26900 + zone,
                            "NAD83 / UTM zone " + zone + "N (m)",
                            24.0,
                            50.0,
                            cm - 3,
                            cm + 3));
        }
        return List.copyOf(l);
    }

    private Projections() {}

    /** Converts projected x/y (easting, northing) to {lat[], lon[]} degrees with one system. */
    public static double[][] toDegrees(String epsg, double[] x, double[] y) {
        Projection p = Projection.of(epsg);
        double[] lat = new double[x.length];
        double[] lon = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] d = p.toDegrees(x[i], y[i]);
            lat[i] = d[0];
            lon[i] = d[1];
        }
        return new double[][] {lat, lon};
    }
}
