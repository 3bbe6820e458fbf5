package io.beatwatch.core.backtest;

import io.beatwatch.core.detect.StreamDetector;
import io.beatwatch.core.detect.TracePoint;
import io.beatwatch.core.synth.InjectedCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-cluster trace of an emergence replay: every scoring the detector made of each injected
 * cluster's places (each of its cells, alone and, where the detector scans rings, with its ring-1
 * zone), from the cluster's start to the end of the grace after it. Says for each missed cluster
 * how close the detector came and what held it back.
 */
public final class ClusterTrace implements StreamDetector.Tracer {

    /** One scoring of a cluster's place, {@code minute} minutes after the cluster began. */
    public record Row(InjectedCluster cluster, double minute, TracePoint point) {}

    private final Map<Long, List<InjectedCluster>> byCell = new HashMap<>();
    private final long graceMillis;
    private final List<Row> rows = new ArrayList<>();

    /** A trace of {@code clusters}, each followed until {@code grace} after its end. */
    public ClusterTrace(List<InjectedCluster> clusters, Duration grace) {
        this.graceMillis = grace.toMillis();
        for (InjectedCluster c : clusters) {
            for (String cell : c.cells()) {
                byCell.computeIfAbsent(StreamDetector.cellId(cell), k -> new ArrayList<>()).add(c);
            }
        }
    }

    @Override
    public boolean traces(long cell) {
        return byCell.containsKey(cell);
    }

    @Override
    public void scored(TracePoint p) {
        for (InjectedCluster c : byCell.get(p.cell())) {
            long start = c.start().toEpochMilli();
            long end = start + c.duration().toMillis() + graceMillis;
            // the detector's clock is the minute's start: a call at 10:00:30 is scored at 10:00
            if (p.eventTimeMillis() >= start - 60_000L && p.eventTimeMillis() <= end) {
                rows.add(new Row(c, (p.eventTimeMillis() - start) / 60_000.0, p));
            }
        }
    }

    /** Every row, in the order the detector scored them. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The rows of one cluster. */
    public List<Row> rowsOf(InjectedCluster cluster) {
        return rows.stream().filter(r -> r.cluster().equals(cluster)).toList();
    }

    /** Why a cluster was missed: what held back the scoring that came closest to opening. */
    public enum Miss {
        /** No scoring of any of its places at all. */
        NOT_SCORED,
        WARM_UP,
        FEW_CALLS,
        CENTRE_SHARE,
        BELOW_BUDGET,
        LIFECYCLE,
        /** An alert was already open at the place (no new opening to count). */
        ALREADY_OPEN
    }

    /**
     * The scoring that came closest to opening: the highest recurrence interval, then the most
     * counted calls; null if no place of the cluster was scored.
     */
    public static Row closest(List<Row> rows) {
        return rows.stream()
                .max(
                        Comparator.comparingDouble((Row r) -> r.point().recurrenceDays())
                                .thenComparingLong(r -> r.point().counted())
                                .thenComparingInt(r -> -r.point().why().ordinal()))
                .orElse(null);
    }

    /** What held back a missed cluster, from its rows. */
    public static Miss missReason(List<Row> rows) {
        Row best = closest(rows);
        if (best == null) return Miss.NOT_SCORED;
        return switch (best.point().why()) {
            case WARM_UP -> Miss.WARM_UP;
            case FEW_CALLS -> Miss.FEW_CALLS;
            case CENTRE_SHARE -> Miss.CENTRE_SHARE;
            case BELOW_BUDGET -> Miss.BELOW_BUDGET;
            case LIFECYCLE -> Miss.LIFECYCLE;
            case OPEN, OPENED -> Miss.ALREADY_OPEN;
        };
    }
}
