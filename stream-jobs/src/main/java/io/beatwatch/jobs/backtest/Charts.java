package io.beatwatch.jobs.backtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts for the reports, drawn with XChart off screen (headless). */
public final class Charts {

    static final int WIDTH = 960;
    static final int HEIGHT = 500;

    /** A palette that stays readable for colour-blind readers (Okabe-Ito). */
    static final Color[] PALETTE = {
        new Color(0, 114, 178),
        new Color(230, 159, 0),
        new Color(0, 158, 115),
        new Color(204, 121, 167),
        new Color(86, 180, 233),
        new Color(213, 94, 0),
        new Color(120, 120, 120)
    };

    private Charts() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setSeriesColors(PALETTE);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBorderColor(new Color(200, 200, 200));
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        String name = file.toString();
        if (name.endsWith(".png")) name = name.substring(0, name.length() - 4);
        BitmapEncoder.saveBitmap(chart, name, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Lines with markers, one per series, over shared x values; NaN y values are left out. */
    public static void lines(
            Path file,
            String title,
            String xTitle,
            String yTitle,
            double[] x,
            Map<String, double[]> series,
            boolean logX,
            boolean logY,
            Map<String, Boolean> dashed)
            throws IOException {
        XYChart c =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        style(c.getStyler());
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        boolean markers = x.length <= 40;
        for (var e : series.entrySet()) {
            double[] y = e.getValue();
            int n = 0;
            for (double v : y) if (!Double.isNaN(v) && (!logY || v > 0)) n++;
            if (n == 0) continue;
            double[] xs = new double[n];
            double[] ys = new double[n];
            int j = 0;
            for (int i = 0; i < y.length; i++) {
                if (Double.isNaN(y[i]) || (logY && y[i] <= 0)) continue;
                xs[j] = x[i];
                ys[j++] = y[i];
            }
            XYSeries s = c.addSeries(e.getKey(), xs, ys);
            s.setMarker(markers || n <= 10 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (dashed != null && dashed.getOrDefault(e.getKey(), false)) {
                s.setLineStyle(
                        new BasicStroke(
                                1.5f,
                                BasicStroke.CAP_BUTT,
                                BasicStroke.JOIN_MITER,
                                10f,
                                new float[] {6f, 4f},
                                0f));
            }
        }
        save(c, file);
    }

    /**
     * Values per calendar day, one line per series, dates along x: a day missing from {@code days}
     * is not drawn (pass zeros to show a gap as a drop).
     */
    public static void daily(
            Path file,
            String title,
            String yTitle,
            List<java.time.LocalDate> days,
            Map<String, double[]> series)
            throws IOException {
        XYChart c =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle("local day")
                        .yAxisTitle(yTitle)
                        .build();
        style(c.getStyler());
        c.getStyler().setDatePattern(days.size() > 120 ? "yyyy-MM" : "MM-dd");
        // the days are drawn at UTC midnight: label them there, not in the JVM's zone
        c.getStyler().setTimezone(java.util.TimeZone.getTimeZone("UTC"));
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<java.util.Date> xs =
                days.stream()
                        .map(
                                d ->
                                        java.util.Date.from(
                                                d.atStartOfDay(java.time.ZoneOffset.UTC)
                                                        .toInstant()))
                        .toList();
        for (var e : series.entrySet()) {
            List<Double> ys = java.util.Arrays.stream(e.getValue()).boxed().toList();
            XYSeries s =
                    c.addSeries(
                            e.getKey(),
                            new java.util.ArrayList<>(xs),
                            new java.util.ArrayList<>(ys));
            s.setMarker(days.size() <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        save(c, file);
    }

    /** One box per named sample (median, quartiles, whiskers at 1.5 IQR). */
    static void boxes(Path file, String title, String yTitle, Map<String, List<Double>> samples)
            throws IOException {
        BoxChart c =
                new BoxChartBuilder()
                        .width(Math.max(WIDTH, 70 * samples.size()))
                        .height(HEIGHT)
                        .title(title)
                        .yAxisTitle(yTitle)
                        .build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(45);
        int added = 0;
        for (var e : samples.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            // XChart looks for nulls with contains(), which immutable lists refuse
            c.addSeries(e.getKey(), new java.util.ArrayList<Number>(e.getValue()));
            added++;
        }
        if (added == 0) {
            c.addSeries("(nothing detected)", new java.util.ArrayList<Number>(List.of(0.0)));
        }
        save(c, file);
    }

    /** Grouped bars: categories along x, one bar per series. */
    static void bars(
            Path file,
            String title,
            String yTitle,
            List<String> categories,
            Map<String, double[]> series)
            throws IOException {
        CategoryChart c =
                new CategoryChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .yAxisTitle(yTitle)
                        .build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisLabelRotation(45);
        for (var e : series.entrySet()) {
            List<Double> ys =
                    java.util.Arrays.stream(e.getValue())
                            .map(v -> Double.isNaN(v) ? 0 : v)
                            .boxed()
                            .toList();
            c.addSeries(e.getKey(), categories, ys);
        }
        save(c, file);
    }
}
