package io.beatwatch.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * When each cell's window counts next change because calls slide out: a timing wheel of (cell,
 * minute) entries, one slot per minute of the longest window, so the map's readings are redrawn
 * exactly when a count drops and never on a timer per cell.
 */
final class ExitWheel {

    private final int size;
    private final long[][] cells;
    private final long[][] minutes;
    private final int[] counts;

    ExitWheel(int size) {
        this.size = size;
        cells = new long[size][4];
        minutes = new long[size][4];
        counts = new int[size];
    }

    /** Schedules {@code cell} at {@code minute}. */
    void schedule(long cell, long minute) {
        int s = (int) Math.floorMod(minute, (long) size);
        int n = counts[s];
        if (n > 0 && cells[s][n - 1] == cell && minutes[s][n - 1] == minute) return;
        if (n == cells[s].length) {
            cells[s] = Arrays.copyOf(cells[s], n * 2);
            minutes[s] = Arrays.copyOf(minutes[s], n * 2);
        }
        cells[s][n] = cell;
        minutes[s][n] = minute;
        counts[s] = n + 1;
    }

    /** Hands every cell due in minutes {@code (from, to]} to {@code due} and forgets it. */
    void due(long from, long to, LongConsumer due) {
        long span = to - from;
        int slots = span >= size ? size : (int) span;
        for (int k = 1; k <= slots; k++) {
            int s = (int) Math.floorMod(from + k, (long) size);
            if (span >= size) s = k - 1;
            int n = counts[s];
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (minutes[s][i] <= to) {
                    due.accept(cells[s][i]);
                } else {
                    cells[s][kept] = cells[s][i];
                    minutes[s][kept] = minutes[s][i];
                    kept++;
                }
            }
            counts[s] = kept;
        }
    }

    void writeTo(DataOutput out) throws IOException {
        for (int s = 0; s < size; s++) {
            out.writeInt(counts[s]);
            for (int i = 0; i < counts[s]; i++) {
                out.writeLong(cells[s][i]);
                out.writeLong(minutes[s][i]);
            }
        }
    }

    void readFrom(DataInput in) throws IOException {
        for (int s = 0; s < size; s++) {
            int n = in.readInt();
            counts[s] = 0;
            for (int i = 0; i < n; i++) schedule(in.readLong(), in.readLong());
        }
    }
}
