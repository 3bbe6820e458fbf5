package io.beatwatch.jobs.backtest;

import static io.beatwatch.jobs.backtest.BacktestCommand.map;

import io.beatwatch.core.backtest.EmergenceScore;
import io.beatwatch.core.backtest.Injector;
import io.beatwatch.core.backtest.Stats;
import io.beatwatch.core.detect.PoissonScan;
import io.beatwatch.core.detect.RecurrenceCalibration;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.synth.InjectedCluster;
import io.beatwatch.jobs.backtest.EmergenceCommand.Run;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;

/** The emergence run's report: false alarms against the budget, detection, time to detect. */
final class EmergenceReport {

    private final DataSet data;
    private final LocalDate from;
    private final LocalDate to;
    private final LocalDate countFrom;
    private final List<Integer> evalDays;
    private final List<Injector.Kind> kinds;
    private final List<InjectedCluster> clusters;
    private final List<Run> runs;
    private final List<Double> budgets;
    private final RecurrenceCalibration calibration;
    private final Run fitRun;
    private final List<Run> fitRuns;
    private final List<Integer> fitDays;
    private final double fitThreshold;
    private final Duration grace;
    private final LongPredicate counted;
    private final int reps;
    private final long seed;
    private final double totalSeconds;
    private final double loadSeconds;
    private final int parallelism;
    private final HotspotJobConfig job;

    EmergenceReport(
            DataSet data,
            LocalDate from,
            LocalDate to,
            LocalDate countFrom,
            List<Integer> evalDays,
            List<Injector.Kind> kinds,
            List<InjectedCluster> clusters,
            List<Run> runs,
            List<Double> budgets,
            RecurrenceCalibration calibration,
            Run fitRun,
            List<Run> fitRuns,
            List<Integer> fitDays,
            double fitThreshold,
            Duration grace,
            LongPredicate counted,
            int reps,
            long seed,
            double totalSeconds,
            double loadSeconds,
            int parallelism,
            HotspotJobConfig job) {
        this.data = data;
        this.from = from;
        this.to = to;
        this.countFrom = countFrom;
        this.evalDays = evalDays;
        this.kinds = kinds;
        this.clusters = clusters;
        this.runs = runs;
        this.budgets = budgets;
        this.calibration = calibration;
        this.fitRun = fitRun;
        this.fitRuns = fitRuns;
        this.fitDays = fitDays;
        this.fitThreshold = fitThreshold;
        this.grace = grace;
        this.counted = counted;
        this.reps = reps;
        this.seed = seed;
        this.totalSeconds = totalSeconds;
        this.loadSeconds = loadSeconds;
        this.parallelism = parallelism;
        this.job = job;
    }

    /** False alarms of one run: on counted days, confirmed openings matching no cluster. */
    private List<HotspotAlert> falseAlarms(Run r) {
        return EmergenceScore.falseAlarms(
                r.alerts(), r.injected() ? clusters : List.of(), grace, counted);
    }

    private Run find(String phase, double budget, boolean injected) {
        for (Run r : runs) {
            if (r.phase().equals(phase) && r.budgetDays() == budget && r.injected() == injected) {
                return r;
            }
        }
        return null;
    }

    private static String kindOf(InjectedCluster c) {
        return new Injector.Kind(c.extraCount(), c.radiusRings(), (int) c.duration().toMinutes())
                .label();
    }

    /** Per kind: outcomes of one injected run. */
    private Map<String, List<EmergenceScore.Outcome>> byKind(Run r) {
        Map<String, List<EmergenceScore.Outcome>> out = new LinkedHashMap<>();
        for (Injector.Kind k : kinds) out.put(k.label(), new ArrayList<>());
        for (EmergenceScore.Outcome o : EmergenceScore.outcomes(clusters, r.alerts(), grace)) {
            out.get(kindOf(o.cluster())).add(o);
        }
        return out;
    }

    private static double[] ttds(List<EmergenceScore.Outcome> os) {
        return os.stream()
                .filter(EmergenceScore.Outcome::detected)
                .mapToDouble(EmergenceScore.Outcome::minutesToDetect)
                .toArray();
    }

    private static double detected(List<EmergenceScore.Outcome> os) {
        if (os.isEmpty()) return Double.NaN;
        return os.stream().filter(EmergenceScore.Outcome::detected).count() / (double) os.size();
    }

