package io.beatwatch.jobs.backtest;

import io.beatwatch.core.backtest.AlertHistory;
import io.beatwatch.core.backtest.BeatwatchRisk;
import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.backtest.Forecaster;
import io.beatwatch.core.backtest.Hindsight;
import io.beatwatch.core.backtest.Horizon;
import io.beatwatch.core.backtest.KdeForecaster;
import io.beatwatch.core.backtest.Period;
import io.beatwatch.core.backtest.PriorCounts;
import io.beatwatch.core.backtest.Timeline;
import io.beatwatch.core.backtest.WalkForward;
import io.beatwatch.core.backtest.WalkForward.Measure;
import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.jobs.cli.Progress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beatwatch backtest}: walks forward through a calls file period by period; Beatwatch's risk
 * ranking, prior-period counts and kernel density each flag cells from earlier data only and are
 * scored on the period (hit rate, PAI, PEI at each area fraction, district shares). Writes a report
 * folder.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Walk-forward backtest of hotspot forecasts: Beatwatch's risk ranking against prior"
                    + " counts and kernel density, scored by hit rate, PAI and PEI.",
            "Writes OUT/report.md, OUT/report.html, OUT/figures.json and PNG plots."
        })
public final class BacktestCommand implements Callable<Integer> {

    @Mixin FeedInput input = new FeedInput();

    @Option(
            names = "--horizon",
            defaultValue = "day",
            description = "shift (8 h), day or week (default ${DEFAULT-VALUE}).")
    String horizon;

    @Option(
            names = "--area",
            defaultValue = "0.5,1,2,5",
            split = ",",
            description = "Area fractions in percent (default ${DEFAULT-VALUE}).")
    List<Double> areaPercent;

    @Option(
            names = "--train-days",
            defaultValue = "28",
            description =
                    "Complete days before each period that train the baselines"
                            + " (default ${DEFAULT-VALUE}).")
    int trainDays;

    @Option(names = "--from", description = "First period date (yyyy-mm-dd, local).")
    String from;

    @Option(names = "--to", description = "Periods before this date (yyyy-mm-dd, local).")
    String to;

    @Option(
            names = "--out",
            defaultValue = "out/backtest",
            description = "Report folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--events",
            defaultValue = "all",
            description =
                    "all call types, or citizen (officer-initiated left out) (default"
                            + " ${DEFAULT-VALUE}).")
    String events;

    @Option(
            names = "--resolution",
            defaultValue = "9",
            description = "H3 resolution of cells (default ${DEFAULT-VALUE}).")
    int resolution;

    @Option(
            names = "--kde",
            defaultValue = "250,silverman",
            split = ",",
            description = "KDE bandwidths: metres or 'silverman' (default ${DEFAULT-VALUE}).")
    List<String> kde;

    @Option(
            names = "--tune-area",
            defaultValue = "1",
            description =
                    "Area fraction (percent) whose PEI Beatwatch's walk-forward tuning"
                            + " maximizes (default ${DEFAULT-VALUE}).")
    double tuneAreaPercent;

    @Option(
            names = "--tune-periods",
            description =
                    "Periods at the start of the run whose PEI chooses Beatwatch's parameters,"
                            + " frozen for the rest (default: the first third).")
    Integer tunePeriods;

    @Option(
            names = "--alerts",
            defaultValue = "true",
            negatable = true,
            description =
                    "Replay the detector to boost alerted cells (tuned; --no-alerts skips"
                            + " the replay).")
    boolean alerts;

