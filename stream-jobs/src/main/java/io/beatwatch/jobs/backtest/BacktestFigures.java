package io.beatwatch.jobs.backtest;

import static io.beatwatch.jobs.backtest.BacktestCommand.map;

import io.beatwatch.core.backtest.BeatwatchRisk;
import io.beatwatch.core.backtest.Capture;
import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.backtest.Stats;
import io.beatwatch.core.backtest.WalkForward;
import io.beatwatch.core.backtest.WalkForward.Measure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The backtest's figures.json, the contract scripts read: the splits, the sample period's flagged
 * cells, the data set, every method at every area fraction, the best possible, the periods, the
 * districts, Beatwatch's grid and choice, and the run time. Keys keep the order they are put in.
 */
final class BacktestFigures {

    private final BacktestRun run;
    private final WalkForward.Result r;

    private BacktestFigures(BacktestRun run) {
        this.run = run;
        this.r = run.result();
    }

    static Map<String, Object> of(BacktestRun run) {
        return new BacktestFigures(run).build();
    }

    private Map<String, Object> build() {
        EventTable t = run.data().table();
        int headline = run.headline();
        Map<String, Object> fig = new LinkedHashMap<>();
        fig.put("split", split());
        if (BacktestPlots.hasSamplePeriod(r)) {
            WalkForward.PeriodResult sp = r.periods().get(r.samplePeriod());
            fig.put(
                    "samplePeriod",
                    map(
                            "label",
                            sp.period().label(),
                            "flagged",
                            flaggedAddresses(BacktestPlots.samplePanels(run), t)));
        }
        fig.put("dataset", dataset());
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
                            "name", run.name(m),
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
                            Stats.mean(run.bestHitRates(f))));
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
                    flagged.put(run.name(m), r.flaggedDistrictShare()[m][headline][d]);
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
        BeatwatchRisk beatwatch = run.beatwatch();
        fig.put(
                "beatwatch",
                map(
                        "grid", run.gridText(),
                        "chosen", beatwatch.chosen().stream().map(Object::toString).toList(),
                        "tuningPeiByPoint", tuningRows(),
                        "alertsOpenedByDetector", run.alerts().opened()));
        BacktestReport.Times times = run.times();
        fig.put(
                "seconds",
                map(
                        "load", times.load(),
                        "detector", times.detector(),
                        "walkForward", times.walkForward(),
                        "total", times.total()));
        return fig;
    }

    private Map<String, Object> split() {
        int split = run.beatwatch().tuningPeriods();
        int n = r.periods().size();
        List<Object> splitFig = new ArrayList<>();
        for (int m = 0; m < r.methods().size(); m++) {
            double[] tune = run.tuningPei(m);
            double[] held = run.heldOutPei(m);
            splitFig.add(
                    map(
                            "name", run.name(m),
                            "tuningPei", Stats.mean(tune),
                            "tuningPeiSe", Stats.se(tune),
                            "heldOutPei", Stats.mean(held),
                            "heldOutPeiSe", Stats.se(held)));
        }
        return map(
                "tuningPeriods",
                split,
                "heldOutPeriods",
                n - split,
                "chosen",
                run.beatwatch().frozenChoice().map(Object::toString).orElse(""),
                "methods",
                splitFig);
    }

    private Map<String, Object> dataset() {
        EventTable t = run.data().table();
        EventTable.LoadCounts lc = t.counts();
        return map(
                "profile", run.data().profile().name(),
                "file", run.data().file().getFileName().toString(),
                "horizon", run.horizon().label(),
                "trainDays", run.trainDays(),
                "events", run.events().name().toLowerCase(Locale.ROOT),
                "resolution", t.resolution(),
                "areaCells", r.areaCells(),
                "completeDays", run.timeline().dayCount(),
                "completeDayRule", run.data().complete().rule(),
                "periods", r.periods().size(),
                "first", run.firstLabel(),
                "last", run.lastLabel(),
                "rows", lc.rows(),
                "rejected", lc.rejected(),
                "withoutUsableLocation", lc.withoutUsableLocation(),
                "duplicates", lc.duplicates(),
                "callsOnPartialDays", run.timeline().eventsOnOtherDays());
    }

    private List<Object> tuningRows() {
        List<Object> out = new ArrayList<>();
        double[] pei = run.beatwatch().tuningPei();
        List<BeatwatchRisk.Params> pts = run.beatwatch().gridPoints();
        for (int i = 0; i < pts.size(); i++) {
            out.add(map("point", pts.get(i).toString(), "pei", pei[i]));
        }
        return out;
    }

    private static Map<String, List<String>> flaggedAddresses(
            Map<String, int[]> panels, EventTable t) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        panels.forEach((k, v) -> out.put(k, Arrays.stream(v).mapToObj(t::cellAddress).toList()));
        return out;
    }
}
