package io.beatwatch.load.latency;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The latency CDF per rate (fraction of alert deliveries at or below a delay; log delay axis) with
 * the 150 ms target, drawn with XChart off screen in the style of the other load-test plots.
 */
public final class LatencyChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 500;

    /** Okabe-Ito colours, one per scenario in order. */
    private static final Color[] COLOURS = {
        new Color(0, 114, 178),
        new Color(230, 159, 0),
        new Color(0, 158, 115),
        new Color(204, 121, 167),
        new Color(86, 180, 233)
    };

    static final double TARGET_MS = 150;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private LatencyChart() {}

    static void draw(Path file, List<ScenarioResult> results) throws IOException {
        var series = new java.util.LinkedHashMap<String, Histogram>();
        for (ScenarioResult r : results) {
            series.put(r.eventsPerSec() + " events/s, " + r.consoles() + " consoles", r.endToEnd());
        }
        drawCdf(
                file,
                "End-to-end alert latency (call due time to console), CDF per rate",
                series,
                TARGET_MS);
    }

    /**
     * A CDF per named microsecond histogram (fraction of deliveries at or below a delay, log delay
     * axis) with a vertical line at the target p99; empty histograms are left out.
     */
    public static void drawCdf(
            Path file, String title, java.util.Map<String, Histogram> series, double targetMs)
            throws IOException {
        XYChart c =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle("delay (ms, log)")
                        .yAxisTitle("fraction of deliveries")
                        .build();
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisLogarithmic(true);
        int i = 0;
        for (var e : series.entrySet()) {
            Histogram h = e.getValue();
            if (h == null || h.getTotalCount() == 0) continue;
            var x = new ArrayList<Double>();
            var y = new ArrayList<Double>();
            for (double p = 0; p <= 100.0; p += p < 90 ? 1 : p < 99 ? 0.1 : 0.01) {
                x.add(Math.max(0.1, h.getValueAtPercentile(p) / 1000.0));
                y.add(p / 100.0);
            }
            x.add(Math.max(0.1, h.getMaxValue() / 1000.0));
            y.add(1.0);
            var line = c.addSeries(e.getKey(), x, y);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(COLOURS[i % COLOURS.length]);
            i++;
        }
        var target =
                c.addSeries(
                        "target p99 " + Math.round(targetMs) + " ms",
                        List.of(targetMs, targetMs),
                        List.of(0.0, 1.0));
        target.setMarker(SeriesMarkers.NONE);
        target.setLineColor(Color.GRAY);
        String name = file.toString();
        if (name.endsWith(".png")) name = name.substring(0, name.length() - 4);
        BitmapEncoder.saveBitmap(c, name, BitmapEncoder.BitmapFormat.PNG);
    }
}
