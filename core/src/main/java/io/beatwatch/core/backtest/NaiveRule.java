package io.beatwatch.core.backtest;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule a dispatcher writes by hand, as a reference for the emergence report: "N calls in one
 * cell in the last 60 minutes". It fires when the citizen calls of a cell in the trailing window (t
 * − 60 min, t] reach N, and fires again for that cell only after the count has dropped below N
 * (checked when the cell's next call arrives, after the window has moved).
 */
public final class NaiveRule {

    /** The trailing window. */
    public static final Duration WINDOW = Duration.ofMinutes(60);

    /** {@link HotspotAlert#modelVersion()} of its alerts. */
    public static final String MODEL_VERSION = "naive-rule-1";

    private NaiveRule() {}

    /**
     * The rule's firings on a time-ordered stream, as confirmed {@link AlertState#OPENED} alerts
     * that {@link EmergenceScore} scores like Beatwatch's: cells = [the cell], event time = the
     * firing call's time, observed = the count, id {@code naive<N>-<cell>-<epochMinute>}. There is
     * no model, so expected, score and recurrence interval are NaN. Officer-initiated events are
     * ignored.
     *
     * @param threshold N, at least 1
     * @throws IllegalArgumentException when the stream is not in time order
     */
    public static List<HotspotAlert> alerts(List<CellEvent> events, int threshold) {
        if (threshold < 1) throw new IllegalArgumentException("threshold must be >= 1");
        long window = WINDOW.toMillis();
        Map<String, Window> cells = new HashMap<>();
        List<HotspotAlert> out = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (CellEvent e : events) {
            long t = e.timeMillis();
            if (t < last) throw new IllegalArgumentException("events are not in time order");
            last = t;
            if (!e.signal()) continue;
            Window w = cells.computeIfAbsent(e.cell(), k -> new Window());
            w.expire(t - window);
            if (w.size < threshold) w.armed = true;
            w.add(t);
            if (w.armed && w.size >= threshold) {
                w.armed = false;
                out.add(alert(e.cell(), t, w.size, threshold));
            }
        }
        return out;
    }

    private static HotspotAlert alert(String cell, long t, long count, int threshold) {
        Instant at = Instant.ofEpochMilli(t);
        return new HotspotAlert(
                HotspotAlert.VERSION,
                "naive" + threshold + "-" + cell + "-" + Math.floorDiv(t, 60_000L),
                AlertState.OPENED,
                EmergenceCategory.NEW,
                cell,
                0,
                List.of(cell),
                H3Grid.centroid(cell),
                null,
                WINDOW,
                count,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Signal.CFS,
                true,
                List.of(),
                0,
                at,
                at,
                MODEL_VERSION,
                null);
    }

    /** One cell's call times in the trailing window: a ring buffer of epoch millis. */
    private static final class Window {
        private long[] times = new long[8];
        private int head;
        private int size;
        private boolean armed = true;

        /** Drops calls at or before {@code bound}: the window is left-open. */
        void expire(long bound) {
            while (size > 0 && times[head] <= bound) {
                head = (head + 1) % times.length;
                size--;
            }
        }

        void add(long t) {
            if (size == times.length) {
                long[] grown = new long[times.length * 2];
                for (int i = 0; i < size; i++) grown[i] = times[(head + i) % times.length];
                times = grown;
                head = 0;
            }
            times[(head + size) % times.length] = t;
            size++;
        }
    }
}
