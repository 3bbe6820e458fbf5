package io.beatwatch.core.grid;

import com.uber.h3core.AreaUnit;
import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.beatwatch.core.model.LatLon;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * H3 grid at one resolution. Holds only the resolution, so it is safe inside serialized Flink
 * functions; the native {@link H3Core} is one per JVM, loaded lazily on first use.
 */
public final class H3Grid implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default resolution: ~0.1 km² cells, ~174 m edge, close to 500 ft patrol boxes. */
    public static final int DEFAULT_RESOLUTION = 9;

    /** Finest H3 resolution. */
    public static final int MAX_RESOLUTION = 15;

    private final int resolution;

    /** A grid at {@code resolution} (0..15). */
    public H3Grid(int resolution) {
        if (resolution < 0 || resolution > MAX_RESOLUTION) {
            throw new IllegalArgumentException(
                    "H3 resolution must be 0.." + MAX_RESOLUTION + ", was " + resolution);
        }
        this.resolution = resolution;
    }

    /** A grid at the default resolution 9. */
    public static H3Grid defaultGrid() {
        return new H3Grid(DEFAULT_RESOLUTION);
    }

    /** The resolution of cells this grid makes. */
    public int resolution() {
        return resolution;
    }

    /** The JVM-wide H3 instance (thread-safe; never put it in a serialized field). */
    public static H3Core h3() {
        return Holder.INSTANCE;
    }

    /** The H3 address of the cell holding a WGS84 point, at this grid's resolution. */
    public String cellOf(double lat, double lon) {
        return h3().latLngToCellAddress(lat, lon, resolution);
    }

    /** The centre of a cell. */
    public static LatLon centroid(String cell) {
        LatLng c = h3().cellToLatLng(cell);
        return new LatLon(c.lat, c.lng);
    }

    /**
     * The cell and every cell within {@code k} steps (H3 gridDisk): 1 cell for k = 0, 7 for k = 1,
     * 19 for k = 2 (fewer only near pentagons). The first element is the cell itself.
     */
    public static List<String> ring(String cell, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        return h3().gridDisk(cell, k);
    }

    /** The ancestor of a cell at a coarser resolution (e.g. 8 for the public feed). */
    public static String parent(String cell, int res) {
        return h3().cellToParentAddress(cell, res);
    }

    /**
     * The cell's boundary vertices, counter-clockwise, not closed (GeoJSON needs the first again).
     */
    public static List<LatLon> boundary(String cell) {
        List<LatLng> vertices = h3().cellToBoundary(cell);
        List<LatLon> out = new ArrayList<>(vertices.size());
        for (LatLng v : vertices) {
            out.add(new LatLon(v.lat, v.lng));
        }
        return out;
    }

    /** The cell's area in km². */
    public static double areaKm2(String cell) {
        return h3().cellArea(cell, AreaUnit.km2);
    }

    /**
     * Whether a string is a valid H3 cell address (false, not an exception, for any other text).
     */
    public static boolean isValidCell(String cell) {
        if (cell == null || cell.isEmpty() || cell.length() > 16) return false;
        try {
            return h3().isValidCell(cell);
        } catch (NumberFormatException e) {
            // H3 parses the address as hex before checking it
            return false;
        }
    }

    /** The resolution of a cell address. */
    public static int resolutionOf(String cell) {
        return h3().getResolution(cell);
    }

    /** Grid distance in cells between two cells of the same resolution, or -1 if undefined. */
    public static long distance(String a, String b) {
        try {
            return h3().gridDistance(a, b);
        } catch (RuntimeException e) {
            // H3 cannot measure across pentagon distortion or very far apart cells
            return -1;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof H3Grid g && g.resolution == resolution;
    }

    @Override
    public int hashCode() {
        return resolution;
    }

    @Override
    public String toString() {
        return "H3Grid[res=" + resolution + "]";
    }

    private static final class Holder {
        static final H3Core INSTANCE = load();

        private static H3Core load() {
            try {
                return H3Core.newInstance();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the H3 native library", e);
            }
        }
    }
}
