package io.beatwatch.core.inspect;

import io.beatwatch.core.validate.Bounds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where accepted events lie against the data's own robust extent. Bounds only catch what they
 * exclude, and a template's whole-globe bounds exclude nothing: a projected 0,0 (a missing
 * state-plane coordinate converted to degrees) or a placeholder point lands far from the city yet
 * inside them. Events beyond the quartiles of latitude or longitude widened by {@value #FENCE_IQR}
 * interquartile ranges (plus {@value #MIN_MARGIN_DEG} degrees) are far outside; the robust extent
 * is the box of the others. Quartiles hold even when a quarter of the points are wrong.
 *
 * @param located accepted events with a location
 * @param extent the robust extent (box of the events not far outside), or null with no events
 * @param outside accepted events far outside the extent
 * @param nearZero accepted events within {@value #ZERO_DEG} degrees of 0,0
 * @param topOutside the most repeated points far outside (a projected origin, a placeholder)
 * @param suggestedBounds bounds for the profile: the extent widened by the margin, rounded out
 * @param warning what looks wrong, or null
 */
public record ExtentCheck(
        long located,
        Bounds extent,
        long outside,
        long nearZero,
        List<Point> topOutside,
        Bounds suggestedBounds,
        String warning) {

    /** Fences beyond the quartiles, in interquartile ranges. */
    public static final double FENCE_IQR = 3.0;

    /**
     * Added to each fence, degrees (about 11 km; a city of one street has an IQR near 0). Wide on
     * purpose: the check looks for points far from the city, not for the city's edge (San Antonio's
     * edge calls stay inside).
     */
    public static final double MIN_MARGIN_DEG = 0.1;

    /** Suggested bounds: the robust extent widened by this, degrees. */
    public static final double BOUNDS_MARGIN_DEG = 0.02;

    public static final double ZERO_DEG = 1.0;
    private static final int TOP = 3;

    /** A repeated point and how many events sit on it. */
    public record Point(double lat, double lon, long events) {}

    public ExtentCheck {
        topOutside = List.copyOf(topOutside);
    }

    /** The check over the locations of accepted events ({@code n} of each array is filled). */
    public static ExtentCheck of(double[] lats, double[] lons, int n) {
        if (n == 0) {
            return new ExtentCheck(0, null, 0, 0, List.of(), null, null);
        }
        double[] la = Arrays.copyOf(lats, n);
        double[] lo = Arrays.copyOf(lons, n);
        Arrays.sort(la);
        Arrays.sort(lo);
        double[] latFence = fence(la);
        double[] lonFence = fence(lo);
        double minLat = Double.MAX_VALUE;
        double maxLat = -Double.MAX_VALUE;
        double minLon = Double.MAX_VALUE;
        double maxLon = -Double.MAX_VALUE;
        long outside = 0;
        long nearZero = 0;
        Map<Long, long[]> points = new HashMap<>();
        Map<Long, double[]> where = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double lat = lats[i];
            double lon = lons[i];
            if (Math.abs(lat) < ZERO_DEG && Math.abs(lon) < ZERO_DEG) {
                nearZero++;
            }
            if (lat < latFence[0] || lat > latFence[1] || lon < lonFence[0] || lon > lonFence[1]) {
                outside++;
                long key = Math.round(lat * 1e4) * 4_000_000L + Math.round(lon * 1e4) + 2_000_000L;
                points.computeIfAbsent(key, k -> new long[1])[0]++;
                where.putIfAbsent(key, new double[] {lat, lon});
            } else {
                minLat = Math.min(minLat, lat);
                maxLat = Math.max(maxLat, lat);
                minLon = Math.min(minLon, lon);
                maxLon = Math.max(maxLon, lon);
            }
        }
        var top = new ArrayList<Point>();
        points.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Long, long[]> e) -> -e.getValue()[0]))
                .limit(TOP)
                .forEach(
                        e -> {
                            double[] p = where.get(e.getKey());
                            top.add(new Point(p[0], p[1], e.getValue()[0]));
                        });
        if (outside == n) {
            // cannot happen with quartile fences, but keep the record valid
            minLat = la[0];
            maxLat = la[n - 1];
            minLon = lo[0];
            maxLon = lo[n - 1];
        }
        Bounds extent =
                new Bounds(
                        minLat,
                        Math.max(maxLat, minLat + 1e-6),
                        minLon,
                        Math.max(maxLon, minLon + 1e-6));
        Bounds suggested =
                new Bounds(
                        Math.max(-90, floor2(minLat - BOUNDS_MARGIN_DEG)),
                        Math.min(90, ceil2(maxLat + BOUNDS_MARGIN_DEG)),
                        Math.max(-180, floor2(minLon - BOUNDS_MARGIN_DEG)),
                        Math.min(180, ceil2(maxLon + BOUNDS_MARGIN_DEG)));
        String warning = null;
        if (outside > 0) {
            var sb =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "%,d accepted events (%.2f%%) lie far outside the data's extent"
                                            + " (lat %.3f..%.3f, lon %.3f..%.3f)",
                                    outside,
                                    100.0 * outside / n,
                                    minLat,
                                    maxLat,
                                    minLon,
                                    maxLon));
            if (!top.isEmpty()) {
                Point p = top.get(0);
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "; most at %.4f,%.4f (%,d events): a projected origin or a"
                                        + " placeholder?",
                                p.lat(),
                                p.lon(),
                                p.events()));
            }
            sb.append(
                    String.format(
                            Locale.ROOT,
                            " Tighten the profile's bounds, e.g. {minLat: %.2f, maxLat: %.2f,"
                                    + " minLon: %.2f, maxLon: %.2f}.",
                            suggested.minLat(),
                            suggested.maxLat(),
                            suggested.minLon(),
                            suggested.maxLon()));
            warning = sb.toString();
        }
        return new ExtentCheck(n, extent, outside, nearZero, top, suggested, warning);
    }

    /** Tukey-style fences: quartiles widened by {@value #FENCE_IQR} x IQR plus a margin. */
    private static double[] fence(double[] sorted) {
        double q1 = sorted[(int) Math.floor(0.25 * (sorted.length - 1))];
        double q3 = sorted[(int) Math.ceil(0.75 * (sorted.length - 1))];
        double w = FENCE_IQR * (q3 - q1) + MIN_MARGIN_DEG;
        return new double[] {q1 - w, q3 + w};
    }

    private static double floor2(double v) {
        return Math.floor(v * 100) / 100;
    }

    private static double ceil2(double v) {
        return Math.ceil(v * 100) / 100;
    }
}
