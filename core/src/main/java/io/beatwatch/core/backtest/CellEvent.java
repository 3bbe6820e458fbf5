package io.beatwatch.core.backtest;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One call as the reference detectors ({@link NaiveRule}, {@link HindsightDetector}) see it: when,
 * in which H3 cell, and whether it is in the signal (citizen-initiated; officer-initiated calls are
 * carried but never counted).
 *
 * @param timeMillis event time, epoch milliseconds
 * @param cell H3 cell address
 * @param signal true for citizen-initiated calls, the only ones the detectors count
 */
public record CellEvent(long timeMillis, String cell, boolean signal) {

    public CellEvent {
        Objects.requireNonNull(cell, "cell");
    }

    /** A citizen-initiated call. */
    public static CellEvent call(long timeMillis, String cell) {
        return new CellEvent(timeMillis, cell, true);
    }

    /** An officer-initiated call (outside the signal). */
    public static CellEvent officer(long timeMillis, String cell) {
        return new CellEvent(timeMillis, cell, false);
    }

    /** A wire call placed on the grid. */
    public static CellEvent of(CallForService c, H3Grid grid) {
        return new CellEvent(
                c.receivedAt().toEpochMilli(),
                grid.cellOf(c.lat(), c.lon()),
                !c.officerInitiated());
    }

    /** The table's events of [fromMillis, toMillis), in time order. */
    public static List<CellEvent> of(EventTable t, long fromMillis, long toMillis) {
        List<CellEvent> out = new ArrayList<>();
        for (int i = t.firstAtOrAfter(fromMillis); i < t.size() && t.time(i) < toMillis; i++) {
            out.add(new CellEvent(t.time(i), t.cellAddress(t.cell(i)), !t.officer(i)));
        }
        return out;
    }

    /**
     * A time-ordered stream merged with extra events (any order) in time order; at equal times the
     * stream's events come first, as in {@link Injector#merge}.
     */
    public static List<CellEvent> merge(List<CellEvent> stream, List<CellEvent> extra) {
        List<CellEvent> sorted = new ArrayList<>(extra);
        sorted.sort((a, b) -> Long.compare(a.timeMillis(), b.timeMillis()));
        List<CellEvent> out = new ArrayList<>(stream.size() + sorted.size());
        int j = 0;
        for (CellEvent e : stream) {
            while (j < sorted.size() && sorted.get(j).timeMillis() < e.timeMillis()) {
                out.add(sorted.get(j++));
            }
            out.add(e);
        }
        while (j < sorted.size()) out.add(sorted.get(j++));
        return out;
    }
}
