package io.beatwatch.jobs.backtest;

import static io.beatwatch.jobs.backtest.BacktestCommand.f2;
import static io.beatwatch.jobs.backtest.BacktestCommand.f3;
import static io.beatwatch.jobs.backtest.BacktestCommand.pct;

import io.beatwatch.core.backtest.Capture;
import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.backtest.Stats;
import io.beatwatch.core.backtest.Timeline;
import io.beatwatch.core.backtest.WalkForward;
import io.beatwatch.core.backtest.WalkForward.Measure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The backtest report's results as tables and their plain reading: the headline with its verdict,
 * the tuning and held-out splits, every area fraction, where Beatwatch loses, and the districts.
 */
final class BacktestTables {

    private final BacktestRun run;
    private final WalkForward.Result r;
    private final int headline;
    private final int bw;

    BacktestTables(BacktestRun run) {
        this.run = run;
        this.r = run.result();
        this.headline = run.headline();
        this.bw = run.bw();
    }

    /** The opening paragraph, the headline, the splits, every fraction and the losses. */
    void results(ReportWriter w) {
        intro(w);
        headline(w);
        split(w);
        everyFraction(w);
        losses(w);
    }

    private void intro(ReportWriter w) {
        EventTable t = run.data().table();
        w.para(
                String.format(
                        Locale.ROOT,
                        "Walk-forward over **%d %s periods** (%s .. %s) of `%s` (profile `%s`): for"
                                + " each period every method flags cells from earlier data only,"
                                + " and is scored on the calls inside the period. Cells: H3"
                                + " resolution %d. Study area A = the %,d cells with any call in"
                                + " the whole file (%.0f km²). Calls scored: %s. Generated %s.",
                        r.periods().size(),
                        run.horizon().label(),
                        run.firstLabel(),
                        run.lastLabel(),
                        run.data().file().getFileName(),
                        run.data().profile().name(),
                        t.resolution(),
                        r.areaCells(),
                        BacktestCommand.km2(t),
                        run.events() == Timeline.EventSet.ALL
                                ? "all call types"
                                : "citizen-initiated calls only",
                        Instant.now().toString().substring(0, 19) + "Z"));
    }

    private void headline(ReportWriter w) {
        double hf = run.headlineFraction();
        int k = Capture.cellsForFraction(hf, r.areaCells());
        w.heading(1, "Headline at " + pct(hf) + " of area (" + k + " cells)");
        List<List<String>> rows = new ArrayList<>();
        for (int m = 0; m < r.methods().size(); m++) {
            rows.add(
                    List.of(
                            run.name(m),
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
                        f3(Stats.mean(run.bestHitRates(headline))),
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
    }

    private void split(ReportWriter w) {
        int split = run.beatwatch().tuningPeriods();
        int n = r.periods().size();
        w.heading(1, "Tuning split and held-out periods at " + pct(run.headlineFraction()));
        List<List<String>> rows = new ArrayList<>();
        for (int m = 0; m < r.methods().size(); m++) {
            double[] tune = run.tuningPei(m);
            double[] held = run.heldOutPei(m);
            rows.add(
                    List.of(
                            run.name(m),
                            f3(Stats.mean(tune)) + " ± " + f3(Stats.se(tune)),
                            f3(Stats.mean(held)) + " ± " + f3(Stats.se(held))));
        }
        w.table(
                List.of(
                        "method",
                        "PEI, tuning split (" + split + " periods)",
                        "PEI, held out (" + (n - split) + " periods)"),
                rows);
        w.para(splitText(split));
    }

    private void everyFraction(ReportWriter w) {
        w.heading(1, "Every area fraction");
        List<List<String>> rows = new ArrayList<>();
        for (int f = 0; f < r.areaFractions().length; f++) {
            for (int m = 0; m < r.methods().size(); m++) {
                rows.add(
                        List.of(
                                run.name(m),
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
                            f3(Stats.mean(run.bestHitRates(f))),
                            f2(r.mean(0, f, Measure.MAX_PAI)),
                            "1.000"));
        }
        w.table(List.of("method", "area", "cells", "hit rate", "PAI", "PEI"), rows);
    }

    private void losses(ReportWriter w) {
        w.heading(1, "Where Beatwatch loses");
        List<String> losses = lossList();
        w.para(
                losses.isEmpty()
                        ? "On the mean over periods, Beatwatch is at or above every baseline on"
                                + " hit rate, PAI and PEI at every area fraction of this run."
                                + " Per period it still loses some: see the column above."
                        : String.join(" ", losses));
    }

    /** Share of calls against share of flagged cells per district, or why there is none. */
    void districts(ReportWriter w) {
        EventTable t = run.data().table();
        if (t.districtCount() > 0) {
            w.heading(1, "Districts at " + pct(run.headlineFraction()) + " of area");
            w.para(
                    "Each cell belongs to the district most of its calls name. Share of the"
                            + " period's calls in each district against the share of the flagged"
                            + " cells each method put there (means over periods). A method that"
                            + " flags a district far above its share of calls concentrates patrol"
                            + " attention there.");
            List<String> header = new ArrayList<>(List.of("district", "share of calls"));
            for (int m = 0; m < r.methods().size(); m++) {
                header.add(run.name(m) + ": flagged share");
            }
            List<List<String>> rows = new ArrayList<>();
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
                        run.beatwatch().frozenChoice().map(Object::toString).orElse("none"),
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

    private String winsText(int a, int b, int f) {
        int[] wl = r.wins(a, b, f, Measure.PEI);
        return wl[0] + " / " + wl[1];
    }

    private String verdict(int f) {
        List<String> out = new ArrayList<>();
        double bPai = r.mean(bw, f, Measure.PAI);
        double bPei = r.mean(bw, f, Measure.PEI);
        boolean all = true;
        for (int m : run.baselines()) {
            boolean above = bPai > r.mean(m, f, Measure.PAI) && bPei > r.mean(m, f, Measure.PEI);
            all &= above;
            out.add(
                    String.format(
                            Locale.ROOT,
                            "%s %s %s (PAI %s vs %s, PEI %s vs %s; higher PEI in %s periods)",
                            "Beatwatch",
                            above ? "is above" : "is NOT above",
                            run.name(m),
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
            if (run.name(m).startsWith("hindsight")) return f3(r.mean(m, f, Measure.PEI));
        }
        return "n/a (not run)";
    }

    private List<String> lossList() {
        List<String> out = new ArrayList<>();
        for (int f = 0; f < r.areaFractions().length; f++) {
            for (int m : run.baselines()) {
                for (Measure q : BacktestCommand.measures()) {
                    double a = r.mean(bw, f, q);
                    double b = r.mean(m, f, q);
                    if (a < b) {
                        out.add(
                                String.format(
                                        Locale.ROOT,
                                        "At %s, %s beats Beatwatch on %s (%s vs %s).",
                                        pct(r.areaFractions()[f]),
                                        run.name(m),
                                        q.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                                        q == Measure.PAI ? f2(b) : f3(b),
                                        q == Measure.PAI ? f2(a) : f3(a)));
                    }
                }
            }
        }
        for (int m : run.baselines()) {
            int[] wl = r.wins(bw, m, headline, Measure.PEI);
            if (wl[1] > 0) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "Period by period at %s, %s has the higher PEI in %d of %d"
                                        + " periods.",
                                pct(run.headlineFraction()),
                                run.name(m),
                                wl[1],
                                r.periods().size()));
            }
        }
        return out;
    }

    private static String pct3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
