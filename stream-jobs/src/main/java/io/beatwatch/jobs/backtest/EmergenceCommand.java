package io.beatwatch.jobs.backtest;

import io.beatwatch.core.backtest.CellEvent;
import io.beatwatch.core.backtest.ClusterTrace;
import io.beatwatch.core.backtest.DetectorReplay;
import io.beatwatch.core.backtest.EmergenceScore;
import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.backtest.HindsightDetector;
import io.beatwatch.core.backtest.Injector;
import io.beatwatch.core.backtest.NaiveRule;
import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.synth.InjectedCluster;
import io.beatwatch.jobs.cli.Progress;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.LongPredicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beatwatch emergence}: a real calls file is the background; synthetic emerging clusters are
 * injected (sizes × radii × durations, seeded, with ground truth) a few at a time, so that the
 * detector's rolling null is not taught by the test itself, and every stream is replayed through
 * the detector the job runs, with the job's defaults for the profile. Measures false alarms per day
 * on the background alone, detection and time to detect per kind, and the same for two references
 * on the same streams: the hand rule "N calls in one cell in 60 minutes" and a hindsight detector
 * that knows every cell's rate.
 */
@Command(
        name = "emergence",
        mixinStandardHelpOptions = true,
        description = {
            "Inject synthetic emerging clusters into a real calls stream, replay it through the"
                    + " detector the job runs (its defaults, no fitted file), and measure false"
                    + " alarms per day against the budget, detection and time to detect, next to"
                    + " the hand rule 'N calls in a cell in 60 min' and a hindsight detector.",
            "Writes OUT/report.md, OUT/figures.json and PNG plots."
        })
public final class EmergenceCommand implements Callable<Integer> {

    @Mixin FeedInput input = new FeedInput();

    @Option(
            names = "--sizes",
            defaultValue = "4,6,10",
            split = ",",
            description = "Extra calls per cluster (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(
            names = "--radii",
            defaultValue = "0,1",
            split = ",",
            description = "Cluster radius in H3 rings (default ${DEFAULT-VALUE}).")
    List<Integer> radii;

    @Option(
            names = "--durations",
            defaultValue = "30,60",
            split = ",",
            description = "Cluster span in minutes (default ${DEFAULT-VALUE}).")
    List<Integer> durations;

    @Option(
            names = "--thresholds",
            defaultValue = "30,100,365",
            split = ",",
            description = "False-alarm budgets N in days (default ${DEFAULT-VALUE}).")
    List<Double> thresholds;

    @Option(
            names = "--reps",
            defaultValue = "50",
            description = "Clusters of each kind (default ${DEFAULT-VALUE}).")
    int reps;

    @Option(
            names = "--days-per-cluster",
            defaultValue = "20",
            description =
                    "At most one cluster per this many counted days in one replay; more clusters"
                            + " of a kind take more replays. Denser injection teaches the"
                            + " detector's rolling null the test's own clusters (default"
                            + " ${DEFAULT-VALUE}).")
    int daysPerCluster;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of placement and calls (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--warmup-days",
            defaultValue = "28",
            description =
                    "Complete days at the start that are replayed but never counted: the"
                            + " detector's baseline and rolling null warm up on them (default"
                            + " ${DEFAULT-VALUE}).")
    int warmupDays;

    @Option(
            names = "--naive",
            defaultValue = "4,5,6,7,8",
            split = ",",
            description =
                    "N of the hand rule 'N calls in a cell in 60 min' (default ${DEFAULT-VALUE}).")
    List<Integer> naive;

    @Option(
            names = "--grace",
            defaultValue = "60",
            description =
                    "Minutes after a cluster's end an alert still counts as its detection"
                            + " (default ${DEFAULT-VALUE}).")
    int graceMinutes;

    @Option(
            names = "--out",
            defaultValue = "out/emergence",
            description = "Report folder (default ${DEFAULT-VALUE}).")
    Path out;

    /** What one detector did on one kind at one budget, summed over replays. */
    record KindResult(String kind, int clusters, int detected, List<Double> ttdMinutes) {}

