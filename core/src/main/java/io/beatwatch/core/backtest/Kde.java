package io.beatwatch.core.backtest;

/**
 * Gaussian kernel density of points, evaluated at fixed places (the centroids of the study area's
 * cells), in a local flat projection in metres. The kernel {@code K(d) = exp(-d² / 2h²) / (2π h²)}
 * is cut at {@link #CUTOFF_BANDWIDTHS} bandwidths (it drops 0.03% of each point's mass). Centroids
 * sit in square buckets one cut-off radius wide, so adding a point only looks at the 3 × 3 buckets
 * around it.
 */
public final class Kde {

    /** Kernel support, in bandwidths. */
    public static final double CUTOFF_BANDWIDTHS = 4.0;

    private static final double M_PER_DEG_LAT = 110_574.0;
    private static final double M_PER_DEG_LON_EQUATOR = 111_320.0;

    private final double[] x;
    private final double[] y;
    private final double bandwidth;
    private final double radius;
    private final double norm;
    private final double minX;
    private final double minY;
    private final double width;
    private final int cols;
    private final int rows;
    private final int[] bucketStart;
    private final int[] bucketItems;

    /** A density at the places {@code (x[i], y[i])} (metres), with bandwidth h metres. */
    public Kde(double[] x, double[] y, double bandwidthMetres) {
        if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length");
        if (!(bandwidthMetres > 0) || Double.isInfinite(bandwidthMetres)) {
            throw new IllegalArgumentException("bandwidth must be > 0, was " + bandwidthMetres);
        }
        this.x = x.clone();
        this.y = y.clone();
        this.bandwidth = bandwidthMetres;
        this.radius = CUTOFF_BANDWIDTHS * bandwidthMetres;
        this.norm = 1.0 / (2 * Math.PI * bandwidthMetres * bandwidthMetres);
        double lx = Double.POSITIVE_INFINITY, ly = Double.POSITIVE_INFINITY;
        double hx = Double.NEGATIVE_INFINITY, hy = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            lx = Math.min(lx, x[i]);
            ly = Math.min(ly, y[i]);
            hx = Math.max(hx, x[i]);
            hy = Math.max(hy, y[i]);
        }
        if (x.length == 0) {
            lx = ly = hx = hy = 0;
        }
        this.minX = lx;
        this.minY = ly;
        // buckets at least one cut-off radius wide, so a point's reach is within 3 x 3 of them
        this.width = Math.max(radius, Math.max(hx - lx, hy - ly) / 2048);
        this.cols = (int) Math.floor((hx - lx) / width) + 1;
        this.rows = (int) Math.floor((hy - ly) / width) + 1;
        int[] count = new int[cols * rows + 1];
        for (int i = 0; i < x.length; i++) count[bucket(x[i], y[i]) + 1]++;
        for (int b = 0; b < cols * rows; b++) count[b + 1] += count[b];
        this.bucketStart = count.clone();
        this.bucketItems = new int[x.length];
        int[] fill = count;
        for (int i = 0; i < x.length; i++) bucketItems[fill[bucket(x[i], y[i])]++] = i;
    }

    private int bucket(double px, double py) {
        int c = (int) Math.min(cols - 1, Math.max(0, Math.floor((px - minX) / width)));
        int r = (int) Math.min(rows - 1, Math.max(0, Math.floor((py - minY) / width)));
        return r * cols + c;
    }

    public double bandwidth() {
        return bandwidth;
    }

    /** Kernel value at distance² {@code d2} (m²): 0 beyond the cut-off. */
    public double kernel(double d2) {
        if (d2 > radius * radius) return 0;
        return norm * Math.exp(-d2 / (2 * bandwidth * bandwidth));
    }

    /**
     * Adds {@code weight × K(place − point)} to {@code density[place]} for every place in reach.
     */
    public void add(double px, double py, double weight, double[] density) {
        int c0 = (int) Math.floor((px - minX) / width);
        int r0 = (int) Math.floor((py - minY) / width);
        double r2 = radius * radius;
        double inv = 1.0 / (2 * bandwidth * bandwidth);
        for (int r = Math.max(0, r0 - 1); r <= Math.min(rows - 1, r0 + 1); r++) {
            for (int c = Math.max(0, c0 - 1); c <= Math.min(cols - 1, c0 + 1); c++) {
                int b = r * cols + c;
                for (int j = bucketStart[b]; j < bucketStart[b + 1]; j++) {
                    int i = bucketItems[j];
                    double dx = x[i] - px;
                    double dy = y[i] - py;
                    double d2 = dx * dx + dy * dy;
                    if (d2 <= r2) density[i] += weight * norm * Math.exp(-d2 * inv);
                }
            }
        }
    }

    /**
     * Silverman's rule of thumb for a 2-D Gaussian kernel with one bandwidth for both axes: {@code
     * h = σ · n^(-1/6)}, where {@code σ = sqrt((σx² + σy²) / 2)} (the general rule {@code (4 / (d +
     * 2))^(1 / (d + 4)) σ n^(-1 / (d + 4))} with d = 2).
     */
    public static double silverman(double[] xs, double[] ys) {
        int n = xs.length;
        if (n < 2) throw new IllegalArgumentException("Silverman's rule needs 2 points or more");
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += xs[i];
            my += ys[i];
        }
        mx /= n;
        my /= n;
        double vx = 0, vy = 0;
        for (int i = 0; i < n; i++) {
            vx += (xs[i] - mx) * (xs[i] - mx);
            vy += (ys[i] - my) * (ys[i] - my);
        }
        double sigma = Math.sqrt((vx / (n - 1) + vy / (n - 1)) / 2);
        return sigma * Math.pow(n, -1.0 / 6);
    }

    /** A local flat projection around a reference latitude / longitude, in metres. */
    public record Projection(double lat0, double lon0) {
        /** East offset in metres. */
        public double x(double lat, double lon) {
            return (lon - lon0) * M_PER_DEG_LON_EQUATOR * Math.cos(Math.toRadians(lat0));
        }

        /** North offset in metres. */
        public double y(double lat, double lon) {
            return (lat - lat0) * M_PER_DEG_LAT;
        }
    }
}
