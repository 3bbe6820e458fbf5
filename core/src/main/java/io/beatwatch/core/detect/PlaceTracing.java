package io.beatwatch.core.detect;

import io.beatwatch.core.model.Signal;
import java.util.List;

/**
 * The tracing of chosen places for {@link StreamDetector}: the {@link TracePoint}s of each scoring
 * of a place its {@link StreamDetector.Tracer} wants (the emergence report's per-cluster trace), or
 * why the place was not scored. No tracer: nothing is traced.
 */
final class PlaceTracing {

    private final DetectionConfig config;
    private final AlertLifecycle lifecycle;
    private final int[] windows;
    private final boolean ring1;
    private StreamDetector.Tracer tracer;

    PlaceTracing(DetectionConfig config, AlertLifecycle lifecycle, int[] windows, boolean ring1) {
        this.config = config;
        this.lifecycle = lifecycle;
        this.windows = windows;
        this.ring1 = ring1;
    }

    /** Sends the scorings of the places {@code tracer} chooses to it (null: none). */
    void set(StreamDetector.Tracer tracer) {
        this.tracer = tracer;
    }

    /** Whether the scorings of the place centred on {@code cell} are wanted. */
    boolean traces(long cell) {
        return tracer != null && tracer.traces(cell);
    }

    /** The trace point of a place not scored because the baseline is still warming up. */
    void warmUp(CellState c, long nowMillis) {
        tracer.scored(
                new TracePoint(
                        c.id,
                        nowMillis,
                        -1,
                        0,
                        c.calls,
                        c.calls,
                        Double.NaN,
                        Double.NaN,
                        0,
                        TracePoint.Why.WARM_UP));
    }

    /**
     * Trace points of a place with no zone scored: too few calls, or a ring-1 zone whose centre
     * holds less than its share.
     */
    void unscored(
            CellState p,
            long nowMillis,
            long[] calls0,
            long[] calls1,
            long[] counted0,
            long[] counted1) {
        for (int w = 0; w < windows.length; w++) {
            point(p, nowMillis, 0, w, calls0[w], counted0[w], TracePoint.Why.FEW_CALLS);
            if (ring1) {
                point(
                        p,
                        nowMillis,
                        1,
                        w,
                        calls1[w],
                        counted1[w],
                        counted1[w] >= config.minObserved()
                                ? TracePoint.Why.CENTRE_SHARE
                                : TracePoint.Why.FEW_CALLS);
            }
        }
    }

    private void point(
            CellState p,
            long nowMillis,
            int ring,
            int w,
            long calls,
            long counted,
            TracePoint.Why why) {
        tracer.scored(
                new TracePoint(
                        p.id,
                        nowMillis,
                        ring,
                        windows[w],
                        calls,
                        counted,
                        Double.NaN,
                        Double.NaN,
                        0,
                        why));
    }

    /** Trace points of a scored place: one per zone and window, with what each led to. */
    void scored(
            CellState p,
            long nowMillis,
            ZoneAlert previous,
            List<Evaluation> evals,
            long[] raw0,
            long[] raw1,
            long[] o0,
            long[] o1,
            double shape0,
            double shape1) {
        boolean wasOpen = previous != null && previous.open();
        for (int w = 0; w < windows.length; w++) {
            for (int ring = 0; ring <= (ring1 ? 1 : 0); ring++) {
                long counted = ring == 0 ? o0[w] : o1[w];
                long calls = ring == 0 ? raw0[w] : raw1[w];
                Evaluation ev = null;
                for (Evaluation e : evals) {
                    if (e.signal() == Signal.CFS
                            && e.ring() == ring
                            && e.windowMinutes() == windows[w]) {
                        ev = e;
                    }
                }
                TracePoint.Why why;
                if (wasOpen) why = TracePoint.Why.OPEN;
                else if (ev != null && lifecycle.opens(ev)) {
                    why =
                            StreamDetector.isOpen(p)
                                    ? TracePoint.Why.OPENED
                                    : TracePoint.Why.LIFECYCLE;
                } else if (counted < config.minObserved()) why = TracePoint.Why.FEW_CALLS;
                else if (ev == null) why = TracePoint.Why.CENTRE_SHARE;
                else why = TracePoint.Why.BELOW_BUDGET;
                double e = ev == null ? Double.NaN : ev.expected();
                double x =
                        ev == null
                                ? Double.NaN
                                : StreamDetector.strength(counted, e, ring == 0 ? shape0 : shape1);
                double ri = ev == null ? 0 : ev.recurrenceIntervalDays();
                tracer.scored(
                        new TracePoint(
                                p.id, nowMillis, ring, windows[w], calls, counted, e, x, ri, why));
            }
        }
    }
}