    /** One detector at one budget: false alarms on the background and detection per kind. */
    record Phase(
            String phase,
            double budgetDays,
            int falseAlarms,
            List<HotspotAlert> falseAlarmList,
            List<KindResult> kinds,
            String note) {}

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (!input.readable(err)) return 2;
        if (reps < 1 || thresholds.isEmpty() || sizes.isEmpty() || daysPerCluster < 1) {
            err.println("error: need --reps >= 1, --days-per-cluster >= 1, a size and a budget");
            return 2;
        }
        long t0 = System.nanoTime();
        DataSet data = input.load(9, err);
        EventTable t = data.table();
        ZoneId zone = t.zone();
        List<Integer> complete = new ArrayList<>();
        for (int i = 0; i < data.complete().count(); i++) complete.add(data.complete().day(i));
        if (complete.size() <= warmupDays) {
            err.printf(
                    "error: %d complete days, not more than --warmup-days %d%n",
                    complete.size(), warmupDays);
            return 2;
        }
        List<Integer> evalDays = complete.subList(warmupDays, complete.size());
        LongPredicate counted = countedOn(evalDays, zone);
        long fromMs = t.time(0);
        long toMs = t.time(t.size() - 1) + 1;
        List<Injector.Span> spans = new ArrayList<>();
        for (int d : evalDays) {
            spans.add(
                    new Injector.Span(
                            DataSet.startOf(LocalDate.ofEpochDay(d), zone),
                            DataSet.startOf(LocalDate.ofEpochDay(d + 1L), zone)));
        }
        double[] weights = new double[t.cellCount()];
        for (int i = 0; i < t.size(); i++) if (!t.officer(i)) weights[t.cell(i)]++;
        String[] cells = new String[t.cellCount()];
        for (int c = 0; c < cells.length; c++) cells[c] = t.cellAddress(c);
        List<String> types = injectedTypes(t);
        List<Injector.Kind> kinds = Injector.kinds(sizes, radii, durations);
        int perReplay = Math.max(1, Math.min(reps, evalDays.size() / daysPerCluster));
        int replaysPerKind = (reps + perReplay - 1) / perReplay;

        // the detector as the job runs it for this profile: its defaults, nothing fitted
        HotspotJobConfig job = HotspotJobConfig.forProfile(data.profile());
        DetectionConfig detection = job.detection();
        long repeatMinutes = job.repeatWindow().toMinutes();
        var replay = new DetectorReplay(t);
        H3Grid grid = new H3Grid(t.resolution());
        List<CellEvent> background = CellEvent.of(t, fromMs, toMs);
        Set<Integer> withData = new HashSet<>();
        for (int i = 0; i < t.size(); i++) withData.add(t.day(i));
        Duration grace = Duration.ofMinutes(graceMinutes);

        // the references' false alarms on the background fix the budgets they are compared at
        err.println(
                "Fitting the references on the background (the hand rule, the hindsight limit) ...");
        Progress refs = new Progress(err);
        int refSteps = naive.size() + 1 + thresholds.size();
        int refDone = 0;
        Map<Integer, Integer> naiveFalse = new LinkedHashMap<>();
        for (int n : naive) {
            refs.status(refDone++ / (double) refSteps, "hand rule N=" + n);
            naiveFalse.put(
                    n,
                    EmergenceScore.falseAlarms(
                                    NaiveRule.alerts(background, n), List.of(), grace, counted)
                            .size());
        }
        TreeSet<Double> budgets = new TreeSet<>(thresholds);
        for (int f : naiveFalse.values()) {
            if (f > 0) budgets.add(Math.max(0.25, evalDays.size() / (double) f));
        }
        refs.status(refDone++ / (double) refSteps, "hindsight rates by hour of week");
        HindsightDetector hindsight = HindsightDetector.fit(background, withData, zone);
        Map<Double, Double> pStar = new LinkedHashMap<>();
        for (double n : thresholds) {
            refs.status(refDone++ / (double) refSteps, "hindsight threshold at budget " + n);
            pStar.put(n, hindsight.calibrate(background, new HashSet<>(evalDays), n).pStar());
        }
        refs.done();

