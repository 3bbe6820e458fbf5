package io.beatwatch.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Which cells' map readings {@link StreamDetector} owes: those touched by an event, and those a
 * window slides an event out of (scheduled on an {@link ExitWheel}). Off when the detector was
 * built without readings.
 */
final class DirtyCells {

    private final boolean on;
    private final int[] windows;
    private final ExitWheel exits;
    private long[] dirty = new long[64];
    private int dirtyCount;

    DirtyCells(boolean on, int[] windows, int maxWindow) {
        this.on = on;
        this.windows = windows;
        this.exits = new ExitWheel(maxWindow + 2);
    }

    /**
     * An event at {@code minute} in {@code c}: its reading changes now and as it leaves each
     * window.
     */
    void touched(CellState c, long minute) {
        if (!on) return;
        markDirty(c.id);
        for (int w : windows) exits.schedule(c.id, minute + w);
    }

    private void markDirty(long id) {
        if (dirtyCount == dirty.length) dirty = Arrays.copyOf(dirty, dirtyCount * 2);
        dirty[dirtyCount++] = id;
    }

    /**
     * The cells whose readings are due as the clock moves from {@code from} to {@code now}, sorted
     * (an id may repeat), or null if none; the set is emptied.
     */
    long[] due(long from, long now) {
        exits.due(from, now, this::markDirty);
        if (dirtyCount == 0) return null;
        long[] ids = Arrays.copyOf(dirty, dirtyCount);
        dirtyCount = 0;
        Arrays.sort(ids);
        return ids;
    }

    /** Writes the scheduled exits and the cells due. */
    void writeTo(DataOutput out) throws IOException {
        exits.writeTo(out);
        out.writeInt(dirtyCount);
        for (int i = 0; i < dirtyCount; i++) out.writeLong(dirty[i]);
    }

    /** Restores what {@link #writeTo} wrote. */
    void readFrom(DataInput in) throws IOException {
        exits.readFrom(in);
        dirtyCount = in.readInt();
        dirty = new long[Math.max(64, dirtyCount)];
        for (int i = 0; i < dirtyCount; i++) dirty[i] = in.readLong();
    }
}
