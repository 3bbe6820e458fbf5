package io.beatwatch.gateway.ws;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One console's send policy, free of I/O so it can be tested alone. Ordered frames (alerts,
 * snapshots, control) are queued and never dropped; cell updates are coalesced per cell and window
 * (latest wins) and sent only when nothing else waits. When the socket's write queue is full the
 * outbox holds frames; past the cap it reports {@link State#OVERFLOW} so the session closes and the
 * console resumes from its last id.
 */
final class Outbox {

    /** Where frames go. */
    interface Sink {
        /** Whether the transport has enough buffered already (Vert.x {@code writeQueueFull}). */
        boolean full();

        void write(Frame frame);
    }

    /**
     * An ordered frame; {@code appendMillis} is the alert's stream time for live alerts, else -1.
     */
    record Frame(String text, long appendMillis) {}

    enum State {
        /** Everything queued was written. */
        DRAINED,
        /** Frames wait for the transport to drain. */
        BLOCKED,
        /** More frames wait than the cap allows: close the console. */
        OVERFLOW
    }

    /** Largest number of cells put in one {@code cells} frame. */
    static final int CELLS_PER_FRAME = 500;

    private final Sink sink;
    private final int maxQueued;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private final LinkedHashMap<String, String> cells = new LinkedHashMap<>();

    Outbox(Sink sink, int maxQueued) {
        this.sink = sink;
        this.maxQueued = maxQueued;
    }

    /** Queues an ordered frame and writes what the transport accepts. */
    State offer(Frame frame) {
        frames.add(frame);
        return pump();
    }

    /** Queues a cell update; true if it replaced an unsent update of the same cell. */
    boolean offerCell(String key, String json) {
        return cells.put(key, json) != null;
    }

    /** Writes queued ordered frames while the transport accepts them. */
    State pump() {
        while (!frames.isEmpty()) {
            if (sink.full()) {
                return frames.size() > maxQueued ? State.OVERFLOW : State.BLOCKED;
            }
            sink.write(frames.poll());
        }
        return State.DRAINED;
    }

    /**
     * Sends pending cells if nothing else waits and the transport has room; returns how many cells
     * were written.
     */
    int flushCells() {
        if (cells.isEmpty() || !frames.isEmpty() || sink.full()) {
            return 0;
        }
        var all = new ArrayList<>(cells.values());
        cells.clear();
        for (int from = 0; from < all.size(); from += CELLS_PER_FRAME) {
            sink.write(
                    new Frame(
                            cellsFrame(
                                    all.subList(
                                            from, Math.min(all.size(), from + CELLS_PER_FRAME))),
                            -1));
        }
        return all.size();
    }

    static String cellsFrame(List<String> cellJson) {
        var sb = new StringBuilder(64 + cellJson.size() * 400);
        sb.append("{\"type\":\"cells\",\"cells\":[");
        for (int i = 0; i < cellJson.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cellJson.get(i));
        }
        return sb.append("]}").toString();
    }

    /** Whether ordered frames wait for the transport. */
    boolean blocked() {
        return !frames.isEmpty();
    }

    int queued() {
        return frames.size();
    }

    int pendingCells() {
        return cells.size();
    }
}
