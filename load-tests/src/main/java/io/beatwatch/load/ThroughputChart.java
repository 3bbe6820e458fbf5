package io.beatwatch.load;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG plot of median events/s against days of history (log scale), one line per side over the
 * synthetic inputs and one point per side for a real file; drawn with XChart off screen, in the
 * style of the backtest charts (stream-jobs {@code Charts}: white, Okabe-Ito colours).
 */
final class ThroughputChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 500;

    private static final Color JOB = new Color(0, 114, 178);
    private static final Color Q5 = new Color(230, 159, 0);
    private static final Color LOOP = new Color(0, 158, 115);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ThroughputChart() {}

    static void draw(Path file, List<InputResult> results) throws IOException {
        XYChart c =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title("Throughput against history (medians; q5 at the same event count)")
                        .xAxisTitle("days of history")
                        .yAxisTitle("events/s")
                        .build();
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(new Color(200, 200, 200));
        c.getStyler().setXAxisLogarithmic(true);
        List<InputResult> synthetic = results.stream().filter(InputResult::synthetic).toList();
        List<InputResult> real = results.stream().filter(r -> !r.synthetic()).toList();
        int added = 0;
        added += series(c, "job (HotspotJob)", synthetic, Side.JOB, JOB, SeriesMarkers.CIRCLE);
        added += series(c, "q5 (Nexmark)", synthetic, Side.Q5, Q5, SeriesMarkers.CIRCLE);
        added += series(c, "loop (plain Java)", synthetic, Side.LOOP, LOOP, SeriesMarkers.CIRCLE);
        for (InputResult r : real) {
            List<InputResult> one = List.of(r);
            added += series(c, "job, " + r.name(), one, Side.JOB, JOB, SeriesMarkers.DIAMOND);
            added += series(c, "q5, " + r.name(), one, Side.Q5, Q5, SeriesMarkers.DIAMOND);
            added += series(c, "loop, " + r.name(), one, Side.LOOP, LOOP, SeriesMarkers.DIAMOND);
        }
        if (added == 0) {
            c.getStyler().setXAxisLogarithmic(false);
            c.addSeries("(no figures)", new double[] {0}, new double[] {0});
        }
        String name = file.toString();
        if (name.endsWith(".png")) name = name.substring(0, name.length() - 4);
        BitmapEncoder.saveBitmap(c, name, BitmapEncoder.BitmapFormat.PNG);
    }

    private enum Side {
        JOB,
        Q5,
        LOOP
    }

    private static int series(
            XYChart c,
            String name,
            List<InputResult> inputs,
            Side side,
            Color colour,
            Marker marker) {
        List<InputResult> with =
                inputs.stream().filter(r -> r.historyDays() > 0 && median(r, side) > 0).toList();
        if (with.isEmpty()) return 0;
        double[] x = with.stream().mapToDouble(InputResult::historyDays).toArray();
        double[] y = with.stream().mapToDouble(r -> median(r, side)).toArray();
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(marker);
        s.setMarkerColor(colour);
        s.setLineColor(colour);
        if (with.size() == 1 || inputs.size() == 1) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        return 1;
    }

    private static double median(InputResult r, Side side) {
        return switch (side) {
            case JOB -> r.jobMedian();
            case Q5 -> r.q5Median();
            case LOOP -> r.loopMedian();
        };
    }
}
