package io.beatwatch.app;

import io.beatwatch.core.inspect.DayCoverage;
import io.beatwatch.core.inspect.DensityMap;
import io.beatwatch.core.inspect.InspectionReport;
import io.beatwatch.jobs.backtest.Charts;
import io.beatwatch.jobs.backtest.HexMap;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two plots {@code inspect} writes beside its report: calls per local day (gaps drop to zero)
 * and a map of where the located calls lie, with the report charts' own drawing code.
 */
final class InspectPlots {

    static final String CALLS_PER_DAY_PNG = "calls-per-day.png";
    static final String EXTENT_PNG = "extent.png";

    private InspectPlots() {}

    /** Writes both plots into {@code dir}; returns the files written. */
    static List<Path> write(InspectionReport report, Path dir) throws IOException {
        var written = new ArrayList<Path>();
        if (!report.days().isEmpty()) {
            Path f = dir.resolve(CALLS_PER_DAY_PNG);
            callsPerDay(report, f);
            written.add(f);
        }
        DensityMap map = report.checks().map();
        if (map != null && !map.cells().isEmpty()) {
            Path f = dir.resolve(EXTENT_PNG);
            extent(report, map, f);
            written.add(f);
        }
        return written;
    }

    private static void callsPerDay(InspectionReport report, Path file) throws IOException {
        Map<LocalDate, DayCoverage> byDay = new HashMap<>();
        for (DayCoverage d : report.days()) {
            byDay.put(d.date(), d);
        }
        LocalDate first = report.days().get(0).date();
        LocalDate last = report.days().get(report.days().size() - 1).date();
        var days = new ArrayList<LocalDate>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        double[] calls = new double[days.size()];
        for (int i = 0; i < days.size(); i++) {
            DayCoverage c = byDay.get(days.get(i));
            calls[i] = c == null ? 0 : c.events();
        }
        var series = new LinkedHashMap<String, double[]>();
        series.put(
                String.format(
                        Locale.ROOT,
                        "accepted calls (%,d complete and %,d partial days; days without data at 0)",
                        report.completeDays(),
                        report.daysWithData() - report.completeDays()),
                calls);
        Charts.daily(
                file,
                String.format(
                        Locale.ROOT,
                        "%s: calls per local day (%s)",
                        report.profile(),
                        report.zone()),
                "calls",
                days,
                series);
    }

    private static void extent(InspectionReport report, DensityMap map, Path file)
            throws IOException {
        int[] counts = new int[map.counts().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (int) Math.min(Integer.MAX_VALUE, map.counts()[i]);
        }
        HexMap.density(
                file,
                report.profile() + ": where the located calls lie",
                String.format(
                        Locale.ROOT,
                        "H3 res %d cells inside the robust extent; %,d calls outside not drawn",
                        map.resolution(),
                        map.outside()),
                map.cells().toArray(new String[0]),
                counts);
    }
}
