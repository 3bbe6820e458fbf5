package io.beatwatch.jobs.backtest;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.beatwatch.core.backtest.Injector;
import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.detect.PoissonScan;
import io.beatwatch.core.detect.StreamDetector;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.jobs.backtest.EmergenceCommand.KindResult;
import io.beatwatch.jobs.backtest.EmergenceCommand.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The emergence report: figures.json (the contract scripts read), report.md (tables and a plain
 * reading) and two plots (false alarms against the budget; detection per kind at the 100-day
 * budget, Beatwatch against the hand rule and the hindsight limit).
 */
final class EmergenceReport {

    private final DataSet data;
    private final List<Integer> evalDays;
    private final int warmupDays;
    private final List<Injector.Kind> kinds;
    private final int reps;
    private final int perReplay;
    private final long seed;
    private final Duration grace;
    private final DetectionConfig detection;
    private final List<Double> thresholds;
    private final Map<Double, Phase> beatwatch;
    private final Map<Integer, Integer> naiveFalse;
    private final Map<Integer, List<KindResult>> naiveKinds;
    private final Map<Double, Double> pStar;
    private final Map<Double, List<KindResult>> hindsightKinds;
    private final MissTrace missTrace;
    private final double seconds;
    private final String reproduce;

    EmergenceReport(
            DataSet data,
            List<Integer> evalDays,
            int warmupDays,
            List<Injector.Kind> kinds,
            int reps,
            int perReplay,
            long seed,
            Duration grace,
            DetectionConfig detection,
            List<Double> thresholds,
            Map<Double, Phase> beatwatch,
            Map<Integer, Integer> naiveFalse,
            Map<Integer, List<KindResult>> naiveKinds,
            Map<Double, Double> pStar,
            Map<Double, List<KindResult>> hindsightKinds,
            MissTrace missTrace,
            double seconds,
            String reproduce) {
        this.data = data;
        this.evalDays = evalDays;
        this.warmupDays = warmupDays;
        this.kinds = kinds;
        this.reps = reps;
        this.perReplay = perReplay;
        this.seed = seed;
        this.grace = grace;
        this.detection = detection;
        this.thresholds = thresholds;
        this.beatwatch = beatwatch;
        this.naiveFalse = naiveFalse;
        this.naiveKinds = naiveKinds;
        this.pStar = pStar;
        this.hindsightKinds = hindsightKinds;
        this.missTrace = missTrace;
        this.seconds = seconds;
        this.reproduce = reproduce;
    }

