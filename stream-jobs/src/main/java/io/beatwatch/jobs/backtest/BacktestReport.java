package io.beatwatch.jobs.backtest;

import static io.beatwatch.jobs.backtest.BacktestCommand.pct;

import io.beatwatch.core.backtest.Stats;
import io.beatwatch.core.backtest.WalkForward;
import io.beatwatch.core.backtest.WalkForward.Measure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The backtest's report: the console summary, and the report folder in the order a reader meets it.
 * Each part draws one thing: {@link BacktestTables} the results and their reading, {@link
 * BacktestPlots} the PNGs, {@link BacktestAppendix} the methods, data and run time, and {@link
 * BacktestFigures} figures.json.
 */
final class BacktestReport {

    /** Wall-clock seconds of each stage. */
    record Times(double load, double detector, double walkForward, double total) {}

    private final BacktestRun run;

    BacktestReport(BacktestRun run) {
        this.run = run;
    }

    String summary() {
        WalkForward.Result r = run.result();
        int headline = run.headline();
        Times times = run.times();
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "%nBacktest of %s, %s horizon, %d periods, A = %,d cells%n",
                        run.data().profile().name(),
                        run.horizon().label(),
                        r.periods().size(),
                        r.areaCells()));
        s.append(
                String.format(
                        Locale.ROOT,
                        "  at %s of area:     hit rate    PAI     PEI%n",
                        pct(run.headlineFraction())));
        for (int m = 0; m < r.methods().size(); m++) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "  %-26s %6.3f  %6.2f  %6.3f%n",
                            run.name(m),
                            r.mean(m, headline, Measure.HIT_RATE),
                            r.mean(m, headline, Measure.PAI),
                            r.mean(m, headline, Measure.PEI)));
        }
        s.append(
                String.format(
                        Locale.ROOT,
                        "  best possible (n*)         %6.3f  %6.2f  %6.3f%n",
                        Stats.mean(run.bestHitRates(headline)),
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

    /** Writes report.md, report.html, figures.json and the PNGs into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String title =
                String.format(
                        Locale.ROOT,
                        "Backtest: %s, %s horizon",
                        run.data().profile().name(),
                        run.horizon().label());
        ReportWriter w = new ReportWriter(title);
        BacktestTables tables = new BacktestTables(run);
        tables.results(w);
        new BacktestPlots(run).draw(dir, w);
        tables.districts(w);
        new BacktestAppendix(run).write(w);
        w.write(dir, BacktestFigures.of(run));
    }
}
