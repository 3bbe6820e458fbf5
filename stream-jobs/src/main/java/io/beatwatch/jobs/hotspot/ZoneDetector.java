package io.beatwatch.jobs.hotspot;

import io.beatwatch.core.detect.AlertLifecycle;
import io.beatwatch.core.detect.Baseline;
import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.detect.Evaluation;
import io.beatwatch.core.detect.Explanation;
import io.beatwatch.core.detect.LifecycleDecision;
import io.beatwatch.core.detect.MinuteCounts;
import io.beatwatch.core.detect.ZoneAlert;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One place (keyed by centre cell): updates its counts on every event, scores every ring, window
 * and signal against the space-time permutation expectation, and lets {@link AlertLifecycle} decide
 * whether an alert opens, updates or closes. Emits alerts, and for the view (side output) the
 * cell's current counts. Event-time timers every few minutes let counts decay and alerts close when
 * calls stop; the state is cleared once the baseline period has passed with nothing.
 */
final class ZoneDetector extends KeyedProcessFunction<String, ZonedEvent, HotspotAlert> {

    static final OutputTag<CellView> CELLS = new OutputTag<>("cells") {};
    static final long TIMER_STEP_MS = Duration.ofMinutes(5).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final HotspotJobConfig config;
    private final DetectionConfig detection;
    private final int[] windows;
    private final int[] rings;
    private transient AlertLifecycle lifecycle;
    private transient ValueState<PlaceState> place;
    private transient ValueState<ZoneAlert> alert;
    private transient Counter opened;
    private transient Histogram latency;