    @Option(
            names = "--hindsight",
            defaultValue = "true",
            negatable = true,
            description = "Add the hindsight reference (not a forecast).")
    boolean hindsight;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (!input.readable(err)) return 2;
        Horizon h;
        Timeline.EventSet set;
        try {
            h = Horizon.parse(horizon);
            set = Timeline.EventSet.parse(events);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        double[] fractions = areaPercent.stream().mapToDouble(p -> p / 100).sorted().toArray();
        for (double f : fractions) {
            if (!(f > 0 && f <= 1)) {
                err.println("error: --area takes percentages in (0, 100]");
                return 2;
            }
        }
        if (trainDays < 1) {
            err.println("error: --train-days must be >= 1");
            return 2;
        }
        long start = System.nanoTime();
        DataSet data = input.load(resolution, err);
        EventTable t = data.table();
        Timeline timeline = new Timeline(t, data.complete(), set);
        if (h == Horizon.SHIFT && t.dateOnly()) {
            err.println(
                    "error: "
                            + data.profile().name()
                            + " has dates only: use --horizon day or week");
            return 2;
        }
        List<Period> periods = timeline.periods(h, trainDays, DataSet.day(from), DataSet.day(to));
        if (periods.isEmpty()) {
            err.printf(
                    "error: no period to score: %d complete days, %d needed before the first%n",
                    timeline.dayCount(), trainDays);
            return 2;
        }
        AlertHistory history = AlertHistory.empty();
        double detectorSeconds = 0;
        if (alerts) {
            long d0 = System.nanoTime();
            Progress p = new Progress(err);
            long[] last = {0};
            history =
                    AlertHistory.detect(
                            t,
                            DetectionConfig.defaults(),
                            i -> {
                                long now = System.nanoTime();
                                if (now - last[0] < 1_000_000_000L && i < t.size()) return;
                                last[0] = now;
                                p.status(
                                        i / (double) Math.max(1, t.size()),
                                        String.format("detector replay: %,d calls", i));
                            });
            p.done();
            detectorSeconds = (System.nanoTime() - d0) / 1e9;
        }
        BeatwatchRisk.Grid grid = BeatwatchRisk.Grid.defaults(h);
        if (!alerts) grid = grid.withAlertWeights(List.of(0.0));
        double tuneFraction = tuneAreaPercent / 100;
        int tuning = tunePeriods == null ? periods.size() / 3 : tunePeriods;
        if (tuning < 0 || tuning >= periods.size()) {
            err.printf(
                    "error: --tune-periods must be in [0, %d): the held-out split needs a period%n",
                    periods.size());
            return 2;
        }
        BeatwatchRisk beatwatch =
                new BeatwatchRisk(timeline, h, grid, history, tuneFraction, tuning);
        List<Forecaster> methods = new ArrayList<>();
        methods.add(beatwatch);
        methods.add(new PriorCounts(timeline, trainDays));
        List<KdeForecaster> kdes = new ArrayList<>();
        for (String b : kde) {
            String s = b.trim().toLowerCase(Locale.ROOT);
            KdeForecaster k =
                    new KdeForecaster(
                            timeline,
                            trainDays,
                            s.equals("silverman") ? Double.NaN : Double.parseDouble(s));
            kdes.add(k);
            methods.add(k);
        }
        if (hindsight) methods.add(new Hindsight(timeline));

        long r0 = System.nanoTime();
        Progress bar = new Progress(err);
        long[] last = {0};
        WalkForward.Result result =
                WalkForward.run(
                        timeline,
                        methods,
                        new WalkForward.Config(periods, fractions),
                        (done, total) -> {
                            long now = System.nanoTime();
                            if (now - last[0] < 1_000_000_000L && done < total) return;
                            last[0] = now;
                            bar.status(
                                    done / (double) total,
                                    String.format(
                                            "%d / %d periods (%s)",
                                            done, total, periods.get(done - 1).label()));
                        });
        bar.done();
        double runSeconds = (System.nanoTime() - r0) / 1e9;
        double totalSeconds = (System.nanoTime() - start) / 1e9;

        var times =
                new BacktestReport.Times(data.seconds(), detectorSeconds, runSeconds, totalSeconds);
        var report =
                new BacktestReport(
                        new BacktestRun(
                                data,
                                timeline,
                                h,
                                trainDays,
                                set,
                                result,
                                beatwatch,
                                kdes,
                                history,
                                tuneFraction,
                                times));
        report.write(out);
        System.out.print(report.summary());
        System.out.println("Report: " + out.resolve("report.html"));
        return 0;
    }

    static String pct(double fraction) {
        double p = fraction * 100;
        return p == Math.rint(p)
                ? String.format(Locale.ROOT, "%.0f%%", p)
                : String.format(Locale.ROOT, "%.1f%%", p);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String f3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    static double km2(EventTable t) {
        double a = 0;
        for (int c = 0; c < t.cellCount(); c++) a += H3Grid.areaKm2(t.cellAddress(c));
        return a;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static Measure[] measures() {
        return new Measure[] {Measure.HIT_RATE, Measure.PAI, Measure.PEI};
    }
}
