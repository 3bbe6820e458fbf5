package io.beatwatch.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the metric selectors in a PromQL expression, enough to check them against what is exported:
 * the names of Beatwatch's, Flink's, the JVM's and the blackbox exporter's series, and their label
 * matchers. Not a PromQL parser: functions, keywords and label names in {@code by (...)} are not
 * metric names and are left out by the name prefixes.
 */
final class PromQl {

    /** A metric selector: {@code name{label="value", label=~"regex"}}. */
    record Selector(String name, List<Matcher> matchers) {}

    /** One label matcher; {@code op} is {@code =}, {@code !=}, {@code =~} or {@code !~}. */
    record Matcher(String label, String op, String value) {}

    /** Prefixes of the metric names the project's monitoring files may use. */
    static final List<String> PREFIXES =
            List.of("beatwatch_", "flink_", "jvm_", "process_", "system_", "probe_");

    /** Series that Prometheus itself adds to every target. */
    static final List<String> PROMETHEUS_OWN = List.of("up");

    private static final Pattern SELECTOR =
            Pattern.compile("(?<![A-Za-z0-9_:\"])([A-Za-z_:][A-Za-z0-9_:]*)\\s*(\\{[^}]*\\})?");
    private static final Pattern MATCHER =
            Pattern.compile(
                    "([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    private PromQl() {}

    /**
     * The selectors of metrics (by {@link #PREFIXES} or {@link #PROMETHEUS_OWN}) in {@code expr}.
     */
    static List<Selector> selectors(String expr) {
        var out = new ArrayList<Selector>();
        var m = SELECTOR.matcher(expr);
        while (m.find()) {
            String name = m.group(1);
            if (!isMetric(name) || insideQuotes(expr, m.start())) continue;
            var matchers = new ArrayList<Matcher>();
            if (m.group(2) != null) {
                var mm = MATCHER.matcher(m.group(2));
                while (mm.find()) {
                    matchers.add(new Matcher(mm.group(1), mm.group(2), mm.group(3)));
                }
            }
            out.add(new Selector(name, List.copyOf(matchers)));
        }
        return out;
    }

    static boolean isMetric(String name) {
        return PROMETHEUS_OWN.contains(name) || PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static boolean insideQuotes(String expr, int at) {
        var q = QUOTED.matcher(expr);
        while (q.find()) {
            if (q.start() < at && at < q.end()) return true;
        }
        return false;
    }
}
