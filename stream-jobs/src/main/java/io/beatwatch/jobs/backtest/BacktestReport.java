package io.beatwatch.jobs.backtest;

import static io.beatwatch.jobs.backtest.BacktestCommand.f2;
import static io.beatwatch.jobs.backtest.BacktestCommand.f3;
import static io.beatwatch.jobs.backtest.BacktestCommand.map;
import static io.beatwatch.jobs.backtest.BacktestCommand.pct;

import io.beatwatch.core.backtest.AlertHistory;
import io.beatwatch.core.backtest.BeatwatchRisk;
import io.beatwatch.core.backtest.Capture;
import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.backtest.Horizon;
import io.beatwatch.core.backtest.KdeForecaster;
import io.beatwatch.core.backtest.Stats;
import io.beatwatch.core.backtest.Timeline;
import io.beatwatch.core.backtest.WalkForward;
import io.beatwatch.core.backtest.WalkForward.Measure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The backtest's report: tables, plots, the figures' data, and the console summary. */
final class BacktestReport {

    /** Wall-clock seconds of each stage. */
    record Times(double load, double detector, double walkForward, double total) {}

    private final DataSet data;
    private final Timeline timeline;
    private final Horizon horizon;
    private final int trainDays;
    private final Timeline.EventSet events;
    private final WalkForward.Result r;
    private final BeatwatchRisk beatwatch;
    private final List<KdeForecaster> kdes;
    private final AlertHistory alerts;
    private final double tuneFraction;
    private final Times times;
    private final int headline;
    private final int bw;
    private final List<Integer> baselines = new ArrayList<>();

    BacktestReport(
            DataSet data,
            Timeline timeline,
            Horizon horizon,
            int trainDays,
            Timeline.EventSet events,
            WalkForward.Result result,
            BeatwatchRisk beatwatch,
            List<KdeForecaster> kdes,
            AlertHistory alerts,
            double tuneFraction,
            Times times) {
        this.data = data;
        this.timeline = timeline;
        this.horizon = horizon;
        this.trainDays = trainDays;
        this.events = events;
        this.r = result;
        this.beatwatch = beatwatch;
        this.kdes = kdes;
        this.alerts = alerts;
        this.tuneFraction = tuneFraction;
        this.times = times;
        int best = 0;
        for (int f = 0; f < r.areaFractions().length; f++) {
            if (Math.abs(r.areaFractions()[f] - tuneFraction)
                    < Math.abs(r.areaFractions()[best] - tuneFraction)) best = f;
        }
        this.headline = best;
        this.bw = r.method(beatwatch.name());
        for (int m = 0; m < r.methods().size(); m++) {
            String n = r.methods().get(m);
            if (m != bw && !n.startsWith("hindsight")) baselines.add(m);
        }
    }

    private String name(int m) {
        return r.methods().get(m);
    }