    /** Exact (Garwood) 95% interval of a Poisson count. */
    static double[] poissonInterval(long k) {
        double lo = k == 0 ? 0 : solve(lambda -> PoissonScan.pValue(k, lambda) - 0.025, k);
        double hi = solve(lambda -> 0.025 - (1 - PoissonScan.pValue(k + 1, lambda)), k);
        return new double[] {lo, hi};
    }

    private static double solve(java.util.function.DoubleUnaryOperator f, long k) {
        // f increases with lambda; bisection on [0, k + 10 sqrt(k) + 20]
        double a = 0, b = k + 10 * Math.sqrt(k + 1) + 20;
        for (int i = 0; i < 200; i++) {
            double m = (a + b) / 2;
            if (f.applyAsDouble(m) < 0) a = m;
            else b = m;
        }
        return (a + b) / 2;
    }

    String summary() {
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "%nEmergence on %s, %s .. %s: %d complete days counted, %d clusters%n",
                        data.profile().name(),
                        from,
                        to,
                        evalDays.size(),
                        clusters.size()));
        s.append(
                "  budget N   phase    false alarms/day (promised)   detected   TTD median / p90 (+6 in 60 min, r0)\n");
        for (String phase : List.of("before", "after")) {
            for (double n : budgets) {
                Run nul = find(phase, n, false);
                Run inj = find(phase, n, true);
                if (nul == null || inj == null) continue;
                double fa = falseAlarms(nul).size() / (double) evalDays.size();
                var bk = byKind(inj);
                long det =
                        bk.values().stream()
                                .flatMap(List::stream)
                                .filter(EmergenceScore.Outcome::detected)
                                .count();
                List<EmergenceScore.Outcome> six =
                        bk.getOrDefault(new Injector.Kind(6, 0, 60).label(), List.of());
                double[] tt = ttds(six);
                s.append(
                        String.format(
                                Locale.ROOT,
                                "  %-9s %-7s %10.3f (%.4f)              %5.1f%%     %s / %s min%n",
                                EmergenceCommand.budgetText(n),
                                phase,
                                fa,
                                1 / n,
                                100.0 * det / clusters.size(),
                                f1(Stats.median(tt)),
                                f1(Stats.quantile(tt, 0.9))));
            }
        }
        s.append(String.format(Locale.ROOT, "  total time %.0f s%n", totalSeconds));
        return s.toString();
    }

    void write(Path dir) throws IOException {
        ReportWriter w =
                new ReportWriter("Emergence: " + data.profile().name() + ", injected clusters");
        Map<String, Object> fig = new LinkedHashMap<>();
        long events = runs.isEmpty() ? 0 : runs.get(0).events();
        w.para(
                String.format(
                        Locale.ROOT,
                        "The real stream of `%s` from %s to %s (%,d calls) is the background."
                                + " %d clusters (%d of each of %d kinds) were injected at cells"
                                + " drawn in proportion to the background's citizen calls, at"
                                + " uniform times on the %d complete days from %s on (the first"
                                + " %d calendar days warm the job's baseline and are not"
                                + " counted), seed %d. Every run replays the stream through the"
                                + " real dataflow (`HotspotJob.build` over a `ReplaySource`, local"
                                + " MiniCluster, parallelism %d). Generated %s.",
                        data.file().getFileName(),
                        from,
                        to,
                        events,
                        clusters.size(),
                        reps,
                        kinds.size(),
                        evalDays.size(),
                        countFrom,
                        (int) (countFrom.toEpochDay() - from.toEpochDay()),
                        seed,
                        parallelism,
                        Instant.now().toString().substring(0, 19) + "Z"));

        w.para(
                "The job's detection settings in every run (only the budget N and the calibration"
                        + " change): "
                        + settings(job)
                        + ".");

        // false alarms
        w.heading(1, "False alarms against the budget");
        w.para(
                "A false alarm is a confirmed alert opened on a counted day of the stream with"
                        + " nothing injected. The budget N promises at most one every N days"
                        + " city-wide, i.e. 1/N a day. 95% intervals are exact Poisson intervals"
                        + " of the count.");
        List<List<String>> rows = new ArrayList<>();
        List<Object> faFig = new ArrayList<>();
        Map<String, double[]> faSeries = new LinkedHashMap<>();
        double[] bx = budgets.stream().mapToDouble(Double::doubleValue).toArray();
        for (String phase : List.of("before", "after")) {
            double[] ys = new double[bx.length];
            boolean any = false;
            for (int i = 0; i < bx.length; i++) {
                Run nul = find(phase, bx[i], false);
                ys[i] = Double.NaN;
                if (nul == null) continue;
                any = true;
                long k = falseAlarms(nul).size();
                double perDay = k / (double) evalDays.size();
                double[] ci = poissonInterval(k);
                ys[i] = perDay;
                rows.add(
                        List.of(
                                EmergenceCommand.budgetText(bx[i]),
                                phase.equals("before")
                                        ? "Poisson (before)"
                                        : afterName() + " (after)",
                                String.format(Locale.ROOT, "%.4f", 1 / bx[i]),
                                String.valueOf(k),
                                String.format(
                                        Locale.ROOT,
                                        "%.4f [%.4f, %.4f]",
                                        perDay,
                                        ci[0] / evalDays.size(),
                                        ci[1] / evalDays.size()),
                                String.format(Locale.ROOT, "%.1f×", perDay * bx[i])));
                faFig.add(
                        map(
                                "budgetDays",
                                bx[i],
                                "phase",
                                phase,
                                "promisedPerDay",
                                1 / bx[i],
                                "falseAlarms",
                                k,
                                "days",
                                evalDays.size(),
                                "perDay",
                                perDay,
                                "ci95PerDay",
                                new double[] {ci[0] / evalDays.size(), ci[1] / evalDays.size()}));
            }
            if (any)
                faSeries.put(
                        phase.equals("before")
                                ? "measured, Poisson RI (before)"
                                : "measured, " + afterName() + " RI (after)",
                        ys);
        }
        w.table(
                List.of(
                        "budget N (days)",
                        "model",
                        "promised / day",
                        "false alarms",
                        "measured / day [95%]",
                        "measured ÷ promised"),
                rows);
        fig.put("falseAlarms", faFig);

        // fitted curve and plot
        double[] grid =
                java.util.stream.DoubleStream.concat(
                                java.util.Arrays.stream(
                                        logGrid(
                                                Math.min(0.5, bx[0] / 4),
                                                Math.max(1000, bx[bx.length - 1] * 3),
                                                25)),
                                java.util.Arrays.stream(bx))
                        .sorted()
                        .distinct()
                        .toArray();
        Map<String, double[]> plot = new LinkedHashMap<>();
        double[] promised = new double[grid.length];
        for (int i = 0; i < grid.length; i++) promised[i] = 1 / grid[i];
        plot.put("promised (1/N)", promised);
        if (fitRun != null && !fitDays.isEmpty()) {
            double[] nominalPeak =
                    nominalPeaks(
                            fitRun.alerts(),
                            EmergenceCommand.countedOn(fitDays, data.table().zone()));
            double[] fitted = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                long c = 0;
                for (double p : nominalPeak) if (p >= grid[i]) c++;
                fitted[i] = grid[i] < fitThreshold ? Double.NaN : c / (double) fitDays.size();
            }
            plot.put("fitting replay, Poisson RI (earlier days)", fitted);
        }
        Map<String, double[]> measured = new LinkedHashMap<>();
        for (var e : faSeries.entrySet()) {
            double[] y = new double[grid.length];
            java.util.Arrays.fill(y, Double.NaN);
            for (int i = 0; i < bx.length; i++) {
                y[java.util.Arrays.binarySearch(grid, bx[i])] = e.getValue()[i];
            }
            measured.put(e.getKey(), y);
        }
        plot.putAll(measured);
        Map<String, Boolean> dashed = new HashMap<>();
        dashed.put("promised (1/N)", true);
        Charts.lines(
                dir.resolve("false_alarms_vs_budget.png"),
                "False alarms per day against the budget",
                "budget N: one false alarm per N days (log)",
                "false alarms per day (log)",
                grid,
                plot,
                true,
                true,
                dashed);
        w.figure(
                "false_alarms_vs_budget.png",
                "Measured false alarms per day (stream with nothing injected) against the budget;"
                        + " a measured zero is not drawn on the log scale");

        // detection
        w.heading(1, "Detection and time to detect");
        w.para(
                "A cluster is detected by the first confirmed alert that opens, or updates as"
                        + " intensifying, on a zone sharing a cell with the cluster, between its"
                        + " start and "
                        + grace.toMinutes()
                        + " min after its end. Time to detect (TTD) is from the cluster's start."
                        + " Kinds read `+size rRadius duration`.");
        List<Object> detFig = new ArrayList<>();
        for (String phase : List.of("before", "after")) {
            List<String> header = new ArrayList<>(List.of("kind"));
            List<List<String>> dr = new ArrayList<>();
            Map<String, List<String>> rowsByKind = new LinkedHashMap<>();
            for (Injector.Kind k : kinds)
                rowsByKind.put(k.label(), new ArrayList<>(List.of(k.label())));
            boolean any = false;
            for (double n : budgets) {
                Run inj = find(phase, n, true);
                if (inj == null) continue;
                any = true;
                header.add("N=" + EmergenceCommand.budgetText(n) + ": detected");
                header.add("TTD median / p90 (min)");
                var bk = byKind(inj);
                for (var e : bk.entrySet()) {
                    double[] tt = ttds(e.getValue());
                    rowsByKind
                            .get(e.getKey())
                            .add(pct(detected(e.getValue())) + " of " + e.getValue().size());
                    rowsByKind
                            .get(e.getKey())
                            .add(f1(Stats.median(tt)) + " / " + f1(Stats.quantile(tt, 0.9)));
                    detFig.add(
                            map(
                                    "phase", phase,
                                    "budgetDays", n,
                                    "kind", e.getKey(),
                                    "clusters", e.getValue().size(),
                                    "detected", detected(e.getValue()),
                                    "ttdMedianMin", Stats.median(tt),
                                    "ttdP90Min", Stats.quantile(tt, 0.9),
                                    "ttdMin", tt));
                }
            }
            if (!any) continue;
            dr.addAll(rowsByKind.values());
            w.heading(
                    2,
                    phase.equals("before")
                            ? "Before calibration (Poisson recurrence interval)"
                            : "After calibration (empirical recurrence interval"
                                    + (perWindow() ? ", per window)" : ")"));
            w.table(header, dr);
        }
        fig.put("detection", detFig);

        // chance matches
        List<List<String>> chance = new ArrayList<>();
        for (String phase : List.of("before", "after")) {
            for (double n : budgets) {
                Run nul = find(phase, n, false);
                if (nul == null) continue;
                long hit =
                        EmergenceScore.outcomes(clusters, nul.alerts(), grace).stream()
                                .filter(EmergenceScore.Outcome::detected)
                                .count();
                chance.add(
                        List.of(
                                phase,
                                EmergenceCommand.budgetText(n),
                                String.format(
                                        Locale.ROOT,
                                        "%d of %d (%.1f%%)",
                                        hit,
                                        clusters.size(),
                                        100.0 * hit / clusters.size())));
            }
        }
        w.para(
                "Chance matches: the same matching rule applied to the stream with nothing"
                        + " injected (background alerts that happen to fall at a cluster's place"
                        + " and time). Detection rates above include this share.");
        w.table(List.of("phase", "budget N", "clusters 'detected' with nothing injected"), chance);

        // plots: detection by kind, TTD boxes
        List<String> cats = kinds.stream().map(Injector.Kind::label).toList();
        for (String phase : List.of("before", "after")) {
            Map<String, double[]> bars = new LinkedHashMap<>();
            Map<String, List<Double>> boxes = new LinkedHashMap<>();
            Double boxBudget =
                    budgets.size() > 1 ? budgets.get(budgets.size() / 2) : budgets.get(0);
            for (double n : budgets) {
                Run inj = find(phase, n, true);
                if (inj == null) continue;
                var bk = byKind(inj);
                double[] y = new double[cats.size()];
                for (int i = 0; i < cats.size(); i++) y[i] = 100 * detected(bk.get(cats.get(i)));
                bars.put("N = " + EmergenceCommand.budgetText(n) + " days", y);
                if (n == boxBudget) {
                    for (String c : cats) {
                        List<Double> l = new ArrayList<>();
                        for (double v : ttds(bk.get(c))) l.add(v);
                        boxes.put(c + " (" + l.size() + ")", l);
                    }
                }
            }
            if (bars.isEmpty()) continue;
            String tag = phase.equals("before") ? "Poisson RI" : afterName() + " RI";
            Charts.bars(
                    dir.resolve("detection_" + phase + ".png"),
                    "Clusters detected by kind (" + tag + ")",
                    "% detected",
                    cats,
                    bars);
            w.figure(
                    "detection_" + phase + ".png",
                    "Share of clusters detected, by kind and budget (" + tag + ")");
            Charts.boxes(
                    dir.resolve("ttd_" + phase + ".png"),
                    "Time to detect at N = "
                            + EmergenceCommand.budgetText(boxBudget)
                            + " days ("
                            + tag
                            + "), detected clusters",
                    "minutes from the cluster's start",
                    boxes);
            w.figure(
                    "ttd_" + phase + ".png",
                    "Distribution of time to detect per kind (count of detected clusters in"
                            + " brackets), N = "
                            + EmergenceCommand.budgetText(boxBudget)
                            + ", "
                            + tag);
        }

        // calibration
        w.heading(1, "Calibration");
        if (calibration == null) {
            w.para("Off (--calibration off): only the Poisson recurrence interval was measured.");
        } else {
            w.para(
                    "The Poisson recurrence interval RI = 1/(p·T) assumes independent Poisson"
                            + " counts; real calls come in bursts (several callers, several"
                            + " incidents at one address), so its tails are far too thin. The fix,"
                            + " in core `detect` behind the config switch"
                            + " `DetectionConfig.calibration` (null = the Poisson bound): an"
                            + " empirical recurrence interval, fitted on earlier history replayed"
                            + " through the same job with nothing injected at a low budget ("
                            + EmergenceCommand.budgetText(fitThreshold)
                            + " day): for each alert its peak strength x = −log10 p; RI(x) ="
                            + " days ÷ (alerts at least that strong). Above the strongest alert"
                            + " of the history the map extends the slope fitted on the "
                            + EmergenceCommand.CALIBRATION_TAIL
                            + " strongest: an extrapolation, since a history of D days cannot"
                            + " measure a rate below 1/D.");
            w.para("Fitted: `" + calibration + "`; saved as `calibration.json`.");
            List<List<String>> pts = new ArrayList<>();
            for (int i = 0; i < calibration.strength().length; i++) {
                double x = calibration.strength()[i];
                pts.add(
                        List.of(
                                String.format(Locale.ROOT, "%.2f", x),
                                String.format(
                                        Locale.ROOT,
                                        "%.3g",
                                        Math.pow(10, calibration.log10Days(x)))));
            }
            for (double n : budgets) {
                double x = strengthFor(calibration, n);
                pts.add(
                        List.of(
                                String.format(Locale.ROOT, "%.2f", x),
                                String.format(
                                        Locale.ROOT,
                                        "%.3g (budget %s)",
                                        n,
                                        EmergenceCommand.budgetText(n))));
            }
            w.table(List.of("strength −log10 p", "calibrated RI (days)"), pts);
            if (perWindow()) {
                w.para(
                        "Per window (`--calibration-strata window`, the default): the strongest"
                                + " bursts of the history are not spread evenly over the window"
                                + " lengths, so one map for all windows lets the heaviest tail set"
                                + " every window's threshold. Each window length has its own map,"
                                + " fitted on a replay of the same history scored on that window"
                                + " alone, with an equal share of the budget: RI_w(x) = days ÷ ("
                                + calibration.strata().size()
                                + " × alerts of window w at least that strong). The windows"
                                + " together then make at most one false alarm per N days (a"
                                + " union bound). The strength each budget needs, by window:");
                List<String> head = new ArrayList<>(List.of("budget N (days)", "one map"));
                for (var st : calibration.strata()) head.add(st.windowMinutes() + " min");
                List<List<String>> need = new ArrayList<>();
                for (double n : budgets) {
                    List<String> row = new ArrayList<>();
                    row.add(EmergenceCommand.budgetText(n));
                    row.add(String.format(Locale.ROOT, "%.2f", strengthFor(calibration, n)));
                    for (var st : calibration.strata()) {
                        row.add(
                                String.format(
                                        Locale.ROOT,
                                        "%.2f",
                                        strengthFor(
                                                x -> calibration.log10Days(x, st.windowMinutes()),
                                                n)));
                    }
                    need.add(row);
                }
                w.table(head, need);
            }
            fig.put(
                    "calibration",
                    map(
                            "name", calibration.name(),
                            "strength", calibration.strength(),
                            "log10Days", calibration.log10Days(),
                            "tailSlope", calibration.tailSlope(),
                            "fitAlerts", fitRun == null ? 0 : fitRun.opened(),
                            "fitDays", fitDays.size(),
                            "strata", calibration.strata()));
        }

        // runs
        w.heading(1, "Runs and run time");
        List<List<String>> rr = new ArrayList<>();
        List<Object> runFig = new ArrayList<>();
        List<Run> all = new ArrayList<>(fitRuns);
        all.addAll(runs);
        for (Run r : all) {
            rr.add(
                    List.of(
                            r.label(),
                            String.format(Locale.ROOT, "%,d", r.events()),
                            String.format(Locale.ROOT, "%,d", r.opened()),
                            String.format(Locale.ROOT, "%.1f", r.seconds()),
                            String.format(
                                    Locale.ROOT,
                                    "%,.0f",
                                    r.events() / Math.max(1e-3, r.seconds()))));
            runFig.add(
                    map(
                            "label",
                            r.label(),
                            "calls",
                            r.events(),
                            "alertsOpened",
                            r.opened(),
                            "seconds",
                            r.seconds()));
        }
        w.table(List.of("run", "calls", "alerts opened", "seconds", "calls / s"), rr);
        w.para(
                String.format(
                        Locale.ROOT,
                        "Total %.0f s (file load %.1f s). A full run over the whole file is"
                                + " possible (`--from` / `--to`); it costs about the calls / s above"
                                + " per call and run.",
                        totalSeconds,
                        loadSeconds));
        fig.put("runs", runFig);
        fig.put(
                "setup",
                map(
                        "profile", data.profile().name(),
                        "from", from.toString(),
                        "to", to.toString(),
                        "countedDays", evalDays.size(),
                        "clusters", clusters.size(),
                        "reps", reps,
                        "seed", seed,
                        "graceMinutes", grace.toMinutes(),
                        "kinds", kinds.stream().map(Injector.Kind::label).toList()));
        fig.put(
                "clusters",
                clusters.stream()
                        .map(
                                c ->
                                        map(
                                                "id", c.id(),
                                                "kind", kindOf(c),
                                                "cell", c.centreCell(),
                                                "start", c.start().toString()))
                        .toList());
        w.write(dir, fig);
    }

    /** The detection settings that shape the score, as one line of the report. */
    static String settings(HotspotJobConfig job) {
        var d = job.detection();
        return String.format(
                Locale.ROOT,
                "windows %s min, rings %s, baseline %d days in %d hour-of-day slices (alerts after"
                        + " %d days with data), dispersion φ = %s, repeat calls of one type at one"
                        + " cell within %d min counted once, at least %d calls to open, officer-initiated"
                        + " %s",
                d.windowsMinutes(),
                d.rings(),
                d.baselineDays(),
                d.baselineHourBuckets(),
                d.minBaselineDays(),
                EmergenceCommand.budgetText(d.dispersion()),
                job.repeatWindow().toMinutes(),
                d.minObserved(),
                d.excludeOfficerInitiated() ? "excluded" : "included");
    }

    /** The strength x whose calibrated RI (pooled map) equals n days. */
    static double strengthFor(RecurrenceCalibration c, double n) {
        return strengthFor(c::log10Days, n);
    }

    /** The strength x at which a monotone map to log10 RI reaches n days (bisection). */
    static double strengthFor(java.util.function.DoubleUnaryOperator log10Days, double n) {
        double target = Math.log10(n);
        double a = -50, b = 500;
        for (int i = 0; i < 200; i++) {
            double m = (a + b) / 2;
            if (log10Days.applyAsDouble(m) < target) a = m;
            else b = m;
        }
        return (a + b) / 2;
    }

    private boolean perWindow() {
        return calibration != null && !calibration.strata().isEmpty();
    }

    private String afterName() {
        return perWindow() ? "calibrated per window" : "calibrated";
    }

    /** Peak Poisson RI of each confirmed alert opened on counted days. */
    private static double[] nominalPeaks(List<HotspotAlert> alerts, LongPredicate counted) {
        Map<String, Double> peak = new LinkedHashMap<>();
        java.util.Set<String> keep = new java.util.HashSet<>();
        for (HotspotAlert a : alerts) {
            if (a.state() == AlertState.OPENED
                    && a.confirmed()
                    && counted.test(a.eventTime().toEpochMilli())) keep.add(a.alertId());
            if (a.state() == AlertState.CLOSED) continue;
            peak.merge(a.alertId(), a.recurrenceIntervalDays(), Math::max);
        }
        return peak.entrySet().stream()
                .filter(e -> keep.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue)
                .toArray();
    }

    private static double[] logGrid(double lo, double hi, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++)
            g[i] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (n - 1));
        return g;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }
}
