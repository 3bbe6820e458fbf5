package io.beatwatch.gateway.transparency;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * District trends for the public page: the published incidents of the most recent {@code trendDays}
 * against the {@code baselineDays} before, as a rate ratio with a 95% interval (Poisson counts,
 * log-normal approximation with a half-count correction), and a plain verdict: higher or lower only
 * when the interval excludes no change. Districts come in name order, never ranked.
 */
public final class DistrictTrends {

    /** Verdicts, as the page's text keys. */
    public static final String HIGHER = "higher";

    public static final String LOWER = "lower";
    public static final String NO_CLEAR_CHANGE = "unclear";
    public static final String TOO_FEW = "too_few";

    /** z of a two-sided 95% interval. */
    static final double Z95 = 1.959963984540054;

    private DistrictTrends() {}

    /** The windows compared: recent {@code [from, to]} against baseline {@code [from, to]}. */
    public record Windows(
            LocalDate recentFrom,
            LocalDate recentTo,
            int recentDays,
            LocalDate baselineFrom,
            LocalDate baselineTo,
            int baselineDays) {}

    /**
     * One district: counts in each window, the expected recent count at the baseline's rate, the
     * rate ratio and its interval (null when the baseline has no incident).
     */
    public record Trend(
            String district,
            int recent,
            int baseline,
            double expected,
            Double ratio,
            Double low,
            Double high,
            String verdict) {}

    /** The result: the windows and one trend per district (empty if there is too little data). */
    public record Result(Windows windows, List<Trend> districts) {}

    /**
     * Compares the last {@code trendDays} of the figures with the (up to) {@code baselineDays}
     * before; with less than twice {@code trendDays} of history, the last third of it against the
     * rest. History starts at the first day with a published figure.
     */
    public static Result of(DailyFigures f, int trendDays, int baselineDays) {
        // days before the first published figure are before the history began, not zeros; the
        // first day with figures is left out too, as the feed may have begun during it
        var all = f.days();
        int start = 0;
        while (start < all.size() && all.get(start).districts().isEmpty()) {
            start++;
        }
        var days = all.subList(Math.min(all.size(), start + 1), all.size());
        int n = days.size();
        int recentDays = n >= 2 * trendDays ? trendDays : Math.max(1, n / 3);
        int baseDays = Math.min(baselineDays, n - recentDays);
        if (baseDays < 1) {
            return new Result(null, List.of());
        }
        var recent = days.subList(n - recentDays, n);
        var base = days.subList(n - recentDays - baseDays, n - recentDays);
        var windows =
                new Windows(
                        recent.get(0).date(),
                        recent.get(recent.size() - 1).date(),
                        recentDays,
                        base.get(0).date(),
                        base.get(base.size() - 1).date(),
                        baseDays);
        var names = new TreeSet<String>();
        days.forEach(d -> names.addAll(d.districts().keySet()));
        var r = sum(recent);
        var b = sum(base);
        var out = new ArrayList<Trend>();
        for (var d : names) {
            out.add(trend(d, r.getOrDefault(d, 0), recentDays, b.getOrDefault(d, 0), baseDays));
        }
        return new Result(windows, out);
    }

    /** The trend of one district from its counts and window lengths. */
    static Trend trend(String district, int recent, int recentDays, int baseline, int baseDays) {
        double expected = (double) baseline * recentDays / baseDays;
        if (baseline == 0) {
            return new Trend(district, recent, baseline, expected, null, null, null, TOO_FEW);
        }
        double ratio = (recent / (double) recentDays) / (baseline / (double) baseDays);
        double logRatio =
                Math.log(((recent + 0.5) / recentDays) / ((baseline + 0.5) / (double) baseDays));
        double se = Math.sqrt(1.0 / (recent + 0.5) + 1.0 / (baseline + 0.5));
        double low = Math.exp(logRatio - Z95 * se);
        double high = Math.exp(logRatio + Z95 * se);
        String verdict = low > 1 ? HIGHER : high < 1 ? LOWER : NO_CLEAR_CHANGE;
        return new Trend(district, recent, baseline, expected, ratio, low, high, verdict);
    }

    private static TreeMap<String, Integer> sum(List<DailyFigures.Day> days) {
        var out = new TreeMap<String, Integer>();
        for (var d : days) {
            d.districts().forEach((k, v) -> out.merge(k, v, Integer::sum));
        }
        return out;
    }
}
