package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class DirtyCellsTest {

    static CellState cell(long id) {
        return new CellState(id, 28, 4, 3);
    }

    @Test
    void aTouchedCellIsDueNowAndAgainAsItsEventLeavesEachWindow() {
        var d = new DirtyCells(true, new int[] {30, 60}, 60);
        d.touched(cell(9), 1000);
        d.touched(cell(4), 1000);
        assertThat(d.due(999, 1000)).containsExactly(4, 9);
        assertThat(d.due(1000, 1000)).isNull();
        assertThat(d.due(1000, 1029)).isNull();
        assertThat(d.due(1029, 1030)).containsExactly(4, 9);
        assertThat(d.due(1030, 1060)).containsExactly(4, 9);
        assertThat(d.due(1060, 1200)).isNull();
    }

    @Test
    void manyCellsAtOnceAreAllDueSorted() {
        var d = new DirtyCells(true, new int[] {15}, 15);
        for (long id = 200; id > 0; id--) d.touched(cell(id), 10);
        long[] due = d.due(9, 10);
        assertThat(due).hasSize(200);
        assertThat(due[0]).isEqualTo(1);
        assertThat(due[199]).isEqualTo(200);
    }

    @Test
    void offMeansNothingIsEverDue() {
        var d = new DirtyCells(false, new int[] {30}, 30);
        d.touched(cell(1), 10);
        assertThat(d.due(9, 10)).isNull();
        assertThat(d.due(10, 100)).isNull();
    }

    @Test
    void aSnapshotKeepsTheCellsDueAndTheExitsScheduled() throws IOException {
        var d = new DirtyCells(true, new int[] {30}, 30);
        d.touched(cell(5), 100);
        d.touched(cell(3), 101);
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            d.writeTo(out);
        }
        var back = new DirtyCells(true, new int[] {30}, 30);
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back.readFrom(in);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(back.due(101, 101)).containsExactly(3, 5);
        assertThat(back.due(101, 130)).containsExactly(5);
        assertThat(back.due(130, 131)).containsExactly(3);
    }
}
