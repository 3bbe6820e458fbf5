package io.beatwatch.core.detect;

import io.beatwatch.core.detect.internal.LongMap;
import io.beatwatch.core.grid.H3Grid;
import java.util.Arrays;
import java.util.List;

/**
 * The ring-1 surroundings of {@link StreamDetector}'s held cells: each cell's neighbours, sorted,
 * and the held cells among them, cached on the cell so a zone costs no hash look-ups (they were
 * about a tenth of the plain loop's time).
 */
final class Neighbourhoods {

    private final LongMap<CellState> cells;

    /** Over the detector's own map of held cells (shared, not copied). */
    Neighbourhoods(LongMap<CellState> cells) {
        this.cells = cells;
    }

    /** The ids of the cells around {@code c}, sorted; cached on the cell. */
    long[] neighbours(CellState c) {
        if (c.neighbours == null) {
            List<Long> disk = H3Grid.h3().gridDisk(c.id, 1);
            long[] n = new long[disk.size() - 1];
            int i = 0;
            for (long d : disk) if (d != c.id) n[i++] = d;
            Arrays.sort(n);
            c.neighbours = n;
        }
        return c.neighbours;
    }

    /**
     * The held cells around {@code c}, in the order of {@link #neighbours} (null where none is
     * held): cached on the cell. A new cell joins its neighbours' caches ({@link #join});
     * forgetting cells clears them all.
     */
    CellState[] around(CellState c) {
        if (c.around == null) {
            long[] n = neighbours(c);
            CellState[] a = new CellState[n.length];
            for (int i = 0; i < n.length; i++) a[i] = cells.get(n[i]);
            c.around = a;
        }
        return c.around;
    }

    /** A new cell takes its place in the cached surroundings of the held cells around it. */
    void join(CellState c) {
        for (long n : neighbours(c)) {
            CellState q = cells.get(n);
            if (q == null || q.around == null) continue;
            int i = Arrays.binarySearch(q.neighbours, c.id);
            if (i >= 0) q.around[i] = c;
            else q.around = null; // not mutual neighbours: rebuild from the map
        }
    }
}
