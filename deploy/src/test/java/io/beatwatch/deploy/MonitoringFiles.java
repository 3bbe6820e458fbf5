package io.beatwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The PromQL expressions of the alert rules and the Grafana dashboard, and checks on them. */
final class MonitoringFiles {

    /** One expression and where it is (rule name or panel title). */
    record Expr(String where, String promql) {
        List<PromQl.Selector> selectors() {
            return PromQl.selectors(promql);
        }
    }

    /** Labels Prometheus adds to every scraped series, so they are never in an export. */
    static final List<String> TARGET_LABELS = List.of("job", "instance");

    /** Series of the blackbox exporter (probes of /health/ready), not of Beatwatch. */
    static final List<String> BLACKBOX = List.of("probe_success");

    private MonitoringFiles() {}

    /** Every rule expression of alerts.yml and every target of the dashboard. */
    static List<Expr> all() {
        var out = new ArrayList<>(rules(Repo.read(Repo.ALERTS)));
        out.addAll(dashboard(Repo.read(Repo.DASHBOARD)));
        return out;
    }

    /** The metric names of the files that start with {@code prefix}. */
    static java.util.Set<String> metricNames(String prefix) {
        var out = new java.util.TreeSet<String>();
        for (Expr e : all()) {
            e.selectors().stream()
                    .map(PromQl.Selector::name)
                    .filter(n -> n.startsWith(prefix))
                    .forEach(out::add);
        }
        return out;
    }

    static List<Expr> rules(JsonNode alerts) {
        var out = new ArrayList<Expr>();
        for (JsonNode g : alerts.path("groups")) {
            for (JsonNode r : g.path("rules")) {
                out.add(new Expr("rule " + r.path("alert").asText(), r.path("expr").asText()));
            }
        }
        return out;
    }

    static List<Expr> dashboard(JsonNode dashboard) {
        var out = new ArrayList<Expr>();
        for (JsonNode p : panels(dashboard)) {
            for (JsonNode t : p.path("targets")) {
                out.add(new Expr("panel " + p.path("title").asText(), t.path("expr").asText()));
            }
        }
        return out;
    }

    /** Every panel, including those inside collapsed rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        var out = new ArrayList<JsonNode>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    /**
     * Problems of the selectors whose names start with one of {@code prefixes}, against a scrape: a
     * name not exported, a label it never carries, an equality or regex value no series has.
     */
    static List<String> problems(PromText exported, List<String> prefixes) {
        var out = new ArrayList<String>();
        for (Expr e : all()) {
            for (PromQl.Selector s : e.selectors()) {
                if (prefixes.stream().noneMatch(s.name()::startsWith)) continue;
                var series = exported.of(s.name());
                if (series.isEmpty()) {
                    out.add(e.where() + ": " + s.name() + " is not exported");
                    continue;
                }
                for (PromQl.Matcher m : s.matchers()) {
                    if (TARGET_LABELS.contains(m.label())) continue;
                    var values =
                            series.stream()
                                    .map(x -> x.labels().get(m.label()))
                                    .filter(v -> v != null)
                                    .toList();
                    if (values.isEmpty()) {
                        out.add(e.where() + ": " + s.name() + " has no label " + m.label());
                    } else if (m.op().equals("=") && !values.contains(m.value())) {
                        out.add(
                                e.where()
                                        + ": no "
                                        + s.name()
                                        + "{"
                                        + m.label()
                                        + "=\""
                                        + m.value()
                                        + "\"}; values: "
                                        + values.stream().distinct().toList());
                    } else if (m.op().equals("=~")) {
                        var re = Pattern.compile(m.value());
                        if (values.stream().noneMatch(v -> re.matcher(v).matches())) {
                            out.add(
                                    e.where()
                                            + ": no "
                                            + s.name()
                                            + " "
                                            + m.label()
                                            + " matches "
                                            + m.value()
                                            + "; values: "
                                            + values.stream().distinct().toList());
                        }
                    }
                }
            }
        }
        return out;
    }
}
