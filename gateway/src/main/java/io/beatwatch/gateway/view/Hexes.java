package io.beatwatch.gateway.view;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.beatwatch.core.grid.H3Grid;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * H3 for the gateway on core's one-per-JVM {@link H3Core}: cell validation, boundaries (cached),
 * centres and parents.
 */
public final class Hexes {

    private static final int MAX_CACHED = 200_000;
    private static final ConcurrentHashMap<String, List<LatLng>> BOUNDARIES =
            new ConcurrentHashMap<>();

    private Hexes() {}

    /** The JVM-wide H3 instance, shared with core ({@link H3Grid#h3()}). */
    public static H3Core h3() {
        return H3Grid.h3();
    }

    /** Whether the text is a valid H3 cell address (cheap checks first: length, hex). */
    public static boolean isCell(String address) {
        if (address == null || address.length() < 8 || address.length() > 16) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return h3().isValidCell(address);
    }

    /** The cell's boundary vertices (lat, lng), cached. */
    public static List<LatLng> boundary(String cell) {
        var b = BOUNDARIES.get(cell);
        if (b == null) {
            b = List.copyOf(h3().cellToBoundary(cell));
            if (BOUNDARIES.size() > MAX_CACHED) {
                BOUNDARIES.clear();
            }
            BOUNDARIES.put(cell, b);
        }
        return b;
    }

    /** The cell's centre. */
    public static LatLng center(String cell) {
        return h3().cellToLatLng(cell);
    }

    /** The cell containing a point at a resolution. */
    public static String cellAt(double lat, double lon, int resolution) {
        return h3().latLngToCellAddress(lat, lon, resolution);
    }

    /** The cell itself if already at or coarser than the resolution, else its parent there. */
    public static String coarsen(String cell, int resolution) {
        var h = h3();
        return h.getResolution(cell) <= resolution ? cell : h.cellToParentAddress(cell, resolution);
    }
}
