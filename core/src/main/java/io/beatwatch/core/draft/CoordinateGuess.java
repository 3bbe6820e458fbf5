package io.beatwatch.core.draft;

import io.beatwatch.core.validate.Bounds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which columns hold the place and in what system: WGS84 degrees (from names and value ranges) or
 * projected x/y (values in the thousands, converted with each of {@link Projections#CANDIDATES};
 * the system whose points land inside its own area wins, checked against degree columns when the
 * export has both). Also the robust extent of the points and bounds for the profile.
 *
 * @param latColumn column of latitudes in degrees, or null
 * @param lonColumn column of longitudes in degrees, or null
 * @param xColumn projected easting column, or null
 * @param yColumn projected northing column, or null
 * @param projection the projected system that fits, or null (none found, or none fits)
 * @param fits every system whose points land inside its area, best first
 * @param lats latitudes of the located rows (placeholders left out)
 * @param lons longitudes, same rows
 * @param placeholders rows at 0,0 (or within 1 degree / 1 unit of it)
 * @param extent the {@value #LOW_Q}..{@value #HIGH_Q} quantile box of the points, or null
 * @param bounds the extent padded and rounded out: the profile's bounds, or null
 * @param evidence one line per finding, for the draft's comments
 * @param warnings what the user must look at
 */
public record CoordinateGuess(
        String latColumn,
        String lonColumn,
        String xColumn,
        String yColumn,
        Fit projection,
        List<Fit> fits,
        double[] lats,
        double[] lons,
        long placeholders,
        Bounds extent,
        Bounds bounds,
        List<String> evidence,
        List<String> warnings) {

    /** Robust extent: quantiles of latitude and longitude. */
    public static final double LOW_Q = 0.005;

    public static final double HIGH_Q = 0.995;

    /** Bounds: the extent padded by this share of its span, at least {@value #MIN_PAD_DEG}. */
    public static final double PAD_SHARE = 0.10;

    public static final double MIN_PAD_DEG = 0.02;

    /** A projected system fits when at least this share of its points land inside its area. */
    public static final double MIN_INSIDE_SHARE = 0.9;

    /** Projected values whose median magnitude is above this are not degrees. */
    static final double PROJECTED_MIN = 1000;

    /** Points converted per candidate system. */
    static final int FIT_POINTS = 400;

    private static final Pattern LAT =
            Pattern.compile("(^|[^a-z])(lat|latitude)([^a-z]|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LON =
            Pattern.compile(
                    "(^|[^a-z])(lon|lng|long|longitude)([^a-z]|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern X =
            Pattern.compile(
                    "(^|[^a-z])(x|xcoord|x_?coord\\w*|easting|point_?x|coord_?x)([^a-z]|$)",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern Y =
            Pattern.compile(
                    "(^|[^a-z])(y|ycoord|y_?coord\\w*|northing|point_?y|coord_?y)([^a-z]|$)",
                    Pattern.CASE_INSENSITIVE);

    /** A projected system and how well it fits. */
    public record Fit(Projections.Candidate system, double insideShare, double medianKmToDegrees) {
        /** Whether the export's own degree columns confirm it (within 1 km). */
        public boolean confirmed() {
            return medianKmToDegrees < 1.0;
        }
    }

    public CoordinateGuess {
        fits = List.copyOf(fits);
        evidence = List.copyOf(evidence);
        warnings = List.copyOf(warnings);
    }

    /** Whether the profile reads projected x/y (needs {@code projection}). */
    public boolean projected() {
        return latColumn == null && projection != null;
    }

    /** The guess over a sample's columns. */
    public static CoordinateGuess of(List<ColumnStats> columns) {
        var evidence = new ArrayList<String>();
        var warnings = new ArrayList<String>();
        ColumnStats lat = degrees(columns, LAT, 90);
        ColumnStats lon = degrees(columns, LON, 180);
        if (lat == null || lon == null) {
            lat = null;
            lon = null;
        }
        ColumnStats x = projectedColumn(columns, X);
        ColumnStats y = projectedColumn(columns, Y);
        if (x == null || y == null || x == y) {
            x = null;
            y = null;
        }
        double[][] degreePoints = lat == null ? null : pairs(lat, lon, false);
        Fit best = null;
        List<Fit> fits = List.of();
        if (x != null) {
            double[][] xy = pairs(x, y, true);
            long origin = origins(x, y);
            fits = fit(xy, lat == null ? null : pairs(lat, lon, true), x, y);
            evidence.add(
                    String.format(
                            Locale.ROOT,
                            "%s / %s look projected (median %,.0f / %,.0f, not degrees); tried %d"
                                    + " systems with proj4j",
                            x.name(),
                            y.name(),
                            x.quantile(0.5),
                            y.quantile(0.5),
                            Projections.CANDIDATES.size()));
            if (origin > 0) {
                warnings.add(
                        String.format(
                                Locale.ROOT,
                                "%,d rows have %s / %s at 0,0: a projected origin, i.e. no location",
                                origin,
                                x.name(),
                                y.name()));
            }
            if (fits.isEmpty()) {
                evidence.add(
                        "no tried system puts these points inside its own area: could not tell the system");
                if (lat == null) {
                    warnings.add(
                            "projected coordinates in an unknown system: ask the vendor for the EPSG code"
                                    + " and set projection: EPSG:NNNN");
                }
            } else {
                best = fits.get(0);
                for (Fit f : fits.subList(0, Math.min(3, fits.size()))) {
                    evidence.add(
                            String.format(
                                    Locale.ROOT,
                                    "  %s %s: %.0f%% of points inside its area%s",
                                    f.system().epsg(),
                                    f.system().label(),
                                    100 * f.insideShare(),
                                    Double.isNaN(f.medianKmToDegrees())
                                            ? ""
                                            : String.format(
                                                    Locale.ROOT,
                                                    ", median %.3f km from %s/%s",
                                                    f.medianKmToDegrees(),
                                                    lat.name(),
                                                    lon.name())));
                }
                if (lat == null && fits.size() > 1 && !best.confirmed()) {
                    warnings.add(
                            "several projected systems fit ("
                                    + fits.stream().map(f -> f.system().epsg()).toList()
                                    + "): could not decide; took the first, ask the vendor");
                }
            }
        }
        double[] la;
        double[] lo;
        if (degreePoints != null) {
            la = degreePoints[0];
            lo = degreePoints[1];
        } else if (best != null) {
            double[][] xy = pairs(x, y, false);
            double[][] d = Projections.toDegrees(best.system().epsg(), xy[0], xy[1]);
            la = d[0];
            lo = d[1];
        } else {
            la = new double[0];
            lo = new double[0];
        }
        long placeholders = 0;
        if (degreePoints != null) {
            placeholders = lat.nonBlank() - la.length;
        }
        Bounds extent = null;
        Bounds bounds = null;
        if (la.length > 0) {
            double[] sla = la.clone();
            double[] slo = lo.clone();
            Arrays.sort(sla);
            Arrays.sort(slo);
            extent = box(q(sla, LOW_Q), q(sla, HIGH_Q), q(slo, LOW_Q), q(slo, HIGH_Q), 1e-6);
            double padLat = Math.max(MIN_PAD_DEG, PAD_SHARE * (extent.maxLat() - extent.minLat()));
            double padLon = Math.max(MIN_PAD_DEG, PAD_SHARE * (extent.maxLon() - extent.minLon()));
            bounds =
                    box(
                            Math.floor((extent.minLat() - padLat) * 100) / 100,
                            Math.ceil((extent.maxLat() + padLat) * 100) / 100,
                            Math.floor((extent.minLon() - padLon) * 100) / 100,
                            Math.ceil((extent.maxLon() + padLon) * 100) / 100,
                            0.01);
            long outside = 0;
            for (int i = 0; i < la.length; i++) {
                if (!bounds.contains(la[i], lo[i])) {
                    outside++;
                }
            }
            evidence.add(
                    String.format(
                            Locale.ROOT,
                            "%,d located rows; %.1f%%..%.1f%% quantiles: lat %.4f..%.4f, lon %.4f..%.4f;"
                                    + " padded by %.0f%% (at least %.2f deg); %,d rows fall outside",
                            la.length,
                            100 * LOW_Q,
                            100 * HIGH_Q,
                            extent.minLat(),
                            extent.maxLat(),
                            extent.minLon(),
                            extent.maxLon(),
                            100 * PAD_SHARE,
                            MIN_PAD_DEG,
                            outside));
        } else {
            warnings.add("no coordinate columns found: map columns.lat / columns.lon by hand");
        }
        if (placeholders > 0) {
            evidence.add(
                    String.format(
                            Locale.ROOT,
                            "%,d rows sit at or near 0,0 (a 'no location' placeholder): they will be"
                                    + " rejected as missing_coordinates",
                            placeholders));
        }
        return new CoordinateGuess(
                lat == null ? null : lat.name(),
                lon == null ? null : lon.name(),
                x == null ? null : x.name(),
                y == null ? null : y.name(),
                best,
                fits,
                la,
                lo,
                placeholders,
                extent,
                bounds,
                evidence,
                warnings);
    }

    /** A numeric decimal column named like {@code name} whose robust range fits +-limit. */
    private static ColumnStats degrees(List<ColumnStats> columns, Pattern name, double limit) {
        for (ColumnStats c : columns) {
            if (name.matcher(c.name()).find()
                    && c.numeric()
                    && Math.abs(c.quantile(LOW_Q)) <= limit
                    && Math.abs(c.quantile(HIGH_Q)) <= limit
                    && c.decimalShare() > 0.5) {
                return c;
            }
        }
        return null;
    }

    private static ColumnStats projectedColumn(List<ColumnStats> columns, Pattern name) {
        for (ColumnStats c : columns) {
            if (name.matcher(c.name()).find()
                    && c.numeric()
                    && Math.abs(c.quantile(0.5)) > PROJECTED_MIN) {
                return c;
            }
        }
        return null;
    }

    /**
     * The rows where both columns read as numbers, as {a[], b[]}; placeholders at 0,0 (and within 1
     * unit of it) left out. {@code thin}: at most {@value #FIT_POINTS} rows, evenly spread.
     */
    private static double[][] pairs(ColumnStats a, ColumnStats b, boolean thin) {
        List<String> va = a.values();
        List<String> vb = b.values();
        double[] xa = new double[va.size()];
        double[] xb = new double[va.size()];
        int n = 0;
        for (int i = 0; i < va.size(); i++) {
            Double p = parse(va.get(i));
            Double q = parse(vb.get(i));
            if (p == null || q == null || (Math.abs(p) < 1 && Math.abs(q) < 1)) {
                continue;
            }
            xa[n] = p;
            xb[n] = q;
            n++;
        }
        if (thin && n > FIT_POINTS) {
            double[] ta = new double[FIT_POINTS];
            double[] tb = new double[FIT_POINTS];
            for (int i = 0; i < FIT_POINTS; i++) {
                int j = (int) ((long) i * n / FIT_POINTS);
                ta[i] = xa[j];
                tb[i] = xb[j];
            }
            return new double[][] {ta, tb};
        }
        return new double[][] {Arrays.copyOf(xa, n), Arrays.copyOf(xb, n)};
    }

    /** Rows whose two numbers are both within 1 of 0. */
    private static long origins(ColumnStats a, ColumnStats b) {
        long n = 0;
        for (int i = 0; i < a.values().size(); i++) {
            Double p = parse(a.values().get(i));
            Double q = parse(b.values().get(i));
            if (p != null && q != null && Math.abs(p) < 1 && Math.abs(q) < 1) {
                n++;
            }
        }
        return n;
    }

    /** Systems whose conversion of the x/y points lands inside their area, best first. */
    private static List<Fit> fit(double[][] xy, double[][] latLon, ColumnStats x, ColumnStats y) {
        var fits = new ArrayList<Fit>();
        if (xy[0].length == 0) {
            return fits;
        }
        // The same thinning picks the same rows in both pairs only when no row is dropped in one.
        boolean aligned = latLon != null && latLon[0].length == xy[0].length;
        for (Projections.Candidate c : Projections.CANDIDATES) {
            double[][] d = Projections.toDegrees(c.epsg(), xy[0], xy[1]);
            int inside = 0;
            for (int i = 0; i < d[0].length; i++) {
                if (!Double.isNaN(d[0][i]) && c.area().contains(d[0][i], d[1][i])) {
                    inside++;
                }
            }
            double share = inside / (double) d[0].length;
            if (share < MIN_INSIDE_SHARE) {
                continue;
            }
            double km = Double.NaN;
            if (aligned) {
                double[] dist = new double[d[0].length];
                for (int i = 0; i < dist.length; i++) {
                    dist[i] = ZoneTable.km(d[0][i], d[1][i], latLon[0][i], latLon[1][i]);
                }
                Arrays.sort(dist);
                km = dist[dist.length / 2];
            }
            fits.add(new Fit(c, share, km));
        }
        fits.sort(
                java.util.Comparator.comparingDouble(
                                (Fit f) ->
                                        Double.isNaN(f.medianKmToDegrees())
                                                ? 0
                                                : f.medianKmToDegrees())
                        .thenComparingDouble(f -> -f.insideShare()));
        return fits;
    }

    private static Double parse(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double q(double[] sorted, double q) {
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    private static Bounds box(
            double minLat, double maxLat, double minLon, double maxLon, double min) {
        double a = Math.max(-90, minLat);
        double b = Math.min(90, Math.max(maxLat, a + min));
        double c = Math.max(-180, minLon);
        double d = Math.min(180, Math.max(maxLon, c + min));
        return new Bounds(a, b, c, d);
    }
}
