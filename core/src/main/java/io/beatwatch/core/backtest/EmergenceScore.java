package io.beatwatch.core.backtest;

import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.synth.InjectedCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Scores a replay's alerts against injected clusters. A cluster is <b>detected</b> by the first
 * confirmed alert message that signals something new at its place (an opening, or an update marked
 * intensifying) whose cells share a cell with the cluster's k-ring and whose event time lies
 * between the cluster's start and its end plus a grace period; the <b>time to detect</b> is that
 * event time minus the cluster's start. A <b>false alarm</b> is a confirmed opening that matches no
 * cluster.
 */
public final class EmergenceScore {

    /** What happened to one cluster. */
    public record Outcome(
            InjectedCluster cluster, boolean detected, double minutesToDetect, String alertId) {}

    private EmergenceScore() {}

    static boolean signalsNew(HotspotAlert a) {
        return a.confirmed()
                && (a.state() == AlertState.OPENED
                        || (a.state() == AlertState.UPDATED
                                && a.category() == EmergenceCategory.INTENSIFYING));
    }

    private static boolean matches(
            HotspotAlert a, InjectedCluster c, Set<String> cells, long grace) {
        long t = a.eventTime().toEpochMilli();
        if (t < c.start().toEpochMilli() || t > c.end().toEpochMilli() + grace) return false;
        for (String cell : a.cells()) if (cells.contains(cell)) return true;
        return false;
    }

    /** Each cluster's outcome, in the clusters' order. */
    public static List<Outcome> outcomes(
            List<InjectedCluster> clusters, List<HotspotAlert> alerts, Duration grace) {
        long g = grace.toMillis();
        List<Outcome> out = new ArrayList<>();
        for (InjectedCluster c : clusters) {
            Set<String> cells = new HashSet<>(c.cells());
            HotspotAlert first = null;
            for (HotspotAlert a : alerts) {
                if (!signalsNew(a) || !matches(a, c, cells, g)) continue;
                if (first == null || a.eventTime().isBefore(first.eventTime())) first = a;
            }
            out.add(
                    first == null
                            ? new Outcome(c, false, Double.NaN, null)
                            : new Outcome(
                                    c,
                                    true,
                                    (first.eventTime().toEpochMilli() - c.start().toEpochMilli())
                                            / 60_000.0,
                                    first.alertId()));
        }
        return out;
    }

    /**
     * Confirmed alert openings at times {@code counted} accepts that match no cluster (pass an
     * empty list for a replay with nothing injected).
     */
    public static List<HotspotAlert> falseAlarms(
            List<HotspotAlert> alerts,
            List<InjectedCluster> clusters,
            Duration grace,
            LongPredicate counted) {
        long g = grace.toMillis();
        List<Set<String>> cells = new ArrayList<>();
        for (InjectedCluster c : clusters) cells.add(new HashSet<>(c.cells()));
        List<HotspotAlert> out = new ArrayList<>();
        for (HotspotAlert a : alerts) {
            if (a.state() != AlertState.OPENED || !a.confirmed()) continue;
            if (!counted.test(a.eventTime().toEpochMilli())) continue;
            boolean explained = false;
            for (int i = 0; i < clusters.size() && !explained; i++) {
                explained = matches(a, clusters.get(i), cells.get(i), g);
            }
            if (!explained) out.add(a);
        }
        return out;
    }

    /**
     * The peak strength ({@code −log10 p}) each alert reached over its messages, for fitting a
     * {@link io.beatwatch.core.detect.RecurrenceCalibration}; p is recomputed from the messages'
     * observed and expected counts under dispersion φ, so the recurrence cap does not flatten it.
     * Only confirmed alerts opened at times {@code counted} accepts are kept.
     */
    public static double[] peakStrengths(
            List<HotspotAlert> alerts, double dispersion, LongPredicate counted) {
        java.util.Map<String, double[]> peak = new java.util.LinkedHashMap<>();
        java.util.Set<String> keep = new HashSet<>();
        for (HotspotAlert a : alerts) {
            if (a.state() == AlertState.OPENED
                    && a.confirmed()
                    && counted.test(a.eventTime().toEpochMilli())) keep.add(a.alertId());
            if (a.state() == AlertState.CLOSED) continue;
            double x =
                    -io.beatwatch.core.detect.PoissonScan.logUpperTail(
                                    a.observed(), a.expected(), dispersion)
                            / Math.log(10);
            peak.computeIfAbsent(a.alertId(), k -> new double[] {Double.NEGATIVE_INFINITY});
            double[] p = peak.get(a.alertId());
            p[0] = Math.max(p[0], x);
        }
        return peak.entrySet().stream()
                .filter(e -> keep.contains(e.getKey()))
                .mapToDouble(e -> e.getValue()[0])
                .toArray();
    }
}