    void write(Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(
                out.resolve("figures.json"),
                Json.mapper()
                                .copy()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .writeValueAsString(figures())
                        + "\n",
                StandardCharsets.UTF_8);
        plots(out);
        missTrace.writeCsv(out);
        Files.writeString(out.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------
    // figures

    Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("city", data.profile().name());
        f.put("reproduce", reproduce);
        f.put("countedDays", evalDays.size());
        f.put("firstCountedDay", LocalDate.ofEpochDay(evalDays.get(0)).toString());
        f.put("lastCountedDay", LocalDate.ofEpochDay(evalDays.get(evalDays.size() - 1)).toString());
        f.put("warmupDays", warmupDays);
        f.put("clustersPerKind", reps);
        f.put("clustersPerReplay", perReplay);
        f.put("seed", seed);
        f.put("graceMinutes", grace.toMinutes());
        f.put("seconds", seconds);
        f.put("detector", detectorFigures());
        List<Object> fa = new ArrayList<>();
        List<Object> det = new ArrayList<>();
        for (Phase p : beatwatch.values()) {
            double[] ci = poissonInterval(p.falseAlarms());
            int days = evalDays.size();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("phase", p.phase());
            row.put("budgetDays", p.budgetDays());
            row.put("promisedPerDay", 1 / p.budgetDays());
            row.put("perDay", p.falseAlarms() / (double) days);
            row.put("days", days);
            row.put("falseAlarms", p.falseAlarms());
            row.put("ci95PerDay", List.of(ci[0] / days, ci[1] / days));
            row.put("withinTwiceBudget", p.falseAlarms() / (double) days <= 2 / p.budgetDays());
            if (!p.note().isEmpty()) row.put("note", p.note());
            fa.add(row);
            for (KindResult k : p.kinds()) det.add(kindRow(p.phase(), p.budgetDays(), k));
        }
        f.put("falseAlarms", fa);
        f.put("detection", det);
        List<Object> naive = new ArrayList<>();
        for (var e : naiveFalse.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("n", e.getKey());
            row.put("perDay", e.getValue() / (double) evalDays.size());
            row.put("falseAlarms", e.getValue());
            row.put("days", evalDays.size());
            List<Object> ks = new ArrayList<>();
            for (KindResult k : naiveKinds.getOrDefault(e.getKey(), List.of())) {
                ks.add(kindRow(null, Double.NaN, k));
            }
            row.put("kinds", ks);
            naive.add(row);
        }
        f.put("naiveRule", naive);
        List<Object> hind = new ArrayList<>();
        for (var e : hindsightKinds.entrySet()) {
            for (KindResult k : e.getValue()) {
                Map<String, Object> row = kindRow(null, Double.NaN, k);
                row.put("budgetDays", e.getKey());
                row.put("pStar", pStar.get(e.getKey()));
                hind.add(row);
            }
        }
        f.put("hindsight", hind);
        f.put("comparison", comparison());
        f.put("missTrace", missTrace.figures());
        return f;
    }

    private Map<String, Object> detectorFigures() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("modelVersion", StreamDetector.MODEL_VERSION);
        d.put("windowsMinutes", detection.windowsMinutes());
        d.put("rings", detection.rings());
        d.put("baselineDaysWithData", detection.baselineDays());
        d.put("hourSlices", detection.baselineHourBuckets());
        d.put("minObserved", detection.minObserved());
        d.put("priorCountPerCell", detection.priorCountPerCell());
        d.put("closeRatio", detection.closeRatio());
        return d;
    }

