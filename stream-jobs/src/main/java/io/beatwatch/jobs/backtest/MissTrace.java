package io.beatwatch.jobs.backtest;

import io.beatwatch.core.backtest.ClusterTrace;
import io.beatwatch.core.backtest.EmergenceScore;
import io.beatwatch.core.detect.TracePoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The emergence report's "why clusters are missed": at one budget, every scoring of each injected
 * cluster's places (cluster_trace.csv.gz, minute by minute), and per kind what held back the
 * scoring of each missed cluster that came closest to opening.
 */
final class MissTrace {

    /** One cluster's outcome and its trace. */
    record Traced(String kind, EmergenceScore.Outcome outcome, List<ClusterTrace.Row> rows) {}

    private final double budgetDays;
    private final List<Traced> clusters = new ArrayList<>();

    MissTrace(double budgetDays) {
        this.budgetDays = budgetDays;
    }

    double budgetDays() {
        return budgetDays;
    }

    /** Adds one replay's clusters of {@code kind}, with the trace the replay recorded. */
    void add(String kind, List<EmergenceScore.Outcome> outcomes, ClusterTrace trace) {
        for (var o : outcomes) clusters.add(new Traced(kind, o, trace.rowsOf(o.cluster())));
    }

    /** Per kind: missed clusters by reason, and the median recurrence interval they reached. */
    Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("budgetDays", budgetDays);
        f.put("file", "cluster_trace.csv.gz");
        List<Object> kinds = new ArrayList<>();
        for (var e : byKind().entrySet()) {
            List<Traced> missed =
                    e.getValue().stream().filter(t -> !t.outcome().detected()).toList();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", e.getKey());
            row.put("clusters", e.getValue().size());
            row.put("missed", missed.size());
            Map<String, Integer> reasons = new LinkedHashMap<>();
            for (var r : reasons(missed).entrySet()) reasons.put(r.getKey().name(), r.getValue());
            row.put("reasons", reasons);
            row.put("medianBestRecurrenceDays", medianBest(missed));
            row.put("typeCapAtBest", typeCapped(missed));
            kinds.add(row);
        }
        f.put("kinds", kinds);
        return f;
    }

    /** The report's section. */
    String markdown() {
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "%n## Why clusters are missed (budget %s days)%n%n",
                        EmergenceReport.fmt(budgetDays)));
        s.append(
                        "For each missed cluster, the scoring of its places (each of its cells, alone and"
                                + " with its ring-1 zone) that came closest to opening, between the cluster's"
                                + " start and the end of the grace: what held it back, the median recurrence interval those"
                                + " closest scorings reached (the budget is ")
                .append(EmergenceReport.fmt(budgetDays))
                .append(
                        " days), and how many of them counted fewer calls than arrived (the per-type"
                                + " cap). Every scoring, minute by minute, is in"
                                + " `cluster_trace.csv.gz`.\n\n");
        s.append("| kind | missed | below budget | too few calls | zone centre lacks share |");
        s.append(" warm-up | lifecycle | already open | never scored | median best RI (days) |");
        s.append(" type cap at best |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var e : byKind().entrySet()) {
            List<Traced> missed =
                    e.getValue().stream().filter(t -> !t.outcome().detected()).toList();
            Map<ClusterTrace.Miss, Integer> r = reasons(missed);
            s.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d of %d | %d | %d | %d | %d | %d | %d | %d | %s | %d |%n",
                            e.getKey(),
                            missed.size(),
                            e.getValue().size(),
                            r.get(ClusterTrace.Miss.BELOW_BUDGET),
                            r.get(ClusterTrace.Miss.FEW_CALLS),
                            r.get(ClusterTrace.Miss.CENTRE_SHARE),
                            r.get(ClusterTrace.Miss.WARM_UP),
                            r.get(ClusterTrace.Miss.LIFECYCLE),
                            r.get(ClusterTrace.Miss.ALREADY_OPEN),
                            r.get(ClusterTrace.Miss.NOT_SCORED),
                            missed.isEmpty() ? "-" : fmtDays(medianBest(missed)),
                            typeCapped(missed)));
        }
        return s.toString();
    }

    /** Writes every traced scoring, one row each. */
    void writeCsv(Path out) throws IOException {
        try (OutputStream os = Files.newOutputStream(out.resolve("cluster_trace.csv.gz"));
                var w =
                        new PrintWriter(
                                new OutputStreamWriter(
                                        new GZIPOutputStream(os), StandardCharsets.UTF_8))) {
            w.println(
                    "cluster,start,kind,detected,place,minute,ring,window_min,calls,counted,"
                            + "expected,strength,recurrence_days,why");
            for (Traced t : clusters) {
                for (ClusterTrace.Row r : t.rows()) {
                    TracePoint p = r.point();
                    w.printf(
                            Locale.ROOT,
                            "%s,%s,%s,%b,%s,%.0f,%d,%d,%d,%d,%.4f,%.3f,%.3f,%s%n",
                            t.outcome().cluster().id(),
                            t.outcome().cluster().start(),
                            t.kind(),
                            t.outcome().detected(),
                            Long.toHexString(p.cell()),
                            r.minute(),
                            p.ring(),
                            p.windowMinutes(),
                            p.calls(),
                            p.counted(),
                            p.expected(),
                            p.strength(),
                            p.recurrenceDays(),
                            p.why());
                }
            }
        }
    }

    private Map<String, List<Traced>> byKind() {
        Map<String, List<Traced>> m = new LinkedHashMap<>();
        for (Traced t : clusters) m.computeIfAbsent(t.kind(), k -> new ArrayList<>()).add(t);
        return m;
    }

    private static Map<ClusterTrace.Miss, Integer> reasons(List<Traced> missed) {
        Map<ClusterTrace.Miss, Integer> m = new EnumMap<>(ClusterTrace.Miss.class);
        for (ClusterTrace.Miss r : ClusterTrace.Miss.values()) m.put(r, 0);
        for (Traced t : missed) m.merge(ClusterTrace.missReason(t.rows()), 1, Integer::sum);
        return m;
    }

    private static double medianBest(List<Traced> missed) {
        List<Double> best = new ArrayList<>();
        for (Traced t : missed) {
            ClusterTrace.Row r = ClusterTrace.closest(t.rows());
            best.add(r == null ? 0.0 : r.point().recurrenceDays());
        }
        if (best.isEmpty()) return Double.NaN;
        best.sort(Double::compare);
        int n = best.size();
        return n % 2 == 1 ? best.get(n / 2) : (best.get(n / 2 - 1) + best.get(n / 2)) / 2;
    }

    private static int typeCapped(List<Traced> missed) {
        int n = 0;
        for (Traced t : missed) {
            ClusterTrace.Row r = ClusterTrace.closest(t.rows());
            if (r != null && r.point().counted() < r.point().calls()) n++;
        }
        return n;
    }

    private static String fmtDays(double d) {
        return d >= 10
                ? String.format(Locale.ROOT, "%.0f", d)
                : String.format(Locale.ROOT, "%.2f", d);
    }
}
