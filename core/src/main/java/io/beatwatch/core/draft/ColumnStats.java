package io.beatwatch.core.draft;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one column of a sample holds: blanks, distinct values, whether it is numeric, and the
 * quantiles of its numbers. The evidence behind every role guess.
 *
 * @param name header name
 * @param index position in the header
 * @param values the raw values (null or blank = missing)
 * @param nonBlank how many values are not blank
 * @param distinct distinct non-blank values
 * @param numericShare share of non-blank values that read as a number
 * @param decimalShare share of non-blank values written with a decimal point
 * @param meanLength mean length of non-blank values
 * @param numbers the values that read as numbers, sorted
 * @param counts each distinct non-blank value with its count
 */
public record ColumnStats(
        String name,
        int index,
        List<String> values,
        long nonBlank,
        long distinct,
        double numericShare,
        double decimalShare,
        double meanLength,
        double[] numbers,
        Map<String, Long> counts) {

    /** The statistics of one column. */
    public static ColumnStats of(String name, int index, List<String> values) {
        var counts = new HashMap<String, Long>();
        long nonBlank = 0;
        long numeric = 0;
        long decimal = 0;
        long length = 0;
        double[] numbers = new double[values.size()];
        int n = 0;
        for (String raw : values) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String v = raw.strip();
            nonBlank++;
            length += v.length();
            counts.merge(v, 1L, Long::sum);
            Double d = number(v);
            if (d != null) {
                numeric++;
                numbers[n++] = d;
                if (v.indexOf('.') >= 0) {
                    decimal++;
                }
            }
        }
        double[] sorted = Arrays.copyOf(numbers, n);
        Arrays.sort(sorted);
        return new ColumnStats(
                name,
                index,
                values,
                nonBlank,
                counts.size(),
                nonBlank == 0 ? 0 : numeric / (double) nonBlank,
                nonBlank == 0 ? 0 : decimal / (double) nonBlank,
                nonBlank == 0 ? 0 : length / (double) nonBlank,
                sorted,
                Map.copyOf(counts));
    }

    /** Rows in the sample. */
    public int rows() {
        return values.size();
    }

    /** Share of rows where this column is blank. */
    public double blankShare() {
        return values.isEmpty() ? 1 : 1 - nonBlank / (double) values.size();
    }

    /** Distinct over non-blank values: 1.0 for an id. */
    public double uniqueness() {
        return nonBlank == 0 ? 0 : distinct / (double) nonBlank;
    }

    /** Whether (almost) every non-blank value is a number. */
    public boolean numeric() {
        return nonBlank > 0 && numericShare >= 0.98;
    }

    /** The {@code q} quantile (0..1) of the numbers, or NaN with none. */
    public double quantile(double q) {
        if (numbers.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.round(q * (numbers.length - 1));
        return numbers[Math.max(0, Math.min(numbers.length - 1, i))];
    }

    /** The most frequent values, largest first (ties by value). */
    public List<Map.Entry<String, Long>> top(int n) {
        return counts.entrySet().stream()
                .sorted(
                        Comparator.comparingLong((Map.Entry<String, Long> e) -> -e.getValue())
                                .thenComparing(Map.Entry::getKey))
                .limit(n)
                .toList();
    }

    /** Whether the header name matches a case-insensitive regex (anywhere in the name). */
    public boolean named(String regex) {
        return java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(name)
                .find();
    }

    private static Double number(String v) {
        char c = v.charAt(0);
        if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
