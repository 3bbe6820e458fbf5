package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.detect.internal.LongMap;
import io.beatwatch.core.grid.H3Grid;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NeighbourhoodsTest {

    static final long A = H3Grid.h3().latLngToCell(29.4241, -98.4936, 9);

    static CellState cell(long id) {
        return new CellState(id, 28, 4, 3);
    }

    @Test
    void theNeighboursAreTheSixCellsAroundSortedAndCached() {
        var zones = new Neighbourhoods(new LongMap<>());
        var a = cell(A);
        long[] n = zones.neighbours(a);
        assertThat(n).hasSize(6).doesNotContain(A).isSorted();
        var ring = H3Grid.h3().gridDisk(A, 1);
        assertThat(ring).hasSize(7);
        for (long id : n) assertThat(ring).contains(id);
        assertThat(zones.neighbours(a)).isSameAs(n);
    }

    @Test
    void aNewCellJoinsTheCachedSurroundingsOfTheCellsAroundIt() {
        var map = new LongMap<CellState>();
        var zones = new Neighbourhoods(map);
        var a = cell(A);
        map.put(A, a);
        CellState[] around = zones.around(a);
        assertThat(around).hasSize(6).containsOnlyNulls();

        long bId = zones.neighbours(a)[0];
        var b = cell(bId);
        map.put(bId, b);
        zones.join(b);
        assertThat(zones.around(a)[0]).isSameAs(b);
        assertThat(Arrays.stream(zones.around(a)).filter(q -> q != null).count()).isEqualTo(1);
        assertThat(zones.around(b)).contains(a);
    }

    @Test
    void aCellThatIsNoMutualNeighbourDropsTheCache() {
        var map = new LongMap<CellState>();
        var zones = new Neighbourhoods(map);
        var a = cell(A);
        map.put(A, a);
        zones.around(a);
        // a cell whose own neighbour list names a but which is not among a's neighbours
        long stranger =
                H3Grid.h3().gridDisk(A, 2).stream()
                        .filter(id -> H3Grid.h3().gridDistance(A, id) == 2)
                        .findFirst()
                        .orElseThrow();
        var s = cell(stranger);
        s.neighbours = new long[] {A};
        zones.join(s);
        assertThat(a.around).isNull();
    }
}
