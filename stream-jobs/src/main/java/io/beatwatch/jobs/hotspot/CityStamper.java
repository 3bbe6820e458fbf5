package io.beatwatch.jobs.hotspot;

import io.beatwatch.core.detect.Baseline;
import io.beatwatch.core.detect.MinuteCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The city-wide view, one instance keyed by a constant: counts each incident once (CAD updates of a
 * seen id are dropped, ids expire after the dedupe TTL), keeps the city's window and baseline
 * counts, and stamps each first-seen event with them. Running as one keyed instance makes the
 * stamp, and so every alert downstream, a deterministic function of the input order.
 */
final class CityStamper extends KeyedProcessFunction<Integer, CellEvent, Stamped> {

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final HotspotJobConfig config;
    private transient MapState<String, Long> seen;
    private transient MapState<String, Long> cellLastDay;
    private transient MapState<String, Long> lastCallOfType;
    private transient ValueState<CityCounts> city;
    private transient Counter duplicates;

    CityStamper(HotspotJobConfig config) {
        this.config = config;
    }

    /** The city's counts, one POJO in state. */
    public static final class CityCounts {
        public MinuteCounts cfs;
        public MinuteCounts tips;
        public Baseline cfsBaseline;
        public Baseline tipBaseline;
        public long activeCells;
        public long nextSweepMillis;

        public CityCounts() {}
    }

    @Override
    public void open(OpenContext ctx) {
        seen =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("seen", String.class, Long.class));
        cellLastDay =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("cellLastDay", String.class, Long.class));
        lastCallOfType =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "lastCallOfType", String.class, Long.class));
        city = getRuntimeContext().getState(new ValueStateDescriptor<>("city", CityCounts.class));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
    }

    @Override
    public void processElement(CellEvent e, Context ctx, Collector<Stamped> out) throws Exception {
        if (seen.contains(e.id)) {
            duplicates.inc();
            return;
        }
        seen.put(e.id, e.timeMillis);
        CityCounts c = city.value();
        if (c == null) {
            c = newCounts();
            c.nextSweepMillis = e.timeMillis + HOUR_MS;
            ctx.timerService().registerEventTimeTimer(c.nextSweepMillis);
        }
        long minute = MinuteCounts.minuteOf(e.timeMillis);
        markRepeat(e);
        var stream = e.stream(config.detection().excludeOfficerInitiated());
        if (stream == CellEvent.Stream.CFS) {
            c.cfs.add(minute, 1);
            c.cfsBaseline.add(minute, 1);
            Long last = cellLastDay.get(e.cell);
            if (last == null) c.activeCells++;
            cellLastDay.put(e.cell, Baseline.dayOf(minute));
        } else if (stream == CellEvent.Stream.TIPS) {
            c.tips.add(minute, 1);
            c.tipBaseline.add(minute, 1);
        }
        city.update(c);
        int[] windows = config.windows();
        out.collect(
                new Stamped(
                        e,
                        c.cfs.sums(minute, windows),
                        c.cfsBaseline.count(minute),
                        c.tips.sums(minute, windows),
                        c.tipBaseline.count(minute),
                        c.cfsBaseline.daysWithData(minute),
                        c.activeCells));
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Stamped> out) throws Exception {
        // hourly sweep in event time: forget incident ids past the TTL and cells with no
        // baseline activity, so state stays bounded on an endless stream
        long idCutoff = ts - config.dedupeTtl().toMillis();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Long> entry : seen.entries()) {
            if (entry.getValue() < idCutoff) expired.add(entry.getKey());
        }
        for (String id : expired) seen.remove(id);
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Long> entry : lastCallOfType.entries()) {
            if (entry.getValue() < ts - config.repeatWindow().toMillis()) stale.add(entry.getKey());
        }
        for (String key : stale) lastCallOfType.remove(key);

        CityCounts c = city.value();
        if (c == null) return;
        long oldestDay = Math.floorDiv(ts, DAY_MS) - config.detection().baselineDays();
        List<String> cold = new ArrayList<>();
        for (Map.Entry<String, Long> entry : cellLastDay.entries()) {
            if (entry.getValue() < oldestDay) cold.add(entry.getKey());
        }
        for (String cell : cold) cellLastDay.remove(cell);
        c.activeCells -= cold.size();
        c.nextSweepMillis = ts + HOUR_MS;
        city.update(c);
        if (!seen.isEmpty() || !cellLastDay.isEmpty() || !lastCallOfType.isEmpty()) {
            ctx.timerService().registerEventTimeTimer(c.nextSweepMillis);
        } else {
            city.clear();
        }
    }

    /**
     * Several callers about one incident reach CAD as separate incidents: a citizen call of the
     * same type at the same cell within the repeat window after the first call of its group counts
     * once (the window is not chained, so a sequence of calls every ten minutes still counts every
     * other one). Real call counts are overdispersed largely because of such repeats.
     */
    private void markRepeat(CellEvent e) throws Exception {
        long window = config.repeatWindow().toMillis();
        if (window <= 0 || e.tip || e.officerInitiated) return;
        String key = e.cell + "|" + e.type;
        Long groupStart = lastCallOfType.get(key);
        long since = groupStart == null ? Long.MAX_VALUE : e.timeMillis - groupStart;
        if (since >= 0 && since < window) {
            e.repeat = true;
        } else if (groupStart == null || since >= window) {
            lastCallOfType.put(key, e.timeMillis);
        }
    }

    private CityCounts newCounts() {
        var d = config.detection();
        var c = new CityCounts();
        c.cfs = new MinuteCounts(d.maxWindowMinutes());
        c.tips = new MinuteCounts(d.maxWindowMinutes());
        c.cfsBaseline = Baseline.of(d);
        c.tipBaseline = Baseline.of(d);
        return c;
    }
}
