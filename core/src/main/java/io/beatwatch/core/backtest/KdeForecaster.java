package io.beatwatch.core.backtest;

import com.uber.h3core.LengthUnit;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.LatLon;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Kernel density estimation on the training window (the same events as {@link PriorCounts}),
 * Gaussian kernel, evaluated at each cell's centroid. The bandwidth is fixed in metres or, when
 * {@code NaN}, set by Silverman's rule ({@link Kde#silverman}) on the first scored period's
 * training events and kept for the whole run. Events are kernels at their own coordinates; when the
 * bandwidth exceeds three cell edges they are binned to their cell's centroid first (the shift is
 * under one edge, small beside such a bandwidth, and it keeps wide kernels fast).
 */
public final class KdeForecaster implements Forecaster {

    private final Timeline timeline;
    private final int trainDays;
    private final double requestedBandwidth;
    private final double[] cx;
    private final double[] cy;
    private final Kde.Projection projection;
    private final double edgeMetres;
    private final Map<Integer, double[]> dayDensity = new HashMap<>();
    private Kde kde;
    private boolean binned;

    /** A KDE with a fixed bandwidth in metres, or Silverman's rule when it is NaN. */
    public KdeForecaster(Timeline timeline, int trainDays, double bandwidthMetres) {
        if (trainDays < 1) throw new IllegalArgumentException("trainDays must be >= 1");
        this.timeline = timeline;
        this.trainDays = trainDays;
        this.requestedBandwidth = bandwidthMetres;
        EventTable t = timeline.table();
        int a = t.cellCount();
        double[] lat = new double[a];
        double[] lon = new double[a];
        double sLat = 0, sLon = 0;
        for (int c = 0; c < a; c++) {
            LatLon p = H3Grid.centroid(t.cellAddress(c));
            lat[c] = p.lat();
            lon[c] = p.lon();
            sLat += p.lat();
            sLon += p.lon();
        }
        this.projection = new Kde.Projection(a == 0 ? 0 : sLat / a, a == 0 ? 0 : sLon / a);
        cx = new double[a];
        cy = new double[a];
        for (int c = 0; c < a; c++) {
            cx[c] = projection.x(lat[c], lon[c]);
            cy[c] = projection.y(lat[c], lon[c]);
        }
        this.edgeMetres = H3Grid.h3().getHexagonEdgeLengthAvg(t.resolution(), LengthUnit.m);
        if (!Double.isNaN(bandwidthMetres)) init(bandwidthMetres);
    }

    private void init(double h) {
        kde = new Kde(cx, cy, h);
        binned = h > 3 * edgeMetres;
    }

    /** The bandwidth in use (NaN before the first period when Silverman's rule is asked for). */
    public double bandwidth() {
        return kde == null ? Double.NaN : kde.bandwidth();
    }

    @Override
    public String name() {
        return Double.isNaN(requestedBandwidth)
                ? "KDE (Silverman)"
                : String.format(Locale.ROOT, "KDE (%.0f m)", requestedBandwidth);
    }

    @Override
    public String description() {
        String bw =
                Double.isNaN(requestedBandwidth)
                        ? "bandwidth by Silverman's rule on the first period's training events"
                                + (kde == null
                                        ? ""
                                        : String.format(Locale.ROOT, " (%.0f m)", bandwidth()))
                        : String.format(Locale.ROOT, "bandwidth %.0f m", requestedBandwidth);
        return "Gaussian kernel density of the events of the "
                + trainDays
                + " complete days before the period, at cell centroids; "
                + bw;
    }

    @Override
    public double[] scores(Period p) {
        EventTable t = timeline.table();
        if (kde == null) init(silvermanOf(p));
        int first = p.firstDayIndex();
        int from = Math.max(0, first - trainDays);
        dayDensity.keySet().removeIf(k -> k < from);
        double[] out = new double[t.cellCount()];
        for (int k = from; k < first; k++) {
            double[] d = dayDensity.computeIfAbsent(k, this::densityOfDay);
            for (int c = 0; c < out.length; c++) out[c] += d[c];
        }
        int[] sameDay = new int[t.cellCount()];
        boolean[] any = {false};
        timeline.forEachSameDayBefore(
                p,
                i -> {
                    any[0] = true;
                    if (binned) sameDay[t.cell(i)]++;
                    else addPoint(i, out);
                });
        if (binned && any[0]) addBinned(sameDay, out);
        return out;
    }

    private double silvermanOf(Period p) {
        EventTable t = timeline.table();
        int[] n = {0};
        timeline.forEachTrainingEvent(p, trainDays, i -> n[0]++);
        double[] xs = new double[n[0]];
        double[] ys = new double[n[0]];
        int[] j = {0};
        timeline.forEachTrainingEvent(
                p,
                trainDays,
                i -> {
                    xs[j[0]] = projection.x(t.lat(i), t.lon(i));
                    ys[j[0]] = projection.y(t.lat(i), t.lon(i));
                    j[0]++;
                });
        return Kde.silverman(xs, ys);
    }

    private double[] densityOfDay(int k) {
        EventTable t = timeline.table();
        double[] d = new double[t.cellCount()];
        if (binned) {
            int[] counts = new int[t.cellCount()];
            for (int i = timeline.from(k); i < timeline.to(k); i++) {
                if (timeline.include(i)) counts[t.cell(i)]++;
            }
            addBinned(counts, d);
        } else {
            for (int i = timeline.from(k); i < timeline.to(k); i++) {
                if (timeline.include(i)) addPoint(i, d);
            }
        }
        return d;
    }

    private void addPoint(int i, double[] d) {
        EventTable t = timeline.table();
        kde.add(projection.x(t.lat(i), t.lon(i)), projection.y(t.lat(i), t.lon(i)), 1.0, d);
    }

    private void addBinned(int[] counts, double[] d) {
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) kde.add(cx[c], cy[c], counts[c], d);
        }
    }
}
