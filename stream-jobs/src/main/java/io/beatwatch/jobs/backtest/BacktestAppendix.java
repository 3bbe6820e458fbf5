package io.beatwatch.jobs.backtest;

import static io.beatwatch.jobs.backtest.BacktestCommand.pct;

import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.backtest.KdeForecaster;
import io.beatwatch.core.backtest.Timeline;
import io.beatwatch.core.backtest.WalkForward;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The backtest report's closing sections, how the numbers were made: what each method is, where
 * every row of the file went, the run time of each stage, and the command that reproduces it.
 */
final class BacktestAppendix {

    private final BacktestRun run;
    private final WalkForward.Result r;

    BacktestAppendix(BacktestRun run) {
        this.run = run;
        this.r = run.result();
    }

    void write(ReportWriter w) {
        methods(w);
        data(w);
        runTime(w);
    }

    private void methods(ReportWriter w) {
        w.heading(1, "Methods");
        List<List<String>> rows = new ArrayList<>();
        for (int m = 0; m < r.methods().size(); m++) {
            rows.add(List.of(run.name(m), r.descriptions().get(m)));
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
                        + pct(run.tuneFraction())
                        + " over the first "
                        + run.beatwatch().tuningPeriods()
                        + " periods (flagged with the default point), and frozen for the rest.");
        w.para("Grid: " + run.gridText() + ". Chosen: " + run.beatwatch().choiceSummary() + ".");
        w.para(
                String.format(
                        Locale.ROOT,
                        "Detector replay (plain-Java reference of the job's statistics, default"
                                + " config, budget 100 days): %,d alerts opened over the whole file."
                                + " %s",
                        run.alerts().opened(),
                        run.alerts().size() == 0 ? "(skipped: --no-alerts)" : ""));
        for (KdeForecaster kd : run.kdes()) {
            w.para("**" + kd.name() + "**: " + kd.description() + ".");
        }
        w.para(
                "**Prior counts** and **KDE** train on the "
                        + run.trainDays()
                        + " complete days before the period (plus, for a shift, the same day's"
                        + " earlier hours). **Hindsight** is a reference, not a forecast: counts"
                        + " over all complete days, future included: roughly what a fixed map can"
                        + " do. **Best possible (n*)**: the period's busiest cells, known only"
                        + " afterwards. PAI = (n/N)/(a/A); PEI = n/n*; a and A in cells (equal"
                        + " area at one H3 resolution, within 1% across a city).");
    }

    private void data(ReportWriter w) {
        w.heading(1, "Data");
        EventTable.LoadCounts lc = run.data().table().counts();
        Timeline timeline = run.timeline();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("rows read", fmt(lc.rows())));
        rows.add(List.of("accepted by the profile", fmt(lc.accepted())));
        for (var e : new TreeMap<>(lc.rejected()).entrySet()) {
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
        w.para("Complete days: " + run.data().complete().rule() + ".");
    }

    private void runTime(ReportWriter w) {
        BacktestReport.Times times = run.times();
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
                        + run.data().profileArgument()
                        + " "
                        + run.data().file()
                        + " --horizon "
                        + run.horizon().label()
                        + " --train-days "
                        + run.trainDays()
                        + "`.");
    }

    private static String fmt(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