    private static Map<String, Object> kindRow(String phase, double budget, KindResult k) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (phase != null) row.put("phase", phase);
        if (!Double.isNaN(budget)) row.put("budgetDays", budget);
        row.put("kind", k.kind());
        row.put("clusters", k.clusters());
        row.put("detected", k.clusters() == 0 ? Double.NaN : k.detected() / (double) k.clusters());
        row.put("ttdMedianMin", quantile(k.ttdMinutes(), 0.5));
        row.put("ttdP90Min", quantile(k.ttdMinutes(), 0.9));
        return row;
    }

    /**
     * Beatwatch at each hand rule's false-alarm rate: the budget {@code days / falseAlarms} of rule
     * N was run as its own phase, so the comparison needs no interpolation. A rule with no false
     * alarm on the counted days is compared with the strictest budget run.
     */
    List<Object> comparison() {
        List<Object> out = new ArrayList<>();
        double strictest = beatwatch.keySet().stream().mapToDouble(x -> x).max().orElse(1);
        for (var e : naiveFalse.entrySet()) {
            double budget =
                    e.getValue() == 0
                            ? strictest
                            : Math.max(0.25, evalDays.size() / (double) e.getValue());
            Phase p = beatwatch.get(budget);
            if (p == null) continue;
            for (KindResult nk : naiveKinds.getOrDefault(e.getKey(), List.of())) {
                KindResult bk =
                        p.kinds().stream()
                                .filter(k -> k.kind().equals(nk.kind()))
                                .findFirst()
                                .orElse(null);
                if (bk == null) continue;
                double bt = quantile(bk.ttdMinutes(), 0.5);
                double nt = quantile(nk.ttdMinutes(), 0.5);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("n", e.getKey());
                row.put("naivePerDay", e.getValue() / (double) evalDays.size());
                row.put("budgetDays", budget);
                row.put("beatwatchPerDay", p.falseAlarms() / (double) evalDays.size());
                row.put("kind", nk.kind());
                row.put("naiveDetected", nk.detected() / (double) Math.max(1, nk.clusters()));
                row.put("beatwatchDetected", bk.detected() / (double) Math.max(1, bk.clusters()));
                row.put("naiveTtdMedianMin", nt);
                row.put("beatwatchTtdMedianMin", bt);
                row.put(
                        "atLeastAsGood",
                        bk.detected() >= nk.detected() && (nk.detected() == 0 || !(bt > nt)));
                out.add(row);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------
    // plots

    private void plots(Path out) throws IOException {
        double[] x = thresholds.stream().mapToDouble(v -> v).toArray();
        double[] promised = new double[x.length];
        double[] measured = new double[x.length];
        double[] hi = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            promised[i] = 1 / x[i];
            Phase p = beatwatch.get(x[i]);
            int days = evalDays.size();
            measured[i] = p.falseAlarms() / (double) days;
            hi[i] = poissonInterval(p.falseAlarms())[1] / days;
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("promised (1/N)", promised);
        series.put("2x promised", java.util.Arrays.stream(promised).map(v -> 2 * v).toArray());
        series.put("measured", measured);
        series.put("measured, 95% upper", hi);
        Charts.lines(
                out.resolve("false_alarms_vs_budget.png"),
                data.profile().name() + ": false alarms per day against the budget",
                "budget N (days between false alarms)",
                "false alarms per day",
                x,
                series,
                true,
                true,
                Map.of("2x promised", true, "measured, 95% upper", true));

        double n = thresholds.contains(100.0) ? 100.0 : thresholds.get(0);
        List<String> cats = kinds.stream().map(Injector.Kind::label).toList();
        Map<String, double[]> bars = new LinkedHashMap<>();
        bars.put("Beatwatch N=" + fmt(n), detectedShare(beatwatch.get(n).kinds(), cats));
        if (hindsightKinds.containsKey(n)) {
            bars.put("hindsight N=" + fmt(n), detectedShare(hindsightKinds.get(n), cats));
        }
        for (var e : naiveKinds.entrySet()) {
            bars.put(
                    String.format(
                            Locale.ROOT,
                            "rule N=%d (%.2f FA/day)",
                            e.getKey(),
                            naiveFalse.get(e.getKey()) / (double) evalDays.size()),
                    detectedShare(e.getValue(), cats));
        }
        Charts.bars(
                out.resolve("detection_by_kind.png"),
                data.profile().name() + ": clusters detected (share)",
                "detected",
                cats,
                bars);
    }

    private static double[] detectedShare(List<KindResult> rs, List<String> cats) {
        double[] y = new double[cats.size()];
        for (int i = 0; i < cats.size(); i++) {
            String c = cats.get(i);
            y[i] =
                    rs.stream()
                            .filter(r -> r.kind().equals(c))
                            .mapToDouble(r -> r.detected() / (double) Math.max(1, r.clusters()))
                            .findFirst()
                            .orElse(Double.NaN);
        }
        return y;
    }

    // ---------------------------------------------------------------------------------------
    // text

    String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("# Emergence backtest: ").append(data.profile().name()).append("\n\n");
        s.append("Generated by `bin/beatwatch emergence` on the detector's shipped defaults (no")
                .append(" fitted file). Reproduce:\n\n```\n")
                .append(reproduce)
                .append("\n```\n\n");
        s.append(
                String.format(
                        Locale.ROOT,
                        "- Background: %s, %d complete days counted (%s .. %s) after %d complete"
                                + " days of warm-up.%n- Injected: %d clusters of each of %d kinds,"
                                + " at most %d per replay (about one per %d counted days) so the"
                                + " detector's rolling null is not taught by the test; types are"
                                + " the city's three commonest citizen types.%n- A cluster is"
                                + " detected by an alert opening (or intensifying) on one of its"
                                + " cells between its start and %d minutes after its end; a"
                                + " false alarm is any other opening on a counted day of the"
                                + " background without injections. Run time %.0f s.%n%n",
                        data.file().getFileName(),
                        evalDays.size(),
                        LocalDate.ofEpochDay(evalDays.get(0)),
                        LocalDate.ofEpochDay(evalDays.get(evalDays.size() - 1)),
                        warmupDays,
                        reps,
                        kinds.size(),
                        perReplay,
                        Math.max(1, evalDays.size() / Math.max(1, perReplay)),
                        grace.toMinutes(),
                        seconds));
        s.append("![false alarms](false_alarms_vs_budget.png)\n\n");
        s.append("## False alarms per day (background, nothing injected)\n\n");
        s.append(
                "| budget N (days) | promised / day | measured / day | 95% interval | false alarms | within 2x |\n");
        s.append("|---:|---:|---:|---|---:|:---:|\n");
        for (Phase p : beatwatch.values()) {
            int days = evalDays.size();
            double[] ci = poissonInterval(p.falseAlarms());
            s.append(
                    String.format(
                            Locale.ROOT,
                            "| %s%s | %.4f | %.4f | %.4f .. %.4f | %d in %d days | %s |%n",
                            fmt(p.budgetDays()),
                            p.note().isEmpty() ? "" : " (rule)",
                            1 / p.budgetDays(),
                            p.falseAlarms() / (double) days,
                            ci[0] / days,
                            ci[1] / days,
                            p.falseAlarms(),
                            days,
                            p.falseAlarms() / (double) days <= 2 / p.budgetDays() ? "yes" : "no"));
        }
        s.append("\n## Detection per kind\n\n![detection](detection_by_kind.png)\n\n");
        s.append(
                "Share detected and median time to detect (minutes), Beatwatch at each budget and");
        s.append(" the hindsight limit at the same budget.\n\n| kind |");
        for (double n : thresholds) s.append(" N=").append(fmt(n)).append(" |");
        for (double n : thresholds) s.append(" hindsight N=").append(fmt(n)).append(" |");
        s.append("\n|---|");
        for (int i = 0; i < 2 * thresholds.size(); i++) s.append("---:|");
        s.append("\n");
        for (Injector.Kind k : kinds) {
            s.append("| ").append(k.label()).append(" |");
            for (double n : thresholds)
                s.append(' ').append(cell(find(beatwatch.get(n).kinds(), k))).append(" |");
            for (double n : thresholds) {
                s.append(' ')
                        .append(cell(find(hindsightKinds.getOrDefault(n, List.of()), k)))
                        .append(" |");
            }
            s.append("\n");
        }
        s.append(missTrace.markdown());
        s.append("\n## The hand rule \"N calls in one cell in the last 60 minutes\"\n\n");
        s.append("| N | false alarms / day |");
        for (Injector.Kind k : kinds) s.append(' ').append(k.label()).append(" |");
        s.append("\n|---:|---:|");
        for (int i = 0; i < kinds.size(); i++) s.append("---:|");
        s.append("\n");
        for (var e : naiveFalse.entrySet()) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "| %d | %.3f |",
                            e.getKey(),
                            e.getValue() / (double) evalDays.size()));
            for (Injector.Kind k : kinds) {
                s.append(' ')
                        .append(cell(find(naiveKinds.getOrDefault(e.getKey(), List.of()), k)))
                        .append(" |");
            }
            s.append("\n");
        }
        s.append(
                "\nBeatwatch at each rule's own false-alarm rate (`comparison` in figures.json):\n\n");
        s.append(
                "| rule N | budget run | kind | rule | Beatwatch | at least as good |\n|---:|---:|---|---:|---:|:---:|\n");
        for (Object o : comparison()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) o;
            s.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %.0f%% (%s min) | %.0f%% (%s min) | %s |%n",
                            r.get("n"),
                            fmt((Double) r.get("budgetDays")),
                            r.get("kind"),
                            100 * (Double) r.get("naiveDetected"),
                            minutes((Double) r.get("naiveTtdMedianMin")),
                            100 * (Double) r.get("beatwatchDetected"),
                            minutes((Double) r.get("beatwatchTtdMedianMin")),
                            (Boolean) r.get("atLeastAsGood") ? "yes" : "no"));
        }
        s.append("\n## Worst false alarms at the strictest budget\n\n");
        Phase strict = beatwatch.get(thresholds.stream().mapToDouble(v -> v).max().orElse(0));
        for (HotspotAlert a : strict.falseAlarmList().stream().limit(10).toList()) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "- %s %s ring %d, %d min: %d calls where %.3f expected, RI %.0f days, %s%n",
                            a.eventTime(),
                            a.zone(),
                            a.ring(),
                            a.window().toMinutes(),
                            a.observed(),
                            a.expected(),
                            a.recurrenceIntervalDays(),
                            a.topTypes()));
        }
        s.append(
                "\nThe hindsight detector knows each cell's rate by hour of week, fitted on the"
                        + " whole background file (one pseudo-occurrence at the cell's separable"
                        + " rate keeps a one-off burst from making an hour impossible), and its"
                        + " Poisson threshold p* is set in hindsight so that the background makes"
                        + " at most the budgeted false alarms: it bounds what a count detector can"
                        + " do on this data.\n");
        return s.toString();
    }

    String summary() {
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "%nEmergence on %s: %d counted days, %d clusters per kind%n",
                        data.profile().name(),
                        evalDays.size(),
                        reps));
        for (double n : thresholds) {
            Phase p = beatwatch.get(n);
            s.append(
                    String.format(
                            Locale.ROOT,
                            "  N=%-4s false alarms/day %.4f (promised %.4f)",
                            fmt(n),
                            p.falseAlarms() / (double) evalDays.size(),
                            1 / n));
            for (KindResult k : p.kinds()) {
                if (k.kind().equals("+6 r0 60m")
                        || k.kind().equals("+10 r0 30m")
                        || k.kind().equals("+10 r1 30m")) {
                    s.append("  ").append(k.kind()).append(' ').append(cell(k));
                }
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static KindResult find(List<KindResult> rs, Injector.Kind k) {
        return rs.stream().filter(r -> r.kind().equals(k.label())).findFirst().orElse(null);
    }

    private static String cell(KindResult k) {
        if (k == null || k.clusters() == 0) return "-";
        return String.format(
                Locale.ROOT,
                "%.0f%% (%s)",
                100.0 * k.detected() / k.clusters(),
                minutes(quantile(k.ttdMinutes(), 0.5)));
    }

    private static String minutes(Double m) {
        return m == null || m.isNaN() ? "-" : String.format(Locale.ROOT, "%.0f", m);
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    static double quantile(List<Double> xs, double q) {
        if (xs.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(xs);
        s.sort(Double::compare);
        double pos = q * (s.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s.get(lo) + (s.get(hi) - s.get(lo)) * (pos - lo);
    }

    /** Exact (Garwood) 95% interval of a Poisson count. */
    static double[] poissonInterval(long k) {
        double lo = k == 0 ? 0 : solve(lambda -> PoissonScan.pValue(k, lambda) - 0.025, k);
        double hi = solve(lambda -> 0.025 - (1 - PoissonScan.pValue(k + 1, lambda)), k);
        return new double[] {lo, hi};
    }

    private static double solve(java.util.function.DoubleUnaryOperator f, long k) {
        double a = 0;
        double b = k + 10 * Math.sqrt(k + 1) + 20;
        for (int i = 0; i < 200; i++) {
            double m = (a + b) / 2;
            if (f.applyAsDouble(m) < 0) a = m;
            else b = m;
        }
        return (a + b) / 2;
    }
}
