package io.beatwatch.jobs.hotspot;

import io.beatwatch.core.detect.CellReading;
import io.beatwatch.core.detect.StreamDetector;
import io.beatwatch.core.model.HotspotAlert;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Instant;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The city's detector as one Flink operator: every decoded event goes into the one {@link
 * StreamDetector} (core), whose alerts are the main output, whose cell readings are the view (side
 * output {@link #CELLS}), and whose counted events go on to the patrol stage (side output {@link
 * #COUNTED}). The detector is plain Java on the heap: an event costs no state-backend access, and a
 * checkpoint writes the detector's own compact snapshot into operator state.
 *
 * <p>Time: events move the detector's clock, so a replay gives exactly the alerts of the plain loop
 * over the same events. Event-time timers at minute boundaries move it on when the feed is quiet
 * (live), so open alerts still close and the map still fades; a timer never re-arms more than the
 * longest window past the last event, so the end of a bounded input cannot cascade.
 */
final class DetectorFunction extends KeyedProcessFunction<Integer, CellEvent, HotspotAlert>
        implements CheckpointedFunction {

    static final OutputTag<CellView> CELLS = new OutputTag<>("cells") {};
    static final OutputTag<Stamped> COUNTED = new OutputTag<>("counted") {};

    private static final long MINUTE_MS = 60_000L;

    private final HotspotJobConfig config;
    private transient StreamDetector detector;
    private transient ListState<byte[]> snapshot;
    private transient Counter opened;
    private transient Counter duplicates;
    private transient Histogram latency;
    private transient long lastEventMillis = Long.MIN_VALUE;
    private transient LongMaximum cellsHeldMax;
    private transient LongMaximum stateBytes;
    private transient LongMaximum cellsAtEnd;

    DetectorFunction(HotspotJobConfig config) {
        this.config = config;
    }

    private StreamDetector newDetector() {
        return new StreamDetector(
                config.detection(),
                config.h3Resolution(),
                config.repeatWindow().toMinutes(),
                true,
                Instant::now);
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        snapshot =
                ctx.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("detector", byte[].class));
        detector = newDetector();
        if (ctx.isRestored()) {
            for (byte[] bytes : snapshot.get()) {
                detector.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        snapshot.update(java.util.List.of(snapshotBytes()));
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
        var metrics = getRuntimeContext().getMetricGroup();
        opened = metrics.counter("alerts_opened");
        duplicates = metrics.counter("duplicates");
        latency =
                metrics.histogram(
                        "event_to_alert_latency_ms", new DescriptiveStatisticsHistogram(1024));
        cellsHeldMax = new LongMaximum();
        stateBytes = new LongMaximum();
        getRuntimeContext().addAccumulator(HotspotJob.CELLS_HELD_MAX, cellsHeldMax);
        cellsAtEnd = new LongMaximum();
        getRuntimeContext().addAccumulator(HotspotJob.STATE_BYTES, stateBytes);
        getRuntimeContext().addAccumulator(HotspotJob.CELLS_AT_END, cellsAtEnd);
    }

    @Override
    public void close() throws Exception {
        // the state's size where the input ended: what a checkpoint of it would write
        if (detector != null) {
            stateBytes.add(snapshotBytes().length);
            cellsAtEnd.add(detector.cellsHeld());
        }
        super.close();
    }

    private byte[] snapshotBytes() throws java.io.IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            detector.writeTo(out);
        }
        return bytes.toByteArray();
    }

    @Override
    public void processElement(CellEvent e, Context ctx, Collector<HotspotAlert> out)
            throws Exception {
        StreamDetector.Kind kind =
                e.tip
                        ? StreamDetector.Kind.TIP
                        : e.officerInitiated && config.detection().excludeOfficerInitiated()
                                ? StreamDetector.Kind.OFFICER
                                : StreamDetector.Kind.CALL;
        var output = new Emit(ctx, out, e.timeMillis);
        StreamDetector.Outcome outcome =
                detector.accept(
                        e.id,
                        e.timeMillis,
                        StreamDetector.cellId(e.cell),
                        e.type,
                        e.district,
                        e.beat,
                        kind,
                        output);
        if (outcome == StreamDetector.Outcome.DUPLICATE) {
            duplicates.inc();
            return;
        }
        if (outcome == StreamDetector.Outcome.TOO_LATE) return;
        e.repeat = outcome == StreamDetector.Outcome.REPEAT;
        ctx.output(COUNTED, new Stamped(e));
        lastEventMillis = Math.max(lastEventMillis, e.timeMillis);
        cellsHeldMax.add(detector.cellsHeld());
        // wake at the next minute boundary in case the feed goes quiet (deduplicated per time)
        ctx.timerService().registerEventTimeTimer(nextMinute(e.timeMillis));
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<HotspotAlert> out) {
        detector.advanceTo(ts, new Emit(ctx, out, -1));
        long horizon = lastEventMillis + (config.detection().maxWindowMinutes() + 1L) * MINUTE_MS;
        long next = nextMinute(ts);
        if (next <= horizon) ctx.timerService().registerEventTimeTimer(next);
    }

    /** Cells the detector holds (tests: state stays bounded). */
    int cellsHeld() {
        return detector.cellsHeld();
    }

    private static long nextMinute(long millis) {
        return (Math.floorDiv(millis, MINUTE_MS) + 1) * MINUTE_MS;
    }

    /** Routes the detector's output to the collector and the side outputs. */
    private final class Emit implements StreamDetector.Output {
        private final Context ctx;
        private final Collector<HotspotAlert> out;
        private final long triggerMillis;

        Emit(Context ctx, Collector<HotspotAlert> out, long triggerMillis) {
            this.ctx = ctx;
            this.out = out;
            this.triggerMillis = triggerMillis;
        }

        @Override
        public void alert(HotspotAlert a) {
            if (a.state() == io.beatwatch.core.model.AlertState.OPENED) opened.inc();
            if (triggerMillis > 0) {
                latency.update(Math.max(0, System.currentTimeMillis() - triggerMillis));
            }
            out.collect(a);
        }

        @Override
        public void cell(CellReading r) {
            ctx.output(CELLS, CellView.of(r));
        }
    }
}
