package io.beatwatch.core.backtest;

import io.beatwatch.core.detect.CityDetector;
import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.HotspotAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The alerts Beatwatch would have raised on a table's stream, in time order: every event goes
 * through the plain-Java reference detector ({@link CityDetector}, the same statistics as the Flink
 * job) and each alert opened or updated is kept with its time and its cells (as table cell
 * indexes). Lets a backtest ask which cells had an alert in a span before a period.
 */
public final class AlertHistory {

    private final long[] times;
    private final int[][] cells;
    private final int opened;

    private AlertHistory(long[] times, int[][] cells, int opened) {
        this.times = times;
        this.cells = cells;
        this.opened = opened;
    }

    /** No alerts at all. */
    public static AlertHistory empty() {
        return new AlertHistory(new long[0], new int[0][], 0);
    }

    /**
     * Runs the reference detector over every event of the table (all days, as the live stream would
     * carry them). {@code progress} receives events done.
     */
    public static AlertHistory detect(EventTable t, DetectionConfig config, IntConsumer progress) {
        var detector = new CityDetector(config, new H3Grid(t.resolution()), c -> null);
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < t.cellCount(); c++) index.put(t.cellAddress(c), c);
        List<Long> times = new ArrayList<>();
        List<int[]> cells = new ArrayList<>();
        int opened = 0;
        for (int i = 0; i < t.size(); i++) {
            var call =
                    new CallForService(
                            CallForService.VERSION,
                            "bt-" + i,
                            Instant.ofEpochMilli(t.time(i)),
                            t.typeName(t.type(i)),
                            null,
                            null,
                            null,
                            null,
                            t.officer(i),
                            null,
                            null,
                            null,
                            t.lat(i),
                            t.lon(i),
                            null,
                            "backtest");
            for (HotspotAlert a : detector.accept(call)) {
                if (a.state() == AlertState.CLOSED) continue;
                if (a.state() == AlertState.OPENED) opened++;
                times.add(t.time(i));
                cells.add(
                        a.cells().stream()
                                .map(index::get)
                                .filter(x -> x != null)
                                .mapToInt(Integer::intValue)
                                .toArray());
            }
            if ((i & 0xFFFF) == 0) progress.accept(i);
        }
        progress.accept(t.size());
        return new AlertHistory(
                times.stream().mapToLong(Long::longValue).toArray(),
                cells.toArray(int[][]::new),
                opened);
    }

    /** Alerts opened. */
    public int opened() {
        return opened;
    }

    /** Alert messages kept (openings and updates). */
    public int size() {
        return times.length;
    }

    /** Marks the cells of every alert opened or updated in {@code [from, to)}. */
    public boolean[] cellsAlerted(long from, long to, int cellCount) {
        boolean[] out = new boolean[cellCount];
        int i = Arrays.binarySearch(times, from);
        if (i < 0) i = -i - 1;
        while (i > 0 && times[i - 1] >= from) i--;
        for (; i < times.length && times[i] < to; i++) {
            for (int c : cells[i]) out[c] = true;
        }
        return out;
    }
}