    ZoneDetector(HotspotJobConfig config) {
        this.config = config;
        this.detection = config.detection();
        this.windows = config.windows();
        this.rings = detection.rings().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void open(OpenContext ctx) {
        lifecycle = new AlertLifecycle(detection);
        place = getRuntimeContext().getState(new ValueStateDescriptor<>("place", PlaceState.class));
        alert = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", ZoneAlert.class));
        var metrics = getRuntimeContext().getMetricGroup();
        opened = metrics.counter("alerts_opened");
        latency =
                metrics.histogram(
                        "event_to_alert_latency_ms", new DescriptiveStatisticsHistogram(1024));
    }

    @Override
    public void processElement(ZonedEvent z, Context ctx, Collector<HotspotAlert> out)
            throws Exception {
        PlaceState s = place.value();
        if (s == null) s = PlaceState.create(detection);
        CellEvent e = z.stamped.event;
        long minute = MinuteCounts.minuteOf(e.timeMillis);
        int span = detection.maxWindowMinutes();
        switch (e.stream(detection.excludeOfficerInitiated())) {
            case CFS -> {
                for (int i = 0; i < rings.length; i++) {
                    if (rings[i] < z.ring) continue;
                    s.cfs[i].add(minute, 1);
                    s.cfsBaseline[i].add(minute, 1);
                    s.types[i].add(minute, e.type, span);
                }
            }
            case TIPS -> {
                for (int i = 0; i < rings.length; i++) {
                    if (rings[i] < z.ring) continue;
                    s.tips[i].add(minute, 1);
                    s.tipBaseline[i].add(minute, 1);
                }
            }
            case OFFICER -> {
                if (z.ring == 0) s.officer.add(minute, 1);
            }
            case REPEAT -> {
                // one incident, several callers: already counted in its first call
            }
        }
        // the district of the cell's own calls; a cell with none yet takes its neighbours' (so a
        // ring alert centred on an empty cell still names a district)
        if (e.district != null && (z.ring == 0 || s.district == null)) s.district = e.district;
        Stamped st = z.stamped;
        s.cityCfsWindows = st.cityCfsWindows;
        s.cityCfsBaseline = st.cityCfsBaseline;
        s.cityTipWindows = st.cityTipWindows;
        s.cityTipBaseline = st.cityTipBaseline;
        s.cityCoveredDays = st.cityCoveredDays;
        s.activeCells = st.activeCells;
        s.lastEventMillis = Math.max(s.lastEventMillis, e.timeMillis);

        evaluate(ctx.getCurrentKey(), s, e.timeMillis, ctx, out, e.timeMillis);
        if (z.ring == 0) {
            ctx.output(CELLS, view(ctx.getCurrentKey(), s, e.timeMillis));
            s.viewActive = true;
        }
        scheduleNext(ctx, s, e.timeMillis);
        place.update(s);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<HotspotAlert> out) throws Exception {
        PlaceState s = place.value();
        if (s == null) return;
        long minute = MinuteCounts.minuteOf(ts);
        ZoneAlert a = alert.value();
        if (a != null && a.open()) {
            // counts slide with event time even when no call comes: re-score so alerts close
            evaluate(ctx.getCurrentKey(), s, ts, ctx, out, -1);
            a = alert.value();
        }
        if (s.viewActive && ts >= s.nextTickMillis) {
            ctx.output(CELLS, view(ctx.getCurrentKey(), s, ts));
            // one last all-zero view is written, then the cell goes quiet in the view
            s.viewActive = !s.ringZeroEmpty(minute);
        }
        if (s.viewActive || (a != null && a.open())) {
            scheduleNext(ctx, s, ts);
            place.update(s);
        } else if (ts >= cleanupAt(s) && s.baselinesEmpty(minute) && lifecycle.canForget(a, ts)) {
            place.clear();
            alert.clear();
        } else {
            scheduleCleanup(ctx, s);
            place.update(s);
        }
    }

    /**
     * Wakes the place when one of its counts next changes because events slide out of a window (the
     * view must show it; an open alert must be re-scored), and only then: a quiet cell costs no
     * timers. With nothing left to slide, the place sleeps until its cleanup.
     */
    private void scheduleNext(Context ctx, PlaceState s, long nowMillis) throws Exception {
        long minute = MinuteCounts.minuteOf(nowMillis);
        ZoneAlert a = alert.value();
        boolean open = a != null && a.open();
        long next = Long.MAX_VALUE;
        if (s.viewActive) {
            next = Math.min(next, s.cfs[0].nextChange(minute, windows));
            next = Math.min(next, s.tips[0].nextChange(minute, windows));
            next = Math.min(next, s.officer.nextChange(minute, windows));
        }
        if (open) {
            for (int i = 0; i < rings.length; i++) {
                next = Math.min(next, s.cfs[i].nextChange(minute, windows));
                next = Math.min(next, s.tips[i].nextChange(minute, windows));
            }
        }
        if (next == Long.MAX_VALUE) {
            // nothing left to slide out of any window: the view is final and an open alert has
            // been re-scored on empty windows (and closed); sleep until the cleanup
            s.viewActive = false;
            scheduleCleanup(ctx, s);
            return;
        }
        long at = next * 60_000L;
        if (s.nextTickMillis != at || at <= nowMillis) {
            at = Math.max(at, nowMillis + 1);
            ctx.timerService().registerEventTimeTimer(at);
            s.nextTickMillis = at;
        }
    }

    /** Wakes the place when its baseline period has passed with nothing, to clear its state. */
    private void scheduleCleanup(Context ctx, PlaceState s) {
        long at = cleanupAt(s);
        if (s.nextTimerMillis < at) {
            ctx.timerService().registerEventTimeTimer(at);
            s.nextTimerMillis = at;
        }
    }

    private long cleanupAt(PlaceState s) {
        long lastDay = Baseline.dayOf(MinuteCounts.minuteOf(s.lastEventMillis));
        return (lastDay + detection.baselineDays() + 2) * DAY_MS;
    }

    private void evaluate(
            String centre,
            PlaceState s,
            long nowMillis,
            Context ctx,
            Collector<HotspotAlert> out,
            long triggerEventMillis)
            throws Exception {
        ZoneAlert previous = alert.value();
        boolean open = previous != null && previous.open();
        if (s.cityCoveredDays < detection.minBaselineDays() && !open) {
            return; // warm-up: the baseline is too short to say what is normal
        }
        List<Evaluation> evaluations = evaluations(centre, s, nowMillis, open);
        if (evaluations.isEmpty()) return;
        LifecycleDecision d = lifecycle.decide(previous, evaluations);
        if (d.next() == null) {
            alert.clear();
        } else if (!d.next().equals(previous)) {
            alert.update(d.next());
        }
        if (!d.emits()) return;
        HotspotAlert a = d.toAlert(explain(centre, s, d.evaluation()), Instant.now());
        if (d.action() == LifecycleDecision.Action.OPEN) {
            opened.inc();
        }
        if (triggerEventMillis > 0) {
            latency.update(Math.max(0, System.currentTimeMillis() - triggerEventMillis));
        }
        out.collect(a);
    }

    private List<Evaluation> evaluations(
            String centre, PlaceState s, long nowMillis, boolean open) {
        long minute = MinuteCounts.minuteOf(nowMillis);
        double testsPerDay = detection.testsPerDay(s.activeCells);
        List<Evaluation> out = new ArrayList<>();
        long[] centreCfs = s.cfs[0].sums(minute, windows);
        long[] centreTips = s.tips[0].sums(minute, windows);
        for (int r = 0; r < rings.length; r++) {
            int cells = rings[r] == 0 ? 1 : 1 + 3 * rings[r] * (rings[r] + 1);
            double prior = detection.priorCount(cells);
            long[] cfs = s.cfs[r].sums(minute, windows);
            long[] tips = s.tips[r].sums(minute, windows);
            if (rings[r] > 0 && !open) {
                // a wider zone speaks for its centre only where the centre holds at least its
                // share: otherwise each of a cluster's neighbours would alert for the same calls
                for (int w = 0; w < windows.length; w++) {
                    if (centreCfs[w] * cells < cfs[w]) cfs[w] = 0;
                    if (centreTips[w] * cells < tips[w]) tips[w] = 0;
                }
            }
            long cfsBase = s.cfsBaseline[r].count(minute);
            long tipBase = s.tipBaseline[r].count(minute);
            for (int w = 0; w < windows.length; w++) {
                // an evaluation below the minimum cannot open; skip the tail maths unless open
                if (open || cfs[w] >= detection.minObserved()) {
                    double exp =
                            Baseline.expected(
                                    cfsBase, prior, s.cityCfsWindows[w], s.cityCfsBaseline);
                    out.add(
                            Evaluation.of(
                                    centre,
                                    rings[r],
                                    windows[w],
                                    Signal.CFS,
                                    cfs[w],
                                    exp,
                                    testsPerDay,
                                    detection,
                                    nowMillis));
                }
                if (detection.tipsSignal() && (open || tips[w] >= detection.minObserved())) {
                    double exp =
                            Baseline.expected(
                                    tipBase, prior, s.cityTipWindows[w], s.cityTipBaseline);
                    out.add(
                            Evaluation.of(
                                    centre,
                                    rings[r],
                                    windows[w],
                                    Signal.TIPS,
                                    tips[w],
                                    exp,
                                    testsPerDay,
                                    detection,
                                    nowMillis));
                }
            }
        }
        return out;
    }

    private Explanation explain(String centre, PlaceState s, Evaluation e) {
        int r = ringIndex(e.ring());
        long minute = MinuteCounts.minuteOf(e.eventTimeMillis());
        List<String> cells = e.ring() == 0 ? List.of(centre) : H3Grid.ring(centre, e.ring());
        return new Explanation(
                cells,
                H3Grid.centroid(centre),
                s.district,
                s.types[r].top(minute, e.windowMinutes(), HotspotJobConfig.TOP_TYPES),
                s.tips[r].sum(minute, e.windowMinutes()));
    }

    private int ringIndex(int ring) {
        for (int i = 0; i < rings.length; i++) if (rings[i] == ring) return i;
        throw new IllegalArgumentException("unknown ring " + ring);
    }

    private CellView view(String cell, PlaceState s, long nowMillis) {
        long minute = MinuteCounts.minuteOf(nowMillis);
        int r0 = 0; // the cell itself: the smallest configured ring
        var v = new CellView();
        v.cell = cell;
        v.district = s.district;
        v.windows = windows;
        v.observed = s.cfs[r0].sums(minute, windows);
        v.expected = new double[windows.length];
        v.score = new double[windows.length];
        v.recurrenceDays = new double[windows.length];
        double testsPerDay = detection.testsPerDay(s.activeCells);
        long base = s.cfsBaseline[r0].count(minute);
        boolean warm = s.cityCoveredDays >= detection.minBaselineDays();
        for (int w = 0; w < windows.length; w++) {
            if (!warm || s.cityCfsWindows == null) continue;
            double exp =
                    Baseline.expected(
                            base, detection.priorCount(1), s.cityCfsWindows[w], s.cityCfsBaseline);
            if (Double.isNaN(exp)) continue;
            var e =
                    Evaluation.of(
                            cell,
                            rings[r0],
                            windows[w],
                            Signal.CFS,
                            v.observed[w],
                            exp,
                            testsPerDay,
                            detection,
                            nowMillis);
            v.expected[w] = exp;
            v.score[w] = e.score();
            v.recurrenceDays[w] = e.recurrenceIntervalDays();
        }
        v.officerInitiated = s.officer.sum(minute, detection.maxWindowMinutes());
        v.tips = s.tips[r0].sum(minute, detection.maxWindowMinutes());
        v.eventTimeMillis = nowMillis;
        return v;
    }
}
