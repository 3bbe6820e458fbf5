package io.beatwatch.core.inspect;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.validate.Bounds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Located events per H3 cell inside the data's robust extent, for the map {@code inspect} draws
 * beside its report. The resolution follows the extent, so that a city fills the map with cells a
 * few pixels wide: 7 (about 5 km²) past {@value #COARSE_SPAN_DEG} degrees, 8 past {@value
 * #MEDIUM_SPAN_DEG}, else 9.
 *
 * @param resolution H3 resolution of the cells
 * @param cells cell addresses
 * @param counts events per cell, same order
 * @param outside located events outside the robust extent (not drawn)
 */
public record DensityMap(int resolution, List<String> cells, long[] counts, long outside) {

    public static final double COARSE_SPAN_DEG = 0.6;
    public static final double MEDIUM_SPAN_DEG = 0.15;

    public DensityMap {
        cells = List.copyOf(cells);
        if (cells.size() != counts.length) {
            throw new IllegalArgumentException("one count per cell");
        }
    }

    /** The map of the first {@code n} points that lie inside {@code extent} (null: none). */
    public static DensityMap of(double[] lats, double[] lons, int n, Bounds extent) {
        if (extent == null || n == 0) {
            return new DensityMap(H3Grid.DEFAULT_RESOLUTION, List.of(), new long[0], n);
        }
        double span =
                Math.max(extent.maxLat() - extent.minLat(), extent.maxLon() - extent.minLon());
        int res = span > COARSE_SPAN_DEG ? 7 : span > MEDIUM_SPAN_DEG ? 8 : 9;
        var grid = new H3Grid(res);
        Map<String, long[]> byCell = new HashMap<>();
        long outside = 0;
        for (int i = 0; i < n; i++) {
            if (!extent.contains(lats[i], lons[i])) {
                outside++;
                continue;
            }
            byCell.computeIfAbsent(grid.cellOf(lats[i], lons[i]), k -> new long[1])[0]++;
        }
        List<String> cells = List.copyOf(byCell.keySet());
        long[] counts = new long[cells.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = byCell.get(cells.get(i))[0];
        }
        return new DensityMap(res, cells, counts, outside);
    }
}
