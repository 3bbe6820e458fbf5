package io.beatwatch.core.detect;

import io.beatwatch.core.detect.internal.LongMap;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.model.TypeCount;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The detector: one city's calls and tips in event-time order, alerts and map readings out. The
 * Flink job, {@code replay}, {@code emergence} and the backtests all run this one class, so what an
 * analyst measures is what runs.
 *
 * <p>Per event: dedupe by incident id, repeat calls (same type, same cell, within the repeat window
 * of the first) counted once, officer-initiated calls kept out of the signal; the counts of the
 * cell, and the scan of the places around it (each cell and its ring-1 zone, every window) against
 * the expected count of {@code Expectation}; the strength {@code x = -log10 p} of the Poisson upper
 * tail becomes a recurrence interval through the detector's own rolling null ({@link RollingNull}),
 * so a supervisor's "one false alarm per N days" is what the city's own history says, with no file
 * fitted by hand. {@link AlertLifecycle} decides open, update and close; each minute boundary
 * re-scores open alerts so they close when calls stop.
 *
 * <p>Time is the events' own: the clock is the largest minute seen, and a day "with data" starts
 * when its first event arrives, so a feed with gaps keeps a baseline of real days. {@link
 * #advanceTo} moves the clock without events (an idle live feed); it never moves it back, so a
 * caller may call it with a watermark behind the events and change nothing.
 */
public final class StreamDetector {

    /** What one event is to the detector. */
    public enum Kind {
        /** A citizen-initiated call: the alert signal. */
        CALL,
        /** An officer-initiated call: counted on the map, never scored. */
        OFFICER,
        /** A community tip: a separate, unconfirmed signal. */
        TIP
    }

    /** What {@link #accept} did with an event. */
    public enum Outcome {
        /** Counted. */
        COUNTED,
        /** A repeat call about an incident already counted: not in the signal. */
        REPEAT,
        /** An update of an incident id already seen: ignored. */
        DUPLICATE,
        /** Later than the longest window behind the clock: ignored. */
        TOO_LATE
    }

    /** Where the detector's results go. */
    public interface Output {
        /** An alert opened, updated or closed. */
        void alert(HotspotAlert alert);

        /** A cell's reading changed (only when the detector was built with readings on). */
        default void cell(CellReading reading) {}
    }

    /** Sees how chosen places were scored: the emergence report's per-cluster trace. */
    public interface Tracer {
        /** Whether the scorings of the place centred on {@code cell} are wanted. */
        boolean traces(long cell);

        /** One scoring of a traced place, or why it was not scored. */
        void scored(TracePoint point);
    }

    /** Model version stamped on alerts. */
    public static final String MODEL_VERSION = "eb-rolling-2";

    /** A cell nobody has called from, in a quiet neighbourhood, expects this many calls a day. */
    static final double RATE_FLOOR_PER_DAY = 0.01;

    /**
     * No cell is expected to be quieter than one call a day: the Poisson tail of a cell whose
     * history is empty is otherwise so thin that any multi-caller incident there looks like a
     * once-a-millennium event, and those would set the threshold for everybody (measured on San
     * Antonio and Berkeley, core/DETECTION.md).
     */
    static final double MIN_RATE = 1.0;

    /**
     * One incident, many callers: at most this many calls of one type count in a zone and window.
     * Real bursts of one type (a crash on a highway, a party) are the heaviest part of the null; an
     * emergence of several incidents spreads over types.
     */
    static final int TYPE_CAP = 3;

    /** The rolling null remembers this many days with data. */
    static final int NULL_DAYS = 90;

    /** Pseudo-calls that pull a cell's hour-slice profile towards the city's. */
    static final double SLICE_PRIOR = 4.0;

    /** Pseudo-calls that damp the city factor when the city is quiet. */
    static final double CITY_PRIOR = 20.0;

    /** The city factor's window: how far back "the city is busy now" looks. */
    static final int CITY_WINDOW = 180;

    /** Episodes weaker than this are not recorded for the rolling null. */
    static final double EPISODE_FLOOR = 2.0;

    private static final long MINUTE_MS = 60_000L;
    private static final int MINUTES_PER_DAY = 1440;
    private static final long DEDUPE_MINUTES = 24 * 60;
    private static final double LN10 = Math.log(10);
    private static final CellState[] NONE = new CellState[0];
    private static final long[] NO_CELLS = new long[0];

    private final DetectionConfig config;
    private final int resolution;
    private final long repeatMinutes;
    private final boolean readings;
    private final Supplier<Instant> clock;
    private final AlertLifecycle lifecycle;
    private final int[] windows;
    private final int maxWindow;
    private final boolean ring1;
    private final int days;
    private final int slices;
    private final double alpha;

    private final LongMap<CellState> cells = new LongMap<>();
    // the cells with an episode under way (and some whose episodes ended since the day turned):
    // the day turn finishes their episodes without scanning every cell
    private final LongMap<CellState> episodic = new LongMap<>();
    private final CityRates city;
    private final RollingNull rollingNull;
    private final TreeSet<Long> openPlaces = new TreeSet<>();
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();
    private final Map<String, Integer> typeIds = new HashMap<>();
    private final List<String> typeNames = new ArrayList<>();
    private final Neighbourhoods zones = new Neighbourhoods(cells);
    private final Expectation expectation;
    private final PlaceTracing tracing;
    private final DirtyCells dirtyCells;

    private long now = Long.MIN_VALUE; // the clock, in epoch minutes
    private long lastPurgeMinute = Long.MIN_VALUE;
    private long utcDay = Long.MIN_VALUE;
    private int dataDay = -1;
    private long activeCells;
    private long duplicates;
    private long repeats;
    private long officerCalls;
    private long tooLate;

    /**
     * A detector.
     *
     * @param config the statistics (windows, rings 0 and/or 1, baseline days with data, budget)
     * @param resolution H3 resolution of the cells it is given
     * @param repeatWindowMinutes a citizen call of the type of a group's first call at the same
     *     cell within this many minutes of it counts once (0: every call counts)
     * @param readings whether to emit {@link CellReading}s for the live map
     * @param emittedAt processing time stamped on alerts (null: none, for reproducible output)
     */
    public StreamDetector(
            DetectionConfig config,
            int resolution,
            long repeatWindowMinutes,
            boolean readings,
            Supplier<Instant> emittedAt) {
        this.config = config;
        this.resolution = resolution;
        this.repeatMinutes = repeatWindowMinutes;
        this.readings = readings;
        this.clock = emittedAt;
        this.lifecycle = new AlertLifecycle(config);
        this.windows = config.windowsMinutes().stream().mapToInt(Integer::intValue).toArray();
        this.maxWindow = config.maxWindowMinutes();
        for (int r : config.rings()) {
            if (r > 1) throw new IllegalArgumentException("rings 0 and 1 only, not " + r);
        }
        this.ring1 = config.rings().contains(1);
        this.days = config.baselineDays();
        this.slices = config.baselineHourBuckets();
        this.alpha = config.priorCountPerCell();
        this.city = new CityRates(days);
        this.rollingNull = new RollingNull(windows.length, Math.max(days, NULL_DAYS));
        this.expectation = new Expectation(config, city, zones, windows);
        this.tracing = new PlaceTracing(config, lifecycle, windows, ring1);
        this.dirtyCells = new DirtyCells(readings, windows, maxWindow);
    }

    /** Sends the scorings of the places {@code tracer} chooses to it (null: none). */
    public void trace(Tracer tracer) {
        tracing.set(tracer);
    }

    /** The H3 index of a cell address (hexadecimal). */
    public static long cellId(String address) {
        return Long.parseUnsignedLong(address, 16);
    }

    // ---------------------------------------------------------------------------------------
    // events and time

    /**
     * Counts one event at {@code cell} (an H3 index at this detector's resolution) and sends what
     * it causes to {@code out}.
     */
    public Outcome accept(
            String id,
            long timeMillis,
            long cell,
            String type,
            String district,
            Kind kind,
            Output out) {
        return accept(id, timeMillis, cell, type, district, null, kind, out);
    }

    /**
     * As {@link #accept(String, long, long, String, String, Kind, Output)}, also keeping the call's
     * {@code beat} (null: none) as the cell's latest, for the view.
     */
    public Outcome accept(
            String id,
            long timeMillis,
            long cell,
            String type,
            String district,
            String beat,
            Kind kind,
            Output out) {
        long minute = Math.floorDiv(timeMillis, MINUTE_MS);
        if (id != null && isDuplicate(id, minute)) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        if (kind == Kind.TIP) {
            // tips come on their own topic, which may run ahead of or behind the calls (a
            // backfill reads topics at their own pace): they never move the clock, and a tip
            // ahead of it waits in the cell's list until the clock reaches its minute
            if (now == Long.MIN_VALUE || dataDay < 0) return Outcome.TOO_LATE;
        } else {
            if (now != Long.MIN_VALUE && minute <= now - maxWindow) {
                tooLate++;
                return Outcome.TOO_LATE;
            }
            advance(minute, true, out);
        }
        CellState c = cells.get(cell);
        if (c == null) {
            c = new CellState(cell, days, slices, windows.length);
            cells.put(cell, c);
            zones.join(c);
        }
        if (district != null) c.district = district;
        if (beat != null && !beat.isBlank()) c.beat = beat;
        switch (kind) {
            case OFFICER -> {
                officerCalls++;
                c.addOfficer(minute, now, maxWindow);
                dirtyCells.touched(c, minute);
                return Outcome.COUNTED;
            }
            case TIP -> {
                c.addTip(minute, now, maxWindow);
                c.addBaseline(dataDay, expectation.sliceOf(minute), true, days, slices);
                city.addTip(minute);
                expectation.tipCounted();
                dirtyCells.touched(c, minute);
                if (config.tipsSignal()) evaluateAround(c, out);
                return Outcome.COUNTED;
            }
            default -> {
                int typeId = typeId(type);
                if (isRepeat(c, typeId, minute)) {
                    repeats++;
                    return Outcome.REPEAT;
                }
                c.addCall(minute, typeId, now, maxWindow);
                c.addBaseline(dataDay, expectation.sliceOf(minute), false, days, slices);
                city.addCall(minute, Expectation.hourOf(minute));
                expectation.callCounted(minute, now);
                dirtyCells.touched(c, minute);
                evaluateAround(c, out);
                return Outcome.COUNTED;
            }
        }
    }

    /**
     * Moves the clock to {@code timeMillis} without an event (an idle feed, a watermark), one
     * minute at a time while anything can still slide out of a window: open alerts are re-scored
     * and readings of sliding windows emitted at each minute, exactly as the job's minute timers
     * do. Never moves the clock back.
     */
    public void advanceTo(long timeMillis, Output out) {
        long minute = Math.floorDiv(timeMillis, MINUTE_MS);
        if (now == Long.MIN_VALUE || minute <= now) return;
        // minute by minute, as the job's timers do, until every window has slid empty; then jump
        long stepUntil = Math.min(minute, now + maxWindow + 1);
        while (now < stepUntil) advance(now + 1, false, out);
        if (minute > now) advance(minute, false, out);
    }

    /** Moves the clock past the longest window after the last event: every alert closes. */
    public void finish(Output out) {
        if (now == Long.MIN_VALUE) return;
        advanceTo((now + maxWindow + 1) * MINUTE_MS, out);
    }

    private void advance(long minute, boolean event, Output out) {
        if (minute <= now) return;
        long day = Math.floorDiv(minute, (long) MINUTES_PER_DAY);
        if (event && day > utcDay) {
            newDataDay(day);
        }
        long from = now;
        now = minute;
        if (from == Long.MIN_VALUE) return;
        if (!openPlaces.isEmpty() && warm()) {
            for (Long p : new ArrayList<>(openPlaces)) {
                CellState c = cells.get(p);
                if (c != null) evaluate(c, out);
            }
        }
        if (readings) flushReadings(from, out);
    }

    private void newDataDay(long day) {
        // episodes that ended before the day turned belong to the old day's null, recorded in
        // cell order (only cells with an episode have any: no need to sort them all)
        for (CellState c : cellsWithEpisodes()) finishEpisodes(c, true);
        utcDay = day;
        dataDay++;
        city.startDay(dataDay, (int) Math.floorMod(day + 3, 7L));
        rollingNull.refit(dataDay, city.daysWithData);
        long nowMillis =
                now == Long.MIN_VALUE ? day * MINUTES_PER_DAY * MINUTE_MS : now * MINUTE_MS;
        int cutoff = dataDay - days - 1;
        int removed =
                cells.removeIf(
                        c ->
                                c.lastDataDay < cutoff
                                        && c.recentEmpty(now, maxWindow)
                                        && !(c.alert != null && c.alert.open())
                                        && lifecycle.canForget(c.alert, nowMillis));
        // a forgotten cell may sit in a neighbour's cached surroundings: rebuild them on use
        if (removed > 0) cells.forEachValue(c -> c.around = null);
        long[] active = {0};
        cells.forEachValue(
                c -> {
                    if (c.alert != null
                            && !c.alert.open()
                            && lifecycle.canForget(c.alert, nowMillis)) {
                        c.alert = null;
                    }
                    // the baseline sums themselves are computed on first use (they cost about
                    // 5% of the plain loop when every cell summed 29 days of slices every day)
                    if (c.hasBaseCalls(dataDay, days)) active[0]++;
                });
        activeCells = active[0];
    }

    private boolean warm() {
        return city.daysWithData >= config.minBaselineDays() && city.total > 0;
    }

    private boolean isDuplicate(String id, long minute) {
        if (seen.putIfAbsent(id, minute) != null) return true;
        // ids are remembered for a day of event time: CAD updates come within minutes; the
        // oldest are dropped once a minute, not on every event
        if (minute != lastPurgeMinute) {
            lastPurgeMinute = minute;
            Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
            while (it.hasNext()) {
                if (it.next().getValue() >= minute - DEDUPE_MINUTES) break;
                it.remove();
            }
        }
        return false;
    }

    /**
     * Several callers about one incident reach CAD as separate incidents: a call of the type of a
     * group's first call at the same cell within the repeat window counts once (not chained, so
     * calls every ten minutes still count every other one).
     */
    private boolean isRepeat(CellState c, int typeId, long minute) {
        if (repeatMinutes <= 0) return false;
        for (int i = 0; i < c.calls; i++) {
            // the group's first call is a counted call of this type within the window
            if (c.callTypes[i] == typeId
                    && minute - c.callMinutes[i] >= 0
                    && minute - c.callMinutes[i] < repeatMinutes) {
                return true;
            }
        }
        return false;
    }

    private int typeId(String type) {
        String t = type == null ? "" : type;
        Integer id = typeIds.get(t);
        if (id == null) {
            id = typeNames.size();
            typeIds.put(t, id);
            typeNames.add(t);
        }
        return id;
    }

    // ---------------------------------------------------------------------------------------
    // scoring

    private void evaluateAround(CellState c, Output out) {
        if (!warm()) {
            if (tracing.traces(c.id)) tracing.warmUp(c, now * MINUTE_MS);
            return;
        }
        evaluate(c, out);
        if (!ring1) return;
        for (CellState p : zones.around(c)) {
            if (p != null && (p.calls > 0 || p.tips > 0 || isOpen(p))) evaluate(p, out);
        }
    }

    /**
     * A cheap bound before any window is counted: the zone's recent lists hold at most the longest
     * window's events, so fewer than {@code minObserved} entries in all of them cannot open.
     */
    private boolean mayOpen(CellState p, CellState[] around) {
        int min = config.minObserved();
        boolean tipsCount = config.tipsSignal();
        int calls = p.calls;
        int tips = p.tips;
        // the sums only grow: stop at the first cell that reaches the bound (a busy centre
        // spares the six look-ups, the mostly-missed loads of this check)
        if (calls >= min || (tipsCount && tips >= min)) return true;
        for (CellState q : around) {
            if (q == null) continue;
            calls += q.calls;
            tips += q.tips;
            if (calls >= min || (tipsCount && tips >= min)) return true;
        }
        return false;
    }

    static boolean isOpen(CellState c) {
        return c.alert != null && c.alert.open();
    }

    /** Cells with an episode under way, by id; forgets those whose episodes are all done. */
    private List<CellState> cellsWithEpisodes() {
        episodic.removeIf(c -> !inEpisode(c) || cells.get(c.id) != c);
        long[] ids = episodic.sortedKeys();
        List<CellState> out = new ArrayList<>(ids.length);
        for (long id : ids) out.add(episodic.get(id));
        return out;
    }

    private static boolean inEpisode(CellState c) {
        for (long last : c.episodeLast) if (last != Long.MIN_VALUE) return true;
        return false;
    }

    private String address(CellState c) {
        if (c.address == null) c.address = Long.toHexString(c.id);
        return c.address;
    }

    /** Scores the place centred on {@code p}: each ring, window and signal; runs the lifecycle. */
    private void evaluate(CellState p, Output out) {
        boolean open = isOpen(p);
        boolean traced = tracing.traces(p.id);
        CellState[] around = ring1 ? zones.around(p) : NONE;
        if (!open && !traced && !mayOpen(p, around)) return;
        int nw = windows.length;
        long[] o0 = new long[nw];
        long[] o1 = new long[nw];
        long[] t0 = new long[nw];
        long[] t1 = new long[nw];
        int most = 0;
        CellState.countInto(p.callMinutes, p.calls, now, windows, maxWindow, o0);
        CellState.countInto(p.tipMinutes, p.tips, now, windows, maxWindow, t0);
        System.arraycopy(o0, 0, o1, 0, nw);
        System.arraycopy(t0, 0, t1, 0, nw);
        for (CellState q : around) {
            if (q == null || (q.calls == 0 && q.tips == 0)) continue;
            CellState.countInto(q.callMinutes, q.calls, now, windows, maxWindow, o1);
            CellState.countInto(q.tipMinutes, q.tips, now, windows, maxWindow, t1);
        }
        for (int w = 0; w < nw; w++) {
            most = (int) Math.max(most, Math.max(o1[w], config.tipsSignal() ? t1[w] : 0));
        }
        if (!open && most < config.minObserved()) {
            if (traced) tracing.unscored(p, now * MINUTE_MS, o0, o1, o0, o1);
            return;
        }
        long[] raw0 = traced ? o0.clone() : null;
        long[] raw1 = traced ? o1.clone() : null;
        // one incident, many callers: at most TYPE_CAP calls of one type count in a window
        capped(p, around, o0, o1);

        long[] nbrs = ring1 ? zones.neighbours(p) : NO_CELLS;
        int cellsInZone = 1 + nbrs.length;
        double unit0 = expectation.perMinute(p, now, dataDay);
        double unit1 = unit0;
        for (int i = 0; i < nbrs.length; i++)
            unit1 += expectation.perMinute(around[i], nbrs[i], now, dataDay);
        double shape0 = alpha + p.baseCalls;
        double shape1 = shape0;
        for (CellState q : around) shape1 += alpha + (q == null ? 0 : q.baseCalls);
        double factor0 = expectation.cityFactor(o0, now);
        double factor1 = expectation.cityFactor(o1, now);
        double tests = expectation.testsPerDay(activeCells);
        long nowMillis = now * MINUTE_MS;
        String zone = address(p);
        List<Evaluation> evals = new ArrayList<>(4);
        for (int w = 0; w < nw; w++) {
            double best = Double.NEGATIVE_INFINITY;
            if (open || o0[w] >= config.minObserved()) {
                double e = unit0 * windows[w] * factor0;
                // the strength is computed once: score's recurrence interval reads the same one
                double x = o0[w] >= config.minObserved() ? strength(o0[w], e, shape0) : Double.NaN;
                evals.add(score(zone, 0, w, o0[w], e, shape0, x, tests, nowMillis));
                if (o0[w] >= config.minObserved()) best = x;
            }
            // a wider zone speaks for its centre only where the centre holds at least its share:
            // otherwise each of a cluster's neighbours would alert for the same calls
            boolean share = o0[w] * cellsInZone >= o1[w];
            if (ring1 && (open || (share && o1[w] >= config.minObserved()))) {
                double e = unit1 * windows[w] * factor1;
                boolean counts = share && o1[w] >= config.minObserved();
                double x = counts ? strength(o1[w], e, shape1) : Double.NaN;
                evals.add(score(zone, 1, w, o1[w], e, shape1, x, tests, nowMillis));
                if (counts) best = Math.max(best, x);
            }
            if (best >= EPISODE_FLOOR) episode(p, w, best);
            if (config.tipsSignal() && (open || t1[w] >= config.minObserved())) {
                addTipEvaluations(evals, p, zone, w, t0[w], t1[w], share, tests, nowMillis, open);
            }
        }
        if (evals.isEmpty()) {
            if (traced) tracing.unscored(p, now * MINUTE_MS, raw0, raw1, o0, o1);
            return;
        }
        ZoneAlert previous = p.alert;
        LifecycleDecision d = lifecycle.decide(previous, evals);
        p.alert = d.next();
        // openPlaces holds exactly the open places: only one that was open can leave it
        if (p.alert != null && p.alert.open()) openPlaces.add(p.id);
        else if (previous != null && previous.open()) openPlaces.remove(p.id);
        if (traced) {
            tracing.scored(p, now * MINUTE_MS, previous, evals, raw0, raw1, o0, o1, shape0, shape1);
        }
        if (d.emits()) {
            out.alert(d.toAlert(explain(p, d.evaluation()), clock == null ? null : clock.get()));
        }
    }

    /** At most this many distinct types are capped in a zone and window; more count in full. */
    private static final int CAP_TYPES = 64;

    // capped()'s scratch: per window, the state of each type met in the zone; a type id's slot
    // is capSlot[id] when capStamp[id] is this pass's stamp (no search, no clearing)
    private int[] capSlot = new int[64];
    private long[] capStamp = new long[64];
    private long capPass;
    private int[][] capState; // [window][type]: 0 unseen, 1..TYPE_CAP counted, -1 uncapped
    private int[] capDistinct; // [window]: types seen in the window

    /**
     * Calls in the zone and each window, at most {@link #TYPE_CAP} of any one type: the centre's
     * into {@code ring0}, the centre's and {@code around}'s into {@code ring1}. Per window, the
     * first {@link #CAP_TYPES} distinct types met (the centre's calls newest first, then each
     * neighbour's) are capped, any further type counts in full. One pass over the zone's calls for
     * all windows and both rings (it was one per window and ring, with a search of the types met:
     * about 10% of the loop).
     */
    private void capped(CellState p, CellState[] around, long[] ring0, long[] ring1) {
        int nw = windows.length;
        if (capState == null) {
            capState = new int[nw][CAP_TYPES];
            capDistinct = new int[nw];
        }
        Arrays.fill(ring1, 0);
        Arrays.fill(capDistinct, 0);
        if (capSlot.length < typeNames.size()) {
            capSlot = Arrays.copyOf(capSlot, typeNames.size() * 2);
            capStamp = Arrays.copyOf(capStamp, typeNames.size() * 2);
        }
        long pass = ++capPass;
        int types = 0;
        for (int k = -1; k < around.length; k++) {
            CellState q = k < 0 ? p : around[k];
            if (q == null) continue;
            long from = now - maxWindow;
            for (int i = q.calls - 1; i >= 0; i--) {
                long m = q.callMinutes[i];
                if (m <= from) break;
                if (m > now) continue;
                int t = q.callTypes[i];
                int j;
                if (capStamp[t] == pass) {
                    j = capSlot[t];
                } else {
                    if (types == capState[0].length) growCapState();
                    j = types++;
                    capStamp[t] = pass;
                    capSlot[t] = j;
                    for (int w = 0; w < nw; w++) capState[w][j] = 0;
                }
                long age = now - m;
                for (int w = 0; w < nw; w++) {
                    if (age >= windows[w]) continue;
                    int[] state = capState[w];
                    if (state[j] == 0) {
                        // first of its type in this window: capped if among the first CAP_TYPES
                        state[j] = capDistinct[w] < CAP_TYPES ? 1 : -1;
                        if (state[j] > 0) capDistinct[w]++;
                        ring1[w]++;
                    } else if (state[j] < 0) {
                        ring1[w]++;
                    } else if (state[j] < TYPE_CAP) {
                        state[j]++;
                        ring1[w]++;
                    }
                }
            }
            // the centre alone is ring 0; ring 1 carries on from it
            if (k < 0) System.arraycopy(ring1, 0, ring0, 0, nw);
        }
    }

    private void growCapState() {
        for (int w = 0; w < capState.length; w++) {
            capState[w] = Arrays.copyOf(capState[w], capState[w].length * 2);
        }
    }

    private void addTipEvaluations(
            List<Evaluation> evals,
            CellState p,
            String zone,
            int w,
            long t0,
            long t1,
            boolean share,
            double tests,
            long nowMillis,
            boolean open) {
        // tips: the space-time permutation share of the city's tips (rare: no rolling null)
        long cityTips = city.recentTips(now, windows[w]);
        p.baseline(dataDay, days, slices);
        if (open || t0 >= config.minObserved()) {
            double e = Baseline.expected(p.baseTips, config.priorCount(1), cityTips, city.tipTotal);
            evals.add(poissonEvaluation(zone, 0, w, Signal.TIPS, t0, e, tests, nowMillis));
        }
        if (ring1 && (open || t1 >= config.minObserved())) {
            long base = p.baseTips;
            for (CellState q : zones.around(p)) {
                if (q == null) continue;
                q.baseline(dataDay, days, slices);
                base += q.baseTips;
            }
            double e = Baseline.expected(base, config.priorCount(7), cityTips, city.tipTotal);
            evals.add(poissonEvaluation(zone, 1, w, Signal.TIPS, t1, e, tests, nowMillis));
        }
    }

    private Evaluation poissonEvaluation(
            String zone, int ring, int w, Signal s, long o, double e, double tests, long at) {
        double ri = PoissonScan.recurrenceIntervalDays(o, e, Math.max(1, tests));
        return new Evaluation(zone, ring, windows[w], s, o, e, PoissonScan.llr(o, e), ri, at);
    }

    /** {@code -log10 P(X >= o)} for X ~ Poisson(e). */
    static double strength(long o, double e) {
        if (Double.isNaN(e)) return 0;
        return -PoissonScan.logUpperTail(o, e) / LN10;
    }

    /**
     * {@code -log10 P(X >= o)} for the predictive count of a zone whose rate is known from {@code
     * shape} (prior plus baseline) calls: negative binomial, so a zone with a thin history is not
     * as surprised by a burst as one whose rate is well known.
     */
    static double strength(long o, double e, double shape) {
        if (Double.isNaN(e)) return 0;
        return -PoissonScan.logUpperTailNegBin(o, e, shape) / LN10;
    }

    /** An evaluation; {@code x} is {@code strength(o, e, shape)} if known, else NaN. */
    private Evaluation score(
            String zone,
            int ring,
            int w,
            long o,
            double e,
            double shape,
            double x,
            double tests,
            long at) {
        double ri;
        if (Double.isNaN(e) || o <= e) {
            ri = 0;
        } else if (rollingNull.ready(w)) {
            ri = rollingNull.recurrenceDays(w, Double.isNaN(x) ? strength(o, e, shape) : x);
        } else {
            ri = PoissonScan.recurrenceIntervalDays(o, e, Math.max(1, tests));
        }
        return new Evaluation(
                zone, ring, windows[w], Signal.CFS, o, e, PoissonScan.llr(o, e), ri, at);
    }

    /** Tracks the running peak of the place's episode in window {@code w}. */
    private void episode(CellState p, int w, double x) {
        long last = p.episodeLast[w];
        if (last == Long.MIN_VALUE) episodic.put(p.id, p);
        if (last != Long.MIN_VALUE && now - last > windows[w]) {
            recordEpisode(w, p.episodePeak[w]);
            p.episodePeak[w] = 0;
        }
        p.episodePeak[w] = Math.max(p.episodePeak[w], x);
        p.episodeLast[w] = now;
    }

    /**
     * An episode's peak goes into the null censored at today's alert threshold: one that passed the
     * budget is an emergence, and its full strength would raise the bar for those after it. Before
     * the null is ready the threshold is the Poisson bound's: {@code RI = 1 / (p × T)} reaches N at
     * {@code x = log10(N × T)}.
     */
    private void recordEpisode(int w, double peak) {
        double budget = config.recurrenceThresholdDays();
        double censorAt =
                rollingNull.ready(w)
                        ? rollingNull.threshold(w, budget)
                        : Math.log10(budget * Math.max(1, expectation.testsPerDay(activeCells)));
        rollingNull.record(w, peak, dataDay, censorAt);
    }

    private void finishEpisodes(CellState p, boolean onlyEnded) {
        for (int w = 0; w < windows.length; w++) {
            long last = p.episodeLast[w];
            if (last == Long.MIN_VALUE) continue;
            if (onlyEnded && now - last <= windows[w]) continue;
            recordEpisode(w, p.episodePeak[w]);
            p.episodePeak[w] = 0;
            p.episodeLast[w] = Long.MIN_VALUE;
        }
    }

    // ---------------------------------------------------------------------------------------
    // explanations and readings

    private Explanation explain(CellState p, Evaluation e) {
        List<String> zone = new ArrayList<>();
        zone.add(address(p));
        List<CellState> members = new ArrayList<>();
        members.add(p);
        if (e.ring() == 1) {
            for (long n : zones.neighbours(p)) {
                zone.add(Long.toHexString(n));
                CellState q = cells.get(n);
                if (q != null) members.add(q);
            }
        }
        Map<Integer, Long> counts = new HashMap<>();
        long tips = 0;
        String district = p.district;
        for (CellState q : members) {
            tips += q.tips(now, e.windowMinutes());
            if (district == null) district = q.district;
            for (int i = 0; i < q.calls; i++) {
                long m = q.callMinutes[i];
                if (m > now - e.windowMinutes() && m <= now) {
                    counts.merge(q.callTypes[i], 1L, Long::sum);
                }
            }
        }
        List<TypeCount> top =
                counts.entrySet().stream()
                        .map(x -> new TypeCount(typeNames.get(x.getKey()), x.getValue()))
                        .sorted(
                                (a, b) ->
                                        a.count() != b.count()
                                                ? Long.compare(b.count(), a.count())
                                                : a.type().compareTo(b.type()))
                        .limit(3)
                        .toList();
        return new Explanation(zone, H3Grid.centroid(address(p)), district, top, tips);
    }

    private void flushReadings(long from, Output out) {
        long[] ids = dirtyCells.due(from, now);
        if (ids == null) return;
        long last = 0;
        for (long id : ids) {
            if (id == last) continue;
            last = id;
            CellState c = cells.get(id);
            if (c != null) out.cell(reading(c));
        }
    }

    private CellReading reading(CellState c) {
        int nw = windows.length;
        long[] observed = new long[nw];
        for (int w = 0; w < nw; w++) observed[w] = c.calls(now, windows[w]);
        double[] expected = new double[nw];
        double[] score = new double[nw];
        double[] ri = new double[nw];
        if (warm()) {
            double[] e = expectation.counts(c, observed, now, dataDay);
            double tests = expectation.testsPerDay(activeCells);
            for (int w = 0; w < nw; w++) {
                Evaluation ev =
                        score(
                                "",
                                0,
                                w,
                                observed[w],
                                e[w],
                                alpha + c.baseCalls,
                                Double.NaN,
                                tests,
                                now * MINUTE_MS);
                expected[w] = e[w];
                score[w] = ev.score();
                ri[w] = ev.recurrenceIntervalDays();
            }
        }
        return new CellReading(
                address(c),
                c.district,
                c.beat,
                windows.clone(),
                observed,
                expected,
                score,
                ri,
                c.officer(now, maxWindow),
                c.tips(now, maxWindow),
                now * MINUTE_MS);
    }

    // ---------------------------------------------------------------------------------------
    // figures

    /** Alerts open now, by centre cell address. */
    public Map<String, ZoneAlert> openAlerts() {
        Map<String, ZoneAlert> open = new java.util.TreeMap<>();
        for (long p : openPlaces) {
            CellState c = cells.get(p);
            if (c != null && isOpen(c)) open.put(address(c), c.alert);
        }
        return open;
    }

    /** Cells with calls in the baseline: the zones counted in the Poisson fallback's tests. */
    public long activeCells() {
        return activeCells;
    }

    /** Cells held in memory. */
    public int cellsHeld() {
        return cells.size();
    }

    /** Incident updates and repeated ids ignored. */
    public long duplicates() {
        return duplicates;
    }

    /** Repeat calls counted once. */
    public long repeats() {
        return repeats;
    }

    /** Officer-initiated calls kept out of the signal. */
    public long officerExcluded() {
        return officerCalls;
    }

    /** Events later than the longest window, not counted. */
    public long tooLate() {
        return tooLate;
    }

    /** Days with data in the baseline now. */
    public int daysWithData() {
        return city.daysWithData;
    }

    /** The rolling null (for reports and tests). */
    public RollingNull rollingNull() {
        return rollingNull;
    }

    /** The config in use. */
    public DetectionConfig config() {
        return config;
    }

    /** The H3 resolution of the cells. */
    public int resolution() {
        return resolution;
    }

    // ---------------------------------------------------------------------------------------
    // snapshots (Flink checkpoints)

    // v2 adds each cell's beat; v1 snapshots still restore (without beats)
    private static final int SNAPSHOT_VERSION = 2;

    /** Writes the whole state: a checkpoint restores it with {@link #readFrom}. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(SNAPSHOT_VERSION);
        out.writeLong(now);
        out.writeLong(utcDay);
        out.writeInt(dataDay);
        out.writeLong(activeCells);
        out.writeInt(typeNames.size());
        for (String t : typeNames) out.writeUTF(t);
        out.writeInt(seen.size());
        for (Map.Entry<String, Long> e : seen.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        city.writeTo(out);
        rollingNull.writeTo(out);
        long[] ids = cells.sortedKeys();
        out.writeInt(ids.length);
        for (long id : ids) {
            CellState c = cells.get(id);
            c.writeTo(out, days, slices, windows.length);
            AlertCodec.write(out, c.alert);
        }
        dirtyCells.writeTo(out);
    }

    /** Restores what {@link #writeTo} wrote into this (new, empty) detector. */
    public void readFrom(DataInput in) throws IOException {
        int v = in.readInt();
        if (v < 1 || v > SNAPSHOT_VERSION) {
            throw new IOException("unknown detector snapshot v" + v);
        }
        now = in.readLong();
        utcDay = in.readLong();
        dataDay = in.readInt();
        activeCells = in.readLong();
        int types = in.readInt();
        for (int i = 0; i < types; i++) typeId(in.readUTF());
        int ids = in.readInt();
        for (int i = 0; i < ids; i++) seen.put(in.readUTF(), in.readLong());
        city.readFrom(in);
        rollingNull.readFrom(in, dataDay);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            CellState c = CellState.readFrom(in, days, slices, windows.length, v);
            c.alert = AlertCodec.read(in);
            cells.put(c.id, c);
            if (isOpen(c)) openPlaces.add(c.id);
            if (inEpisode(c)) episodic.put(c.id, c);
        }
        dirtyCells.readFrom(in);
    }
}
