package io.beatwatch.core.validate;

/**
 * A latitude / longitude box in WGS84 degrees that a city's events must fall in. Inclusive on every
 * edge. Does not cross the antimeridian (no city profile needs it).
 */
public record Bounds(double minLat, double maxLat, double minLon, double maxLon) {

    public Bounds {
        requireInRange("minLat", minLat, 90);
        requireInRange("maxLat", maxLat, 90);
        requireInRange("minLon", minLon, 180);
        requireInRange("maxLon", maxLon, 180);
        if (minLat >= maxLat) {
            throw new IllegalArgumentException(
                    "bounds: minLat " + minLat + " must be below maxLat " + maxLat);
        }
        if (minLon >= maxLon) {
            throw new IllegalArgumentException(
                    "bounds: minLon " + minLon + " must be below maxLon " + maxLon);
        }
    }

    /** The whole globe: accepts any valid coordinate. */
    public static Bounds world() {
        return new Bounds(-90, 90, -180, 180);
    }

    /** Whether the point lies inside the box (edges included). */
    public boolean contains(double lat, double lon) {
        return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
    }

    private static void requireInRange(String name, double value, double limit) {
        if (!(value >= -limit && value <= limit)) {
            throw new IllegalArgumentException(
                    "bounds: " + name + " " + value + " outside [-" + limit + ", " + limit + "]");
        }
    }
}
