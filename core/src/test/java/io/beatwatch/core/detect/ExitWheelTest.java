package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitWheelTest {

    static List<Long> due(ExitWheel w, long from, long to) {
        var out = new ArrayList<Long>();
        w.due(from, to, out::add);
        return out;
    }

    @Test
    void handsOutEachCellInTheMinuteItIsDueAndOnlyOnce() {
        var w = new ExitWheel(10);
        w.schedule(7, 103);
        w.schedule(8, 105);
        w.schedule(9, 105);
        assertThat(due(w, 100, 102)).isEmpty();
        assertThat(due(w, 102, 103)).containsExactly(7L);
        assertThat(due(w, 103, 104)).isEmpty();
        assertThat(due(w, 104, 105)).containsExactly(8L, 9L);
        assertThat(due(w, 100, 110)).isEmpty();
    }

    @Test
    void aRepeatOfTheLastEntryOfAMinuteIsKeptOnce() {
        var w = new ExitWheel(10);
        w.schedule(7, 103);
        w.schedule(7, 103);
        w.schedule(8, 103);
        w.schedule(7, 103); // not the last entry any more: kept again
        w.schedule(8, 113); // the same slot, a later lap
        assertThat(due(w, 102, 103)).containsExactly(7L, 8L, 7L);
        assertThat(due(w, 103, 113)).containsExactly(8L);
    }

    @Test
    void aSlotGrowsPastItsFirstFourEntries() {
        var w = new ExitWheel(5);
        for (long c = 1; c <= 9; c++) w.schedule(c, 42);
        assertThat(due(w, 41, 42)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void anEntryOfALaterLapStaysInItsSlot() {
        var w = new ExitWheel(10);
        w.schedule(1, 103);
        w.schedule(2, 113);
        assertThat(due(w, 102, 103)).containsExactly(1L);
        assertThat(due(w, 103, 112)).isEmpty();
        assertThat(due(w, 112, 113)).containsExactly(2L);
    }

    @Test
    void aJumpOfAWholeTurnOrMoreVisitsEverySlotOnce() {
        var w = new ExitWheel(4);
        w.schedule(1, 101);
        w.schedule(2, 102);
        w.schedule(3, 103);
        w.schedule(4, 104);
        w.schedule(5, 110); // due after the jump's end: stays
        assertThat(due(w, 100, 104)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        w.schedule(6, 105);
        w.schedule(7, 106);
        assertThat(due(w, 104, 109)).containsExactlyInAnyOrder(6L, 7L);
        assertThat(due(w, 109, 110)).containsExactly(5L);
    }

    @Test
    void minutesBeforeTheEpochUseTheirOwnSlots() {
        var w = new ExitWheel(7);
        w.schedule(1, -3);
        assertThat(due(w, -5, -4)).isEmpty();
        assertThat(due(w, -4, -3)).containsExactly(1L);
    }

    @Test
    void aSnapshotRestoresEveryScheduledEntry() throws IOException {
        var w = new ExitWheel(6);
        w.schedule(11, 100);
        w.schedule(12, 100);
        w.schedule(13, 103);
        w.schedule(14, 109);
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            w.writeTo(out);
        }
        var back = new ExitWheel(6);
        back.schedule(99, 101); // replaced by the snapshot
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back.readFrom(in);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(due(back, 99, 100)).containsExactly(11L, 12L);
        assertThat(due(back, 100, 103)).containsExactly(13L);
        assertThat(due(back, 103, 109)).containsExactly(14L);
    }
}
