package io.beatwatch.jobs.backtest;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.beatwatch.core.backtest.EmergenceScore;
import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.backtest.Injector;
import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.detect.RecurrenceCalibration;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.synth.InjectedCluster;
import io.beatwatch.jobs.cli.Progress;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beatwatch emergence}: a real calls file is the background; synthetic emerging clusters are
 * injected (a grid of sizes, radii and durations, seeded, with ground truth) and the stream is
 * replayed through the real HotspotJob at each false-alarm budget. Measures detection probability
 * and time to detect per cluster kind, and false alarms per day on the same stream with nothing
 * injected; then fits an empirical recurrence interval on earlier history and measures again.
 */
@Command(
        name = "emergence",
        mixinStandardHelpOptions = true,
        description = {
            "Inject synthetic emerging clusters into a real calls stream, replay it through"
                    + " HotspotJob, and measure detection, time to detect and false alarms per"
                    + " day against the budget, before and after calibrating the recurrence"
                    + " interval.",
            "Writes OUT/report.md, OUT/report.html, OUT/figures.json, OUT/calibration.json and"
                    + " PNG plots."
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
            defaultValue = "30,60,120",
            split = ",",
            description = "Cluster span in minutes (default ${DEFAULT-VALUE}).")
    List<Integer> durations;

    @Option(
            names = "--thresholds",
            defaultValue = "30,100,365",
            split = ",",
            description =
                    "False-alarm budgets N (days between false alarms) (default"
                            + " ${DEFAULT-VALUE}).")
    List<Double> thresholds;

    @Option(
            names = "--reps",
            defaultValue = "10",
            description = "Clusters of each kind (default ${DEFAULT-VALUE}).")
    int reps;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of placement and calls (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--from",
            description =
                    "Replay from this date (yyyy-mm-dd, local); default: --days before" + " --to.")
    String from;

    @Option(
            names = "--to",
            description =
                    "Replay up to this date (exclusive); default: the day after the last"
                            + " complete day.")
    String to;

    @Option(
            names = "--days",
            defaultValue = "98",
            description =
                    "Calendar days replayed when --from is not given (default"
                            + " ${DEFAULT-VALUE}); a subset keeps runs short, any range works.")
    int days;

    @Option(
            names = "--warmup-days",
            defaultValue = "7",
            description =
                    "Calendar days at the start with no injection and no counting: the"
                            + " job alerts only after its minimum baseline (default ${DEFAULT-VALUE}).")
    int warmupDays;

    @Option(
            names = "--calibration",
            defaultValue = "fit",
            description =
                    "fit (on the history before the first counted day, from --fit-days"
                            + " before --from), off, or a calibration.json to apply (default"
                            + " ${DEFAULT-VALUE}).")
    String calibration;

    @Option(
            names = "--calibration-strata",
            defaultValue = "window",
            description =
                    "window: each window length gets its own map, fitted on a replay scored on"
                            + " that window alone, and an equal share of the budget; none: one"
                            + " map for all windows (default ${DEFAULT-VALUE}).")
    String strata;

    @Option(
            names = "--fit-days",
            defaultValue = "273",
            description =
                    "The fitting replay starts this many calendar days before --from and"
                            + " runs, with nothing injected, up to the first counted day; its own"
                            + " first --warmup-days are not counted (default ${DEFAULT-VALUE}).")
    int fitDays;

    @Option(
            names = "--fit-threshold",
            defaultValue = "1",
            description =
                    "Budget (days) of the fitting replay: low, so budgets above it are"
                            + " measured (default ${DEFAULT-VALUE}).")
    double fitThreshold;

    @Option(
            names = "--grace",
            defaultValue = "60",
            description =
                    "Minutes after a cluster's end an alert still counts as its detection"
                            + " (default ${DEFAULT-VALUE}).")
    int graceMinutes;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--out",
            defaultValue = "out/emergence",
            description = "Report folder (default ${DEFAULT-VALUE}).")
    Path out;

    /** Environment factory: the local MiniCluster by default, a test's cluster in tests. */
    Supplier<StreamExecutionEnvironment> environment =
            StreamExecutionEnvironment::getExecutionEnvironment;

    /** One replay through the job. */
    record Run(
            String label,
            String phase,
            double budgetDays,
            boolean injected,
            List<HotspotAlert> alerts,
            long events,
            double seconds) {
        long opened() {
            return alerts.stream().filter(a -> a.state() == AlertState.OPENED).count();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (!input.readable(err)) return 2;
        if (!strata.equals("window") && !strata.equals("none")) {
            err.println("error: --calibration-strata must be window or none");
            return 2;
        }
        if (reps < 1 || thresholds.isEmpty() || sizes.isEmpty()) {
            err.println("error: need --reps >= 1 and at least one size and threshold");
            return 2;
        }
        long t0 = System.nanoTime();
        DataSet data = input.load(9, err);
        EventTable t = data.table();
        var zone = t.zone();
        int lastComplete =
                data.complete().count() == 0
                        ? t.day(t.size() - 1)
                        : data.complete().day(data.complete().count() - 1);
        LocalDate toDate =
                to != null ? LocalDate.parse(to) : LocalDate.ofEpochDay(lastComplete + 1L);
        LocalDate fromDate = from != null ? LocalDate.parse(from) : toDate.minusDays(days);
        LocalDate countFrom = fromDate.plusDays(warmupDays);
        long fromMs = DataSet.startOf(fromDate, zone);
        long toMs = DataSet.startOf(toDate, zone);

        List<Integer> evalDays = completeDaysIn(data, countFrom, toDate);
        if (evalDays.isEmpty()) {
            err.printf("error: no complete day between %s and %s%n", countFrom, toDate);
            return 2;
        }
        List<Injector.Span> spans = new ArrayList<>();
        for (int d : evalDays) {
            spans.add(
                    new Injector.Span(
                            DataSet.startOf(LocalDate.ofEpochDay(d), zone),
                            DataSet.startOf(LocalDate.ofEpochDay(d + 1L), zone)));
        }
        LongPredicate counted = countedOn(evalDays, zone);

        // clusters at cells drawn by the background's citizen calls in the replayed range
        double[] weights = new double[t.cellCount()];
        for (int i = t.firstAtOrAfter(fromMs); i < t.size() && t.time(i) < toMs; i++) {
            if (!t.officer(i)) weights[t.cell(i)]++;
        }
        String[] cells = new String[t.cellCount()];
        Map<String, Integer> cellIndex = new HashMap<>();
        for (int c = 0; c < cells.length; c++) {
            cells[c] = t.cellAddress(c);
            cellIndex.put(cells[c], c);
        }
        List<Injector.Kind> kinds = Injector.kinds(sizes, radii, durations);
        List<String> types = injectedTypes(t);
        List<InjectedCluster> clusters =
                Injector.place(kinds, reps, cells, weights, spans, types, seed);
        List<CallForService> injectedCalls = new ArrayList<>();
        for (InjectedCluster c : clusters) {
            injectedCalls.addAll(
                    Injector.calls(
                            c,
                            seed,
                            c.label(),
                            cell -> {
                                Integer ci = cellIndex.get(cell);
                                int d = ci == null ? -1 : t.cellDistrict(ci);
                                return d < 0 ? null : t.districtName(d);
                            }));
        }

        Files.createDirectories(out);
        Path work = Files.createTempDirectory(out, "work-");
        try {
            Path bg = work.resolve("background.ndjson");
            Path inj = work.resolve("injected.ndjson");
            long bgEvents = writeStream(t, fromMs, toMs, List.of(), bg, data.profile().source());
            long injEvents =
                    writeStream(t, fromMs, toMs, injectedCalls, inj, data.profile().source());
            // the job as deployed for this city: its defaults and the profile's baseline period
            // (a feed with gaps, like San Antonio's six days a month, needs a longer one)
            HotspotJobConfig base =
                    HotspotJobConfig.forProfile(data.profile())
                            .withCheckpointInterval(Duration.ZERO)
                            .withoutIdleness()
                            .withSource(data.profile().source());
            DetectionConfig detection = base.detection();

            boolean fit = calibration.equalsIgnoreCase("fit");
            boolean off = calibration.equalsIgnoreCase("off");
            boolean byWindow = fit && strata.equals("window");
            int runCount =
                    thresholds.size() * 2 * (off ? 1 : 2)
                            + (fit ? 1 : 0)
                            + (byWindow ? detection.windowsMinutes().size() : 0);
            Progress bar = new Progress(err);
            Runner runner = new Runner(bar, runCount, work, base);
            err.printf(
                    "Replaying %s .. %s (%,d calls, %d clusters on %d complete days) through"
                            + " HotspotJob, %d runs ...%n",
                    fromDate, toDate, bgEvents, clusters.size(), evalDays.size(), runCount);

            List<Run> runs = new ArrayList<>();
            for (double n : thresholds) {
                DetectionConfig d = detection.withRecurrenceThresholdDays(n);
                runs.add(runner.run("before", n, false, bg, bgEvents, d));
                runs.add(runner.run("before", n, true, inj, injEvents, d));
            }

            RecurrenceCalibration cal = null;
            Run fitRun = null;
            List<Run> fitRuns = new ArrayList<>();
            List<Integer> fitEvalDays = List.of();
            if (fit) {
                // the fit replays everything before the first counted day: the measured days'
                // warm-up may overlap it (it is history), their counted days never do
                LocalDate fitFrom = fromDate.minusDays(fitDays);
                Path fitFile = work.resolve("fit.ndjson");
                long fitEvents =
                        writeStream(
                                t,
                                DataSet.startOf(fitFrom, zone),
                                DataSet.startOf(countFrom, zone),
                                List.of(),
                                fitFile,
                                data.profile().source());
                fitEvalDays = completeDaysIn(data, fitFrom.plusDays(warmupDays), countFrom);
                if (fitEvalDays.size() < 2) {
                    err.printf(
                            "error: too little history to fit before %s: %d complete days;"
                                    + " give --fit-days or --calibration off%n",
                            fromDate, fitEvalDays.size());
                    return 2;
                }
                fitRun =
                        runner.run(
                                "fit",
                                fitThreshold,
                                false,
                                fitFile,
                                fitEvents,
                                detection.withRecurrenceThresholdDays(fitThreshold));
                fitRuns.add(fitRun);
                LongPredicate fitCounted = countedOn(fitEvalDays, zone);
                double[] peaks =
                        EmergenceScore.peakStrengths(
                                fitRun.alerts(), detection.dispersion(), fitCounted);
                cal =
                        RecurrenceCalibration.fit(
                                data.profile().name()
                                        + " "
                                        + fitFrom
                                        + ".."
                                        + countFrom
                                        + " ("
                                        + fitEvalDays.size()
                                        + " complete days)",
                                peaks,
                                fitEvalDays.size(),
                                CALIBRATION_POINTS,
                                CALIBRATION_TAIL);
                if (byWindow) {
                    // each window's own tail, measured on a replay that scores that window alone
                    Map<Integer, double[]> byWindowPeaks = new TreeMap<>();
                    for (int w : detection.windowsMinutes()) {
                        Run r =
                                runner.run(
                                        "fit " + w + " min",
                                        fitThreshold,
                                        false,
                                        fitFile,
                                        fitEvents,
                                        detection
                                                .withWindows(List.of(w))
                                                .withRecurrenceThresholdDays(fitThreshold));
                        fitRuns.add(r);
                        byWindowPeaks.put(
                                w,
                                EmergenceScore.peakStrengths(
                                        r.alerts(), detection.dispersion(), fitCounted));
                    }
                    try {
                        cal =
                                RecurrenceCalibration.byWindow(
                                        cal,
                                        byWindowPeaks,
                                        fitEvalDays.size(),
                                        CALIBRATION_POINTS,
                                        CALIBRATION_TAIL);
                    } catch (IllegalArgumentException e) {
                        err.printf(
                                "error: cannot calibrate per window (%s); lower --fit-threshold"
                                        + " or give --calibration-strata none%n",
                                e.getMessage());
                        return 2;
                    }
                }
                Files.writeString(
                        out.resolve("calibration.json"),
                        Json.mapper()
                                        .copy()
                                        .enable(SerializationFeature.INDENT_OUTPUT)
                                        .writeValueAsString(cal)
                                + "\n",
                        StandardCharsets.UTF_8);
            } else if (!off) {
                cal =
                        Json.mapper()
                                .readValue(
                                        Files.readString(Path.of(calibration)),
                                        RecurrenceCalibration.class);
            }
            if (cal != null) {
                for (double n : thresholds) {
                    DetectionConfig d =
                            detection.withRecurrenceThresholdDays(n).withCalibration(cal);
                    runs.add(runner.run("after", n, false, bg, bgEvents, d));
                    runs.add(runner.run("after", n, true, inj, injEvents, d));
                }
            }
            bar.done();
            double total = (System.nanoTime() - t0) / 1e9;
            var report =
                    new EmergenceReport(
                            data,
                            fromDate,
                            toDate,
                            countFrom,
                            evalDays,
                            kinds,
                            clusters,
                            runs,
                            thresholds,
                            cal,
                            fitRun,
                            fitRuns,
                            fitEvalDays,
                            fitThreshold,
                            Duration.ofMinutes(graceMinutes),
                            counted,
                            reps,
                            seed,
                            total,
                            data.seconds(),
                            parallelism,
                            base);
            report.write(out);
            System.out.print(report.summary());
            System.out.println("Report: " + out.resolve("report.html"));
            return 0;
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(work);
        }
    }

    /** Calibration points and the strongest alerts that set its tail slope. */
    static final int CALIBRATION_POINTS = 24;

    static final int CALIBRATION_TAIL = 20;

    /** Replays with a shared progress bar across runs. */
    private final class Runner {
        private final Progress bar;
        private final int total;
        private final Path work;
        private final HotspotJobConfig base;
        private int done;

        Runner(Progress bar, int total, Path work, HotspotJobConfig base) {
            this.bar = bar;
            this.total = total;
            this.work = work;
            this.base = base;
        }

        Run run(
                String phase,
                double budget,
                boolean injected,
                Path feed,
                long events,
                DetectionConfig detection)
                throws Exception {
            String label =
                    String.format(
                            Locale.ROOT,
                            "%s N=%s %s",
                            phase,
                            budgetText(budget),
                            injected ? "injected" : "nothing injected");
            long start = System.nanoTime();
            List<HotspotAlert> alerts =
                    JobReplay.run(
                            () -> {
                                StreamExecutionEnvironment e = environment.get();
                                e.setParallelism(parallelism);
                                return e;
                            },
                            base.withDetection(detection),
                            new NdjsonRawFeed(feed.toString()),
                            "beatwatch-emergence",
                            work,
                            emitted ->
                                    bar.status(
                                            (done + emitted / (double) Math.max(1, events)) / total,
                                            String.format(
                                                    "run %d/%d %s: %,d calls",
                                                    done + 1, total, label, emitted)));
            done++;
            return new Run(
                    label,
                    phase,
                    budget,
                    injected,
                    alerts,
                    events,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    static String budgetText(double n) {
        return n == Math.rint(n)
                ? String.format(Locale.ROOT, "%.0f", n)
                : String.format(Locale.ROOT, "%s", n);
    }

    /** Complete local days in [from, to). */
    static List<Integer> completeDaysIn(DataSet data, LocalDate from, LocalDate to) {
        List<Integer> out = new ArrayList<>();
        for (int d : data.complete().days()) {
            if (d >= from.toEpochDay() && d < to.toEpochDay()) out.add(d);
        }
        return out;
    }

    /** Whether an instant falls on one of these local days. */
    static LongPredicate countedOn(List<Integer> days, java.time.ZoneId zone) {
        Set<Integer> set = new HashSet<>(days);
        return ms ->
                set.contains(
                        (int) Instant.ofEpochMilli(ms).atZone(zone).toLocalDate().toEpochDay());
    }

    /** The three most common citizen call types of the file: injected calls look ordinary. */
    static List<String> injectedTypes(EventTable t) {
        long[] n = new long[t.typeCount()];
        for (int i = 0; i < t.size(); i++) if (!t.officer(i)) n[t.type(i)]++;
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n.length; i++) idx.add(i);
        idx.sort((a, b) -> Long.compare(n[b], n[a]));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(3, idx.size()); i++) out.add(t.typeName(idx.get(i)));
        return out.isEmpty() ? InjectedCluster.DEFAULT_CALL_TYPES : out;
    }

    /**
     * Writes the calls of [fromMs, toMs) as the JSON topic {@code beatwatch.cfs} would carry,
     * merged in time order with the injected calls; returns how many lines.
     */
    static long writeStream(
            EventTable t,
            long fromMs,
            long toMs,
            List<CallForService> injected,
            Path file,
            String source)
            throws IOException {
        int first = t.firstAtOrAfter(fromMs);
        Iterator<Integer> background =
                new Iterator<>() {
                    private int i = first;

                    @Override
                    public boolean hasNext() {
                        return i < t.size() && t.time(i) < toMs;
                    }

                    @Override
                    public Integer next() {
                        return i++;
                    }
                };
        List<CallForService> inRange =
                injected.stream()
                        .filter(c -> c.receivedAt().toEpochMilli() >= fromMs)
                        .filter(c -> c.receivedAt().toEpochMilli() < toMs)
                        .toList();
        // background rows become calls lazily; -1 - k marks the k-th injected call
        Map<Integer, CallForService> wrapped = new HashMap<>();
        Iterator<Integer> merged =
                Injector.merge(
                        background,
                        inRange,
                        i -> Instant.ofEpochMilli(t.time(i)),
                        c -> {
                            int key = -1 - wrapped.size();
                            wrapped.put(key, c);
                            return key;
                        });
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (merged.hasNext()) {
                int i = merged.next();
                CallForService call = i < 0 ? wrapped.remove(i) : backgroundCall(t, i, source);
                w.write(Json.encode(call));
                w.newLine();
                n++;
            }
        }
        return n;
    }

    private static CallForService backgroundCall(EventTable t, int i, String source) {
        int d = t.district(i);
        return new CallForService(
                CallForService.VERSION,
                "BG-" + i,
                Instant.ofEpochMilli(t.time(i)),
                t.typeName(t.type(i)),
                null,
                null,
                null,
                null,
                t.officer(i),
                null,
                d < 0 ? null : t.districtName(d),
                null,
                t.lat(i),
                t.lon(i),
                null,
                source);
    }
}