    String summary() {
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "%nBacktest of %s, %s horizon, %d periods, A = %,d cells%n",
                        data.profile().name(),
                        horizon.label(),
                        r.periods().size(),
                        r.areaCells()));
        s.append(
                String.format(
                        Locale.ROOT,
                        "  at %s of area:     hit rate    PAI     PEI%n",
                        pct(r.areaFractions()[headline])));
        for (int m = 0; m < r.methods().size(); m++) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "  %-26s %6.3f  %6.2f  %6.3f%n",
                            name(m),
                            r.mean(m, headline, Measure.HIT_RATE),
                            r.mean(m, headline, Measure.PAI),
                            r.mean(m, headline, Measure.PEI)));
        }
        s.append(
                String.format(
                        Locale.ROOT,
                        "  best possible (n*)         %6.3f  %6.2f  %6.3f%n",
                        Stats.mean(bestHitRates(headline)),
                        r.mean(0, headline, Measure.MAX_PAI),
                        1.0));
        s.append(
                String.format(
                        Locale.ROOT,
                        "  time: load %.1f s, detector %.1f s, walk-forward %.1f s, total %.1f s%n",
                        times.load(),
                        times.detector(),
                        times.walkForward(),
                        times.total()));
        return s.toString();
    }

    private double[] bestHitRates(int f) {
        double[] out = new double[r.periods().size()];
        for (int p = 0; p < out.length; p++) {
            Capture c = r.periods().get(p).captures()[0][f];
            out[p] = c.total() == 0 ? Double.NaN : c.best() / (double) c.total();
        }
        return out;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        EventTable t = data.table();
        String title =
                String.format(
                        Locale.ROOT,
                        "Backtest: %s, %s horizon",
                        data.profile().name(),
                        horizon.label());
        ReportWriter w = new ReportWriter(title);
        Map<String, Object> fig = new LinkedHashMap<>();
        double hf = r.areaFractions()[headline];
        int k = Capture.cellsForFraction(hf, r.areaCells());
        String first = r.periods().get(0).period().label();
        String last = r.periods().get(r.periods().size() - 1).period().label();

        w.para(
                String.format(
                        Locale.ROOT,
                        "Walk-forward over **%d %s periods** (%s .. %s) of `%s` (profile `%s`): for"
                                + " each period every method flags cells from earlier data only,"
                                + " and is scored on the calls inside the period. Cells: H3"
                                + " resolution %d. Study area A = the %,d cells with any call in"
                                + " the whole file (%.0f km²). Calls scored: %s. Generated %s.",
                        r.periods().size(),
                        horizon.label(),
                        first,
                        last,
                        data.file().getFileName(),
                        data.profile().name(),
                        t.resolution(),
                        r.areaCells(),
                        BacktestCommand.km2(t),
                        events == Timeline.EventSet.ALL
                                ? "all call types"
                                : "citizen-initiated calls only",
                        Instant.now().toString().substring(0, 19) + "Z"));

        // headline
        w.heading(1, "Headline at " + pct(hf) + " of area (" + k + " cells)");
        List<List<String>> rows = new ArrayList<>();
        for (int m = 0; m < r.methods().size(); m++) {
            rows.add(
                    List.of(
                            name(m),
                            f3(r.mean(m, headline, Measure.HIT_RATE)),
                            f2(r.mean(m, headline, Measure.PAI))
                                    + " ± "
                                    + f2(Stats.se(r.values(m, headline, Measure.PAI))),
                            f3(r.mean(m, headline, Measure.PEI))
                                    + " ± "
                                    + f3(Stats.se(r.values(m, headline, Measure.PEI))),
                            m == bw ? "" : winsText(bw, m, headline)));
        }
        rows.add(
                List.of(
                        "best possible (n*, known afterwards)",
                        f3(Stats.mean(bestHitRates(headline))),
                        f2(r.mean(0, headline, Measure.MAX_PAI)),
                        "1.000",
                        ""));
        w.table(
                List.of(
                        "method",
                        "hit rate",
                        "PAI (mean ± s.e.)",
                        "PEI (mean ± s.e.)",
                        "periods Beatwatch higher / lower PEI"),
                rows);
        w.para(verdict(headline));

        // tuning split and held-out split
        int split = beatwatch.tuningPeriods();
        int n = r.periods().size();
        w.heading(1, "Tuning split and held-out periods at " + pct(hf));
        rows = new ArrayList<>();
        List<Object> splitFig = new ArrayList<>();
        for (int m = 0; m < r.methods().size(); m++) {
            double[] v = r.values(m, headline, Measure.PEI);
            double[] tune = Arrays.copyOfRange(v, 0, split);
            double[] held = Arrays.copyOfRange(v, split, n);
            rows.add(
                    List.of(
                            name(m),
                            f3(Stats.mean(tune)) + " ± " + f3(Stats.se(tune)),
                            f3(Stats.mean(held)) + " ± " + f3(Stats.se(held))));
            splitFig.add(
                    map(
                            "name", name(m),
                            "tuningPei", Stats.mean(tune),
                            "tuningPeiSe", Stats.se(tune),
                            "heldOutPei", Stats.mean(held),
                            "heldOutPeiSe", Stats.se(held)));
        }
        w.table(
                List.of(
                        "method",
                        "PEI, tuning split (" + split + " periods)",
                        "PEI, held out (" + (n - split) + " periods)"),
                rows);
        w.para(splitText(split));
        fig.put(
                "split",
                map(
                        "tuningPeriods",
                        split,
                        "heldOutPeriods",
                        n - split,
                        "chosen",
                        beatwatch.frozenChoice().map(Object::toString).orElse(""),
                        "methods",
                        splitFig));

        // all fractions
        w.heading(1, "Every area fraction");
        rows = new ArrayList<>();
        for (int f = 0; f < r.areaFractions().length; f++) {
            for (int m = 0; m < r.methods().size(); m++) {
                rows.add(
                        List.of(
                                name(m),
                                pct(r.areaFractions()[f]),
                                String.valueOf(
                                        Capture.cellsForFraction(
                                                r.areaFractions()[f], r.areaCells())),
                                f3(r.mean(m, f, Measure.HIT_RATE)),
                                f2(r.mean(m, f, Measure.PAI)),
                                f3(r.mean(m, f, Measure.PEI))));
            }
            rows.add(
                    List.of(
                            "best possible (n*)",
                            pct(r.areaFractions()[f]),
                            "",
                            f3(Stats.mean(bestHitRates(f))),
                            f2(r.mean(0, f, Measure.MAX_PAI)),
                            "1.000"));
        }
        w.table(List.of("method", "area", "cells", "hit rate", "PAI", "PEI"), rows);

        // where Beatwatch loses
        w.heading(1, "Where Beatwatch loses");
        List<String> losses = losses();
        w.para(
                losses.isEmpty()
                        ? "On the mean over periods, Beatwatch is at or above every baseline on"
                                + " hit rate, PAI and PEI at every area fraction of this run."
                                + " Per period it still loses some: see the column above."
                        : String.join(" ", losses));

        // plots
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
            pai.put(name(m), yp);
            pei.put(name(m), ye);
            dashed.put(name(m), name(m).startsWith("hindsight"));
        }
        double[] best = new double[x.length];
        for (int f = 0; f < x.length; f++) best[f] = r.mean(0, f, Measure.MAX_PAI);
        pai.put("best possible (n*)", best);
        dashed.put("best possible (n*)", true);
        Charts.lines(
                dir.resolve("pai_vs_area.png"),
                "PAI against area flagged (" + horizon.label() + " horizon)",
                "area flagged (% of study area)",
                "PAI (mean over periods)",
                x,
                pai,
                false,
                false,
                dashed);
        Charts.lines(
                dir.resolve("pei_vs_area.png"),
                "PEI against area flagged (" + horizon.label() + " horizon)",
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

        double[] idx = new double[r.periods().size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i + 1;
        Map<String, double[]> byPeriod = new LinkedHashMap<>();
        for (int m = 0; m < r.methods().size(); m++) {
            if (name(m).startsWith("hindsight")) continue;
            byPeriod.put(name(m), rolling(r.values(m, headline, Measure.PEI), 7));
        }
        Charts.lines(
                dir.resolve("pei_by_period.png"),
                "PEI at " + pct(hf) + " of area, period by period (7-period rolling mean)",
                "period",
                "PEI",
                idx,
                byPeriod,
                false,
                false,
                null);
        w.figure(
                "pei_by_period.png",
                "PEI at " + pct(hf) + " per period (rolling mean of 7), in time order");

        if (r.samplePeriod() >= 0 && r.samplePeriodObserved() != null) {
            WalkForward.PeriodResult sp = r.periods().get(r.samplePeriod());
            Map<String, int[]> panels = new LinkedHashMap<>();
            for (int m = 0; m < r.methods().size(); m++) {
                // Beatwatch, prior counts, the first KDE and the hindsight reference
                boolean firstKde = !kdes.isEmpty() && name(m).equals(kdes.get(0).name());
                boolean shown =
                        m == bw
                                || name(m).equals("prior counts")
                                || firstKde
                                || name(m).startsWith("hindsight");
                if (!shown) continue;
                Capture c = sp.captures()[m][headline];
                panels.put(
                        String.format(
                                Locale.ROOT,
                                "%s: %d of %d calls in flagged cells (PEI %.2f)",
                                name(m),
                                c.captured(),
                                c.total(),
                                c.pei()),
                        Arrays.copyOf(r.samplePeriodFlags()[m], k));
            }
            String[] cells = new String[t.cellCount()];
            for (int c = 0; c < cells.length; c++) cells[c] = t.cellAddress(c);
            HexMap.draw(
                    dir.resolve("map_sample_period.png"),
                    "Flagged cells (" + pct(hf) + ") for " + sp.period().label(),
                    cells,
                    r.samplePeriodObserved(),
                    panels);
            w.figure(
                    "map_sample_period.png",
                    "Sample period "
                            + sp.period().label()
                            + " (the middle of the run): calls per cell (blue) and the cells each"
                            + " method flagged (red)");
            fig.put(
                    "samplePeriod",
                    map("label", sp.period().label(), "flagged", flaggedAddresses(panels, t)));
        }

        // districts
        if (t.districtCount() > 0) {
            w.heading(1, "Districts at " + pct(hf) + " of area");
            w.para(
                    "Each cell belongs to the district most of its calls name. Share of the"
                            + " period's calls in each district against the share of the flagged"
                            + " cells each method put there (means over periods). A method that"
                            + " flags a district far above its share of calls concentrates patrol"
                            + " attention there.");
            List<String> header = new ArrayList<>(List.of("district", "share of calls"));
            for (int m = 0; m < r.methods().size(); m++) header.add(name(m) + ": flagged share");
            rows = new ArrayList<>();
            for (int d = 0; d < t.districtCount(); d++) {
                List<String> row = new ArrayList<>();
                row.add(t.districtName(d));
                row.add(pct3(r.callDistrictShare()[d]));
                for (int m = 0; m < r.methods().size(); m++) {
                    row.add(pct3(r.flaggedDistrictShare()[m][headline][d]));
                }
                rows.add(row);
            }
            w.table(header, rows);
        } else {
            w.heading(1, "Districts");
            w.para("This feed names no district: the district comparison is not available.");
        }

        // methods
        w.heading(1, "Methods");
        rows = new ArrayList<>();
        for (int m = 0; m < r.methods().size(); m++) {
            rows.add(List.of(name(m), r.descriptions().get(m)));
        }
        w.table(List.of("method", "what it is"), rows);
        w.para(
                "**Beatwatch** ranks cells by their expected count in the period: B(c) = (1 − β)"
                        + "·the cell's calls per day over all complete days before the period,"
                        + " each weighted 0.5^(age / H) with the age counted in days with data,"
                        + " + β·the same in the period's slot (shift: the same 8 hours of the day;"
                        + " day: the same weekday), with the job's prior of 1 call per cell per 28"
                        + " days; shrunk towards its six H3 neighbours, S(c) = (1 − α)·B(c) + α·"
                        + "mean of B over the ring; plus a self-exciting term θ·Σ exp(−age / 1 day)"
                        + " over the cell's calls before the period (Mohler et al. 2011), and δ·(the"
                        + " score at the flagging boundary) for cells the detector alerted on in"
                        + " the 24 h before. (H, β, α, θ, δ) are chosen once, by the mean PEI at "
                        + pct(tuneFraction)
                        + " over the first "
                        + beatwatch.tuningPeriods()
                        + " periods (flagged with the default point), and frozen for the rest.");
        w.para("Grid: " + gridText() + ". Chosen: " + beatwatch.choiceSummary() + ".");
        w.para(
                String.format(
                        Locale.ROOT,
                        "Detector replay (plain-Java reference of the job's statistics, default"
                                + " config, budget 100 days): %,d alerts opened over the whole file."
                                + " %s",
                        alerts.opened(),
                        alerts.size() == 0 ? "(skipped: --no-alerts)" : ""));
        for (KdeForecaster kd : kdes) {
            w.para("**" + kd.name() + "**: " + kd.description() + ".");
        }
        w.para(
                "**Prior counts** and **KDE** train on the "
                        + trainDays
                        + " complete days before the period (plus, for a shift, the same day's"
                        + " earlier hours). **Hindsight** is a reference, not a forecast: counts"
                        + " over all complete days, future included: roughly what a fixed map can"
                        + " do. **Best possible (n*)**: the period's busiest cells, known only"
                        + " afterwards. PAI = (n/N)/(a/A); PEI = n/n*; a and A in cells (equal"
                        + " area at one H3 resolution, within 1% across a city).");

        // data accounting
        w.heading(1, "Data");
        EventTable.LoadCounts lc = t.counts();
        rows = new ArrayList<>();
        rows.add(List.of("rows read", fmt(lc.rows())));
        rows.add(List.of("accepted by the profile", fmt(lc.accepted())));
        for (var e : new java.util.TreeMap<>(lc.rejected()).entrySet()) {
            rows.add(List.of("rejected: " + e.getKey(), fmt(e.getValue())));
        }
        rows.add(
                List.of(
                        "of which without a usable location (no coordinates, unreadable, outside"
                                + " the city bounds)",
                        fmt(lc.withoutUsableLocation())));
        rows.add(
                List.of("repeated incident ids (CAD updates, counted once)", fmt(lc.duplicates())));
        rows.add(List.of("calls in the table", fmt(lc.events())));
        rows.add(
                List.of(
                        "calls of the scored set on complete days",
                        fmt(timeline.eventsOnCompleteDays())));
        rows.add(
                List.of(
                        "calls of the scored set on partial days (not used)",
                        fmt(timeline.eventsOnOtherDays())));
        rows.add(List.of("complete days", fmt(timeline.dayCount())));
        rows.add(List.of("periods scored", fmt(r.periods().size())));
        w.table(List.of("", "count"), rows);
        w.para("Complete days: " + data.complete().rule() + ".");

        w.heading(1, "Run time");
        w.table(
                List.of("stage", "seconds"),
                List.of(
                        List.of("load the file once into arrays", f1(times.load())),
                        List.of("detector replay (alerts for the boost)", f1(times.detector())),
                        List.of("walk-forward, all methods", f1(times.walkForward())),
                        List.of("total", f1(times.total()))));
        w.para(
                "Reproduce: `bin/beatwatch backtest --profile "
                        + data.profileArgument()
                        + " "
                        + data.file()
                        + " --horizon "
                        + horizon.label()
                        + " --train-days "
                        + trainDays
                        + "`.");

        fig.put(
                "dataset",
                map(
                        "profile", data.profile().name(),
                        "file", data.file().getFileName().toString(),
                        "horizon", horizon.label(),
                        "trainDays", trainDays,
                        "events", events.name().toLowerCase(Locale.ROOT),
                        "resolution", t.resolution(),
                        "areaCells", r.areaCells(),
                        "completeDays", timeline.dayCount(),
                        "completeDayRule", data.complete().rule(),
                        "periods", r.periods().size(),
                        "first", first,
                        "last", last,
                        "rows", lc.rows(),
                        "rejected", lc.rejected(),
                        "withoutUsableLocation", lc.withoutUsableLocation(),
                        "duplicates", lc.duplicates(),
                        "callsOnPartialDays", timeline.eventsOnOtherDays()));
        List<Object> methods = new ArrayList<>();
        for (int m = 0; m < r.methods().size(); m++) {
            List<Object> byF = new ArrayList<>();
            for (int f = 0; f < r.areaFractions().length; f++) {
                byF.add(
                        map(
                                "areaFraction", r.areaFractions()[f],
                                "cells",
                                        Capture.cellsForFraction(
                                                r.areaFractions()[f], r.areaCells()),
                                "hitRate", r.mean(m, f, Measure.HIT_RATE),
                                "pai", r.mean(m, f, Measure.PAI),
                                "paiSe", Stats.se(r.values(m, f, Measure.PAI)),
                                "pei", r.mean(m, f, Measure.PEI),
                                "peiSe", Stats.se(r.values(m, f, Measure.PEI))));
            }
            methods.add(
                    map(
                            "name", name(m),
                            "description", r.descriptions().get(m),
                            "byArea", byF,
                            "peiByPeriodAtHeadline", r.values(m, headline, Measure.PEI)));
        }
        fig.put("methods", methods);
        List<Object> bestRows = new ArrayList<>();
        for (int f = 0; f < r.areaFractions().length; f++) {
            bestRows.add(
                    map(
                            "areaFraction",
                            r.areaFractions()[f],
                            "maxPai",
                            r.mean(0, f, Measure.MAX_PAI),
                            "bestHitRate",
                            Stats.mean(bestHitRates(f))));
        }
        fig.put("bestPossible", bestRows);
        fig.put(
                "periods",
                r.periods().stream()
                        .map(p -> map("label", p.period().label(), "calls", p.total()))
                        .toList());
        if (t.districtCount() > 0) {
            List<Object> ds = new ArrayList<>();
            for (int d = 0; d < t.districtCount(); d++) {
                Map<String, Object> flagged = new LinkedHashMap<>();
                for (int m = 0; m < r.methods().size(); m++) {
                    flagged.put(name(m), r.flaggedDistrictShare()[m][headline][d]);
                }
                ds.add(
                        map(
                                "district",
                                t.districtName(d),
                                "callShare",
                                r.callDistrictShare()[d],
                                "flaggedShare",
                                flagged));
            }
            fig.put("districtsAtHeadline", ds);
        }
        fig.put(
                "beatwatch",
                map(
                        "grid", gridText(),
                        "chosen", beatwatch.chosen().stream().map(Object::toString).toList(),
                        "tuningPeiByPoint", tuningRows(),
                        "alertsOpenedByDetector", alerts.opened()));
        fig.put(
                "seconds",
                map(
                        "load", times.load(),
                        "detector", times.detector(),
                        "walkForward", times.walkForward(),
                        "total", times.total()));
        w.write(dir, fig);
    }

    /**
     * What the tuning split chose, and Beatwatch against prior counts: the difference of the means
     * against twice their combined standard error, and the paired difference.
     */
    private String splitText(int split) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "Beatwatch flags the first %d periods (the tuning split) with its default"
                                + " point and scores every grid point on each of them after it"
                                + " ends; the best, **%s**, is frozen for the %d held-out periods,"
                                + " which tune nothing.",
                        split,
                        beatwatch.frozenChoice().map(Object::toString).orElse("none"),
                        r.periods().size() - split));
        int pc = r.method("prior counts");
        if (pc >= 0) {
            double[] a = r.values(bw, headline, Measure.PEI);
            double[] b = r.values(pc, headline, Measure.PEI);
            for (int part = 0; part < 2; part++) {
                int from = part == 0 ? 0 : split;
                double[] x = Arrays.copyOfRange(a, from, a.length);
                double[] y = Arrays.copyOfRange(b, from, b.length);
                double[] d = new double[x.length];
                for (int i = 0; i < d.length; i++) d[i] = x[i] - y[i];
                double diff = Stats.mean(x) - Stats.mean(y);
                double se = Math.hypot(Stats.se(x), Stats.se(y));
                sb.append(
                        String.format(
                                Locale.ROOT,
                                " %s: Beatwatch − prior counts = %+.4f PEI, combined s.e. %.4f"
                                        + " (%s two s.e.); paired s.e. %.4f.",
                                part == 0 ? "All periods" : "Held out",
                                diff,
                                se,
                                diff > 2 * se ? "above" : "**not** above",
                                Stats.se(d)));
            }
        }
        return sb.toString();
    }

    private List<Object> tuningRows() {
        List<Object> out = new ArrayList<>();
        double[] pei = beatwatch.tuningPei();
        List<BeatwatchRisk.Params> pts = beatwatch.gridPoints();
        for (int i = 0; i < pts.size(); i++) {
            out.add(map("point", pts.get(i).toString(), "pei", pei[i]));
        }
        return out;
    }

    private String gridText() {
        StringBuilder sb = new StringBuilder();
        List<BeatwatchRisk.Params> pts = beatwatch.gridPoints();
        sb.append(pts.size()).append(" points, default ").append(pts.get(0));
        return sb.toString();
    }

    private String winsText(int a, int b, int f) {
        int[] wl = r.wins(a, b, f, Measure.PEI);
        return wl[0] + " / " + wl[1];
    }

    private String verdict(int f) {
        List<String> out = new ArrayList<>();
        double bPai = r.mean(bw, f, Measure.PAI);
        double bPei = r.mean(bw, f, Measure.PEI);
        boolean all = true;
        for (int m : baselines) {
            boolean above = bPai > r.mean(m, f, Measure.PAI) && bPei > r.mean(m, f, Measure.PEI);
            all &= above;
            out.add(
                    String.format(
                            Locale.ROOT,
                            "%s %s %s (PAI %s vs %s, PEI %s vs %s; higher PEI in %s periods)",
                            "Beatwatch",
                            above ? "is above" : "is NOT above",
                            name(m),
                            f2(bPai),
                            f2(r.mean(m, f, Measure.PAI)),
                            f3(bPei),
                            f3(r.mean(m, f, Measure.PEI)),
                            winsText(bw, m, f).replace(" / ", " and lower in ")));
        }
        String target =
                all
                        ? "**Target met** (ARCHITECTURE §8: PAI and PEI above both baselines at 1%)."
                        : "**Target not met** on this run (ARCHITECTURE §8 asks for PAI and PEI"
                                + " above both baselines at 1%).";
        String goal =
                bPei >= 0.80
                        ? " The PEI goal of 0.80 is met."
                        : String.format(
                                Locale.ROOT,
                                " The PEI goal of 0.80 is **not** met (%.3f); the hindsight"
                                        + " reference (one fixed map fitted on every day, the"
                                        + " scored ones included) reaches %s.",
                                bPei,
                                hindsightPei(f));
        return String.join("; ", out) + ". " + target + goal;
    }

    private String hindsightPei(int f) {
        for (int m = 0; m < r.methods().size(); m++) {
            if (name(m).startsWith("hindsight")) return f3(r.mean(m, f, Measure.PEI));
        }
        return "n/a (not run)";
    }

    private List<String> losses() {
        List<String> out = new ArrayList<>();
        for (int f = 0; f < r.areaFractions().length; f++) {
            for (int m : baselines) {
                for (Measure q : BacktestCommand.measures()) {
                    double a = r.mean(bw, f, q);
                    double b = r.mean(m, f, q);
                    if (a < b) {
                        out.add(
                                String.format(
                                        Locale.ROOT,
                                        "At %s, %s beats Beatwatch on %s (%s vs %s).",
                                        pct(r.areaFractions()[f]),
                                        name(m),
                                        q.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                                        q == Measure.PAI ? f2(b) : f3(b),
                                        q == Measure.PAI ? f2(a) : f3(a)));
                    }
                }
            }
        }
        for (int m : baselines) {
            int[] wl = r.wins(bw, m, headline, Measure.PEI);
            if (wl[1] > 0) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "Period by period at %s, %s has the higher PEI in %d of %d"
                                        + " periods.",
                                pct(r.areaFractions()[headline]),
                                name(m),
                                wl[1],
                                r.periods().size()));
            }
        }
        return out;
    }

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

    private static Map<String, List<String>> flaggedAddresses(
            Map<String, int[]> panels, EventTable t) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        panels.forEach((k, v) -> out.put(k, Arrays.stream(v).mapToObj(t::cellAddress).toList()));
        return out;
    }

    private static String pct3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String fmt(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