        int runs = budgets.size() * (1 + kinds.size() * replaysPerKind);
        err.printf(
                "Replaying %,d calls through the detector: %d counted days, %d kinds x %d"
                        + " clusters (%d a replay), budgets %s, %d replays ...%n",
                t.size(), evalDays.size(), kinds.size(), reps, perReplay, budgets, runs);
        // the per-cluster trace is recorded at the budget nearest to one false alarm in 100 days
        double traceBudget =
                thresholds.stream()
                        .min(java.util.Comparator.comparingDouble(v -> Math.abs(Math.log(v / 100))))
                        .orElseThrow();
        var missTrace = new MissTrace(traceBudget);
        Progress bar = new Progress(err);
        int done = 0;
        Map<Double, Phase> beatwatch = new LinkedHashMap<>();
        Map<Integer, List<KindResult>> naiveKinds = new LinkedHashMap<>();
        Map<Double, List<KindResult>> hindsightKinds = new LinkedHashMap<>();
        for (double n : budgets) {
            DetectionConfig d = detection.withRecurrenceThresholdDays(n);
            List<HotspotAlert> fa =
                    EmergenceScore.falseAlarms(
                            replay.run(d, repeatMinutes, fromMs, toMs, List.of()).alerts(),
                            List.of(),
                            grace,
                            counted);
            bar.status(++done / (double) runs, String.format("budget %s: background", n));
            List<KindResult> perKind = new ArrayList<>();
            for (int k = 0; k < kinds.size(); k++) {
                Injector.Kind kind = kinds.get(k);
                var acc = new Accumulator(kind.label());
                var naiveAcc = new LinkedHashMap<Integer, Accumulator>();
                var hindAcc = new Accumulator(kind.label());
                for (int r = 0; r < replaysPerKind; r++) {
                    int count = Math.min(perReplay, reps - r * perReplay);
                    long s = seed + 7919L * k + 104_729L * r;
                    List<InjectedCluster> placed =
                            Injector.place(List.of(kind), count, cells, weights, spans, types, s);
                    List<CallForService> calls = new ArrayList<>();
                    for (InjectedCluster c : placed) {
                        calls.addAll(Injector.calls(c, s, c.label(), cell -> null));
                    }
                    var trace = n == traceBudget ? new ClusterTrace(placed, grace) : null;
                    var result = replay.run(d, repeatMinutes, fromMs, toMs, calls, trace);
                    var outcomes = EmergenceScore.outcomes(placed, result.alerts(), grace);
                    acc.add(outcomes);
                    if (trace != null) missTrace.add(kind.label(), outcomes, trace);
                    bar.status(
                            ++done / (double) runs,
                            String.format("budget %s: %s, replay %d", n, kind.label(), r + 1));
                    // the references run once, on the first budget's streams (same seeds)
                    if (n == budgets.first() || pStar.containsKey(n)) {
                        List<CellEvent> merged =
                                CellEvent.merge(
                                        background,
                                        calls.stream().map(c -> CellEvent.of(c, grid)).toList());
                        if (n == budgets.first()) {
                            for (int nr : naive) {
                                naiveAcc.computeIfAbsent(nr, x -> new Accumulator(kind.label()))
                                        .add(
                                                EmergenceScore.outcomes(
                                                        placed,
                                                        NaiveRule.alerts(merged, nr),
                                                        grace));
                            }
                        }
                        if (pStar.containsKey(n)) {
                            hindAcc.add(
                                    EmergenceScore.outcomes(
                                            placed, hindsight.run(merged, pStar.get(n)), grace));
                        }
                    }
                }
                perKind.add(acc.result());
                naiveAcc.forEach(
                        (nr, a) ->
                                naiveKinds
                                        .computeIfAbsent(nr, x -> new ArrayList<>())
                                        .add(a.result()));
                if (pStar.containsKey(n)) {
                    hindsightKinds.computeIfAbsent(n, x -> new ArrayList<>()).add(hindAcc.result());
                }
            }
            beatwatch.put(
                    n,
                    new Phase(
                            "default",
                            n,
                            fa.size(),
                            fa,
                            perKind,
                            thresholds.contains(n) ? "" : "at a hand rule's false-alarm rate"));
        }
        bar.done();
        var report =
                new EmergenceReport(
                        data,
                        evalDays,
                        warmupDays,
                        kinds,
                        reps,
                        perReplay,
                        seed,
                        grace,
                        detection,
                        thresholds,
                        beatwatch,
                        naiveFalse,
                        naiveKinds,
                        pStar,
                        hindsightKinds,
                        missTrace,
                        (System.nanoTime() - t0) / 1e9,
                        reproduce(data));
        report.write(out);
        System.out.print(report.summary());
        System.out.println("Report: " + out.resolve("report.md"));
        return 0;
    }

    private String reproduce(DataSet data) {
        return String.format(
                "bin/beatwatch emergence --profile %s %s --reps %d --warmup-days %d --seed %d"
                        + " --sizes %s --radii %s --durations %s --thresholds %s --naive %s"
                        + " --days-per-cluster %d --grace %d --out %s",
                data.profileArgument(),
                input.file,
                reps,
                warmupDays,
                seed,
                join(sizes),
                join(radii),
                join(durations),
                join(thresholds),
                join(naive),
                daysPerCluster,
                graceMinutes,
                out);
    }

    private static String join(List<?> xs) {
        StringBuilder s = new StringBuilder();
        for (Object x : xs) {
            if (s.length() > 0) s.append(',');
            s.append(
                    x instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : x);
        }
        return s.toString();
    }

    /** Sums outcomes of one kind over replays. */
    private static final class Accumulator {
        private final String kind;
        private int clusters;
        private int detected;
        private final List<Double> ttd = new ArrayList<>();

        Accumulator(String kind) {
            this.kind = kind;
        }

        void add(List<EmergenceScore.Outcome> outcomes) {
            for (var o : outcomes) {
                clusters++;
                if (o.detected()) {
                    detected++;
                    ttd.add(o.minutesToDetect());
                }
            }
        }

        KindResult result() {
            return new KindResult(kind, clusters, detected, List.copyOf(ttd));
        }
    }

    /** A predicate true for epoch millis on the given local days. */
    static LongPredicate countedOn(List<Integer> days, ZoneId zone) {
        Set<Integer> set = new HashSet<>(days);
        return ms ->
                set.contains(
                        (int)
                                java.time.Instant.ofEpochMilli(ms)
                                        .atZone(zone)
                                        .toLocalDate()
                                        .toEpochDay());
    }

    /** The three most common citizen call types of the file: injected calls look ordinary. */
    static List<String> injectedTypes(EventTable t) {
        long[] counts = new long[t.typeCount()];
        for (int i = 0; i < t.size(); i++) if (!t.officer(i)) counts[t.type(i)]++;
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) idx.add(i);
        idx.sort((a, b) -> Long.compare(counts[b], counts[a]));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(3, idx.size()); i++) out.add(t.typeName(idx.get(i)));
        return out.isEmpty() ? InjectedCluster.DEFAULT_CALL_TYPES : out;
    }
}
