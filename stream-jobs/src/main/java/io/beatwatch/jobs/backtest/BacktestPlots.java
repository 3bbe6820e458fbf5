package io.beatwatch.jobs.backtest;

import static io.beatwatch.jobs.backtest.BacktestCommand.pct;

import io.beatwatch.core.backtest.Capture;
import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.backtest.WalkForward;
import io.beatwatch.core.backtest.WalkForward.Measure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The backtest report's plots: PAI and PEI against the area flagged, PEI period by period, and the
 * map of one sample period's flagged cells; each PNG is drawn and placed in the report.
 */
final class BacktestPlots {

    private final BacktestRun run;
    private final WalkForward.Result r;

    BacktestPlots(BacktestRun run) {
        this.run = run;
        this.r = run.result();
    }

    /** Draws the PNGs into {@code dir} and adds the "Plots" section that shows them. */
    void draw(Path dir, ReportWriter w) throws IOException {
        byArea(dir, w);
        byPeriod(dir, w);
        samplePeriodMap(dir, w);
    }

    private void byArea(Path dir, ReportWriter w) throws IOException {
        double[] x = Arrays.stream(r.areaFractions()).map(v -> v * 100).toArray();
        Map<String, double[]> pai = new LinkedHashMap<>();
        Map<String, double[]> pei = new LinkedHashMap<>();
        Map<String, Boolean> dashed = new LinkedHashMap<>();
        for (int m = 0; m < r.methods().size(); m++) {
            double[] yp = new double[x.length];
            double[] ye = new double[x.length];
            for (int f = 0; f < x.length; f++) {
                yp[f] = r.mean(m, f, Measure.PAI);
                ye[f] = r.mean(m, f, Measure.PEI);
            }
            pai.put(run.name(m), yp);
            pei.put(run.name(m), ye);
            dashed.put(run.name(m), run.name(m).startsWith("hindsight"));
        }
        double[] best = new double[x.length];
        for (int f = 0; f < x.length; f++) best[f] = r.mean(0, f, Measure.MAX_PAI);
        pai.put("best possible (n*)", best);
        dashed.put("best possible (n*)", true);
        String horizon = run.horizon().label();
        Charts.lines(
                dir.resolve("pai_vs_area.png"),
                "PAI against area flagged (" + horizon + " horizon)",
                "area flagged (% of study area)",
                "PAI (mean over periods)",
                x,
                pai,
                false,
                false,
                dashed);
        Charts.lines(
                dir.resolve("pei_vs_area.png"),
                "PEI against area flagged (" + horizon + " horizon)",
                "area flagged (% of study area)",
                "PEI (mean over periods)",
                x,
                pei,
                false,
                false,
                dashed);
        w.heading(1, "Plots");
        w.figure("pai_vs_area.png", "PAI against the share of area flagged, per method");
        w.figure("pei_vs_area.png", "PEI against the share of area flagged, per method");
    }

    private void byPeriod(Path dir, ReportWriter w) throws IOException {
        String hf = pct(run.headlineFraction());
        double[] idx = new double[r.periods().size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i + 1;
        Map<String, double[]> byPeriod = new LinkedHashMap<>();
        for (int m = 0; m < r.methods().size(); m++) {
            if (run.name(m).startsWith("hindsight")) continue;
            byPeriod.put(run.name(m), rolling(r.values(m, run.headline(), Measure.PEI), 7));
        }
        Charts.lines(
                dir.resolve("pei_by_period.png"),
                "PEI at " + hf + " of area, period by period (7-period rolling mean)",
                "period",
                "PEI",
                idx,
                byPeriod,
                false,
                false,
                null);
        w.figure(
                "pei_by_period.png",
                "PEI at " + hf + " per period (rolling mean of 7), in time order");
    }

    private void samplePeriodMap(Path dir, ReportWriter w) throws IOException {
        if (!hasSamplePeriod(r)) return;
        WalkForward.PeriodResult sp = r.periods().get(r.samplePeriod());
        EventTable t = run.data().table();
        String[] cells = new String[t.cellCount()];
        for (int c = 0; c < cells.length; c++) cells[c] = t.cellAddress(c);
        HexMap.draw(
                dir.resolve("map_sample_period.png"),
                "Flagged cells (" + pct(run.headlineFraction()) + ") for " + sp.period().label(),
                cells,
                r.samplePeriodObserved(),
                samplePanels(run));
        w.figure(
                "map_sample_period.png",
                "Sample period "
                        + sp.period().label()
                        + " (the middle of the run): calls per cell (blue) and the cells each"
                        + " method flagged (red)");
    }

    static boolean hasSamplePeriod(WalkForward.Result r) {
        return r.samplePeriod() >= 0 && r.samplePeriodObserved() != null;
    }

    /**
     * The sample period's map panels, by title: the cells flagged by Beatwatch, prior counts, the
     * first KDE and the hindsight reference. figures.json lists the same cells.
     */
    static Map<String, int[]> samplePanels(BacktestRun run) {
        WalkForward.Result r = run.result();
        WalkForward.PeriodResult sp = r.periods().get(r.samplePeriod());
        int k = Capture.cellsForFraction(run.headlineFraction(), r.areaCells());
        Map<String, int[]> panels = new LinkedHashMap<>();
        for (int m = 0; m < r.methods().size(); m++) {
            String name = run.name(m);
            boolean firstKde = !run.kdes().isEmpty() && name.equals(run.kdes().get(0).name());
            boolean shown =
                    m == run.bw()
                            || name.equals("prior counts")
                            || firstKde
                            || name.startsWith("hindsight");
            if (!shown) continue;
            Capture c = sp.captures()[m][run.headline()];
            panels.put(
                    String.format(
                            Locale.ROOT,
                            "%s: %d of %d calls in flagged cells (PEI %.2f)",
                            name,
                            c.captured(),
                            c.total(),
                            c.pei()),
                    Arrays.copyOf(r.samplePeriodFlags()[m], k));
        }
        return panels;
    }

    /** Mean of the last n values up to each index, NaN values left out. */
    private static double[] rolling(double[] v, int n) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double s = 0;
            int c = 0;
            for (int j = Math.max(0, i - n + 1); j <= i; j++) {
                if (Double.isNaN(v[j])) continue;
                s += v[j];
                c++;
            }
            out[i] = c == 0 ? Double.NaN : s / c;
        }
        return out;
    }
}
