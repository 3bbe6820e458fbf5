package io.beatwatch.jobs.backtest;

import io.beatwatch.core.backtest.CompleteDays;
import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.jobs.cli.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A calls file loaded once into an {@link EventTable}, with its complete days: from {@code
 * --coverage}, else from a {@code coverage_by_day.csv} beside the file, else by the inspector's
 * generic rule. {@code profileArgument} is what {@code --profile} takes to find the profile again
 * (its name, or its path when it was not found by name in the project), for printed commands.
 */
record DataSet(
        CityProfile profile,
        String profileArgument,
        Path file,
        EventTable table,
        CompleteDays complete,
        double seconds) {

    /** The coverage file looked for beside the data file. */
    static final String COVERAGE_FILE = "coverage_by_day.csv";

    static DataSet load(
            String profileName, Path file, Path coverage, int resolution, Progress progress)
            throws IOException {
        long start = System.nanoTime();
        CityProfiles.Located located = CityProfiles.locate(profileName);
        CityProfile profile = located.load();
        long[] last = {0};
        EventTable table =
                EventTable.load(
                        profile,
                        file,
                        new H3Grid(resolution),
                        (rows, bytes, total) -> {
                            long now = System.nanoTime();
                            if (now - last[0] < 1_000_000_000L) return;
                            last[0] = now;
                            progress.status(
                                    total > 0 ? bytes / (double) total : -1,
                                    String.format("loading: %,d rows", rows));
                        });
        progress.status(1.0, String.format("loaded %,d calls", table.size()));
        progress.done();
        Path beside = file.toAbsolutePath().getParent().resolve(COVERAGE_FILE);
        CompleteDays complete;
        if (coverage != null) {
            complete = CompleteDays.fromCoverageCsv(coverage);
        } else if (Files.isReadable(beside)) {
            complete = CompleteDays.fromCoverageCsv(beside);
        } else {
            complete = CompleteDays.generic(table);
        }
        return new DataSet(
                profile,
                located.commandArgument(),
                file,
                table,
                complete,
                (System.nanoTime() - start) / 1e9);
    }

    /** A local date (yyyy-mm-dd) as a local epoch day, or null. */
    static Integer day(String text) {
        return text == null ? null : (int) LocalDate.parse(text).toEpochDay();
    }

    /** Start of a local date in the city's zone, epoch millis. */
    static long startOf(LocalDate d, ZoneId zone) {
        return d.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
