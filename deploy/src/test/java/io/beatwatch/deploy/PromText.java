package io.beatwatch.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The series of one Prometheus text-format scrape (version 0.0.4, what the gateway's {@code
 * /metrics} and Flink's Prometheus reporter serve): metric names and their label sets.
 */
record PromText(List<Series> series) {

    /** One exported sample: its name, labels and value. */
    record Series(String name, Map<String, String> labels, double value) {}

    /** Parses a scrape; comment lines ({@code # HELP}, {@code # TYPE}) are skipped. */
    static PromText parse(String text) {
        var out = new ArrayList<Series>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (brace >= 0 && (space < 0 || brace < space)) {
                String name = line.substring(0, brace);
                var labels = new LinkedHashMap<String, String>();
                int i = brace + 1;
                while (i < line.length() && line.charAt(i) != '}') {
                    int eq = line.indexOf('=', i);
                    String key = line.substring(i, eq).strip();
                    var value = new StringBuilder();
                    int j = eq + 2; // after ="
                    while (line.charAt(j) != '"') {
                        char c = line.charAt(j);
                        if (c == '\\') {
                            char n = line.charAt(++j);
                            value.append(n == 'n' ? '\n' : n);
                        } else {
                            value.append(c);
                        }
                        j++;
                    }
                    labels.put(key, value.toString());
                    i = j + 1;
                    if (i < line.length() && line.charAt(i) == ',') i++;
                }
                out.add(new Series(name, labels, value(line.substring(i + 1))));
            } else {
                out.add(
                        new Series(
                                line.substring(0, space), Map.of(), value(line.substring(space))));
            }
        }
        return new PromText(List.copyOf(out));
    }

    private static double value(String rest) {
        String v = rest.strip().split("\\s+")[0];
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    /** Sum of the values of one metric over all its series. */
    double sum(String name) {
        return of(name).stream().mapToDouble(Series::value).sum();
    }

    /** Every metric name in the scrape. */
    Set<String> names() {
        var names = new TreeSet<String>();
        series.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The series of one metric name. */
    List<Series> of(String name) {
        return series.stream().filter(s -> s.name().equals(name)).toList();
    }
}
