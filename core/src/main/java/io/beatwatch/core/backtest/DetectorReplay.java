package io.beatwatch.core.backtest;

import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.detect.StreamDetector;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.HotspotAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replays a loaded city ({@link EventTable}) through {@link StreamDetector}, the detector the Flink
 * job runs, in memory and in time order, optionally with injected calls merged in: the engine of
 * the emergence backtest, the backtest's alert term and the plain-loop side of the throughput
 * bench.
 */
public final class DetectorReplay {

    private final EventTable table;
    private final long[] cellIds;

    /** A replay driver over {@code table} (cell indexes resolved once). */
    public DetectorReplay(EventTable table) {
        this.table = table;
        this.cellIds = new long[table.cellCount()];
        for (int c = 0; c < cellIds.length; c++) {
            cellIds[c] = StreamDetector.cellId(table.cellAddress(c));
        }
    }

    /** What one replay produced. */
    public record Result(
            List<HotspotAlert> alerts, long events, double seconds, StreamDetector detector) {}

    /**
     * Replays the rows of {@code [fromMs, toMs)} merged with {@code injected} (time order, ties:
     * background first) through a new detector, then lets every alert close.
     */
    public Result run(
            DetectionConfig config,
            long repeatWindowMinutes,
            long fromMs,
            long toMs,
            List<CallForService> injected) {
        return run(config, repeatWindowMinutes, fromMs, toMs, injected, null);
    }

    /** As {@link #run(DetectionConfig, long, long, long, List)}, with the scorings traced. */
    public Result run(
            DetectionConfig config,
            long repeatWindowMinutes,
            long fromMs,
            long toMs,
            List<CallForService> injected,
            StreamDetector.Tracer tracer) {
        long start = System.nanoTime();
        var detector =
                new StreamDetector(config, table.resolution(), repeatWindowMinutes, false, null);
        detector.trace(tracer);
        List<HotspotAlert> alerts = new ArrayList<>();
        StreamDetector.Output out = alerts::add;
        H3Grid grid = new H3Grid(table.resolution());
        List<CallForService> extra = new ArrayList<>();
        for (CallForService c : injected) {
            long t = c.receivedAt().toEpochMilli();
            if (t >= fromMs && t < toMs) extra.add(c);
        }
        extra.sort(Comparator.comparing(CallForService::receivedAt));
        int i = table.firstAtOrAfter(fromMs);
        int k = 0;
        long events = 0;
        while (true) {
            boolean bg = i < table.size() && table.time(i) < toMs;
            boolean inj = k < extra.size();
            if (!bg && !inj) break;
            if (bg && (!inj || table.time(i) <= extra.get(k).receivedAt().toEpochMilli())) {
                int d = table.district(i);
                // the table holds each incident once already (EventTable dedupes on load)
                detector.accept(
                        null,
                        table.time(i),
                        cellIds[table.cell(i)],
                        table.typeName(table.type(i)),
                        d < 0 ? null : table.districtName(d),
                        table.officer(i) ? StreamDetector.Kind.OFFICER : StreamDetector.Kind.CALL,
                        out);
                i++;
            } else {
                CallForService c = extra.get(k++);
                detector.accept(
                        c.id(),
                        c.receivedAt().toEpochMilli(),
                        StreamDetector.cellId(grid.cellOf(c.lat(), c.lon())),
                        c.type(),
                        c.district(),
                        c.officerInitiated()
                                ? StreamDetector.Kind.OFFICER
                                : StreamDetector.Kind.CALL,
                        out);
            }
            events++;
        }
        detector.finish(out);
        return new Result(alerts, events, (System.nanoTime() - start) / 1e9, detector);
    }
}
