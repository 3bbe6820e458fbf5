package io.beatwatch.jobs.backtest;

import io.beatwatch.jobs.cli.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The calls file, its city profile and its list of complete days: the input of {@code backtest} and
 * {@code emergence} (a picocli mixin).
 */
public final class FeedInput {

    @Parameters(paramLabel = "FILE", description = "Calls file (.csv or .csv.gz) of the profile.")
    Path file;

    @Option(names = "--profile", required = true, description = "City profile name or YAML path.")
    String profile;

    @Option(
            names = "--coverage",
            description =
                    "CSV of complete days (date, likely_complete); default: "
                            + DataSet.COVERAGE_FILE
                            + " beside FILE, else the generic rule of 'inspect'.")
    Path coverage;

    /** True if FILE can be read; otherwise says so on {@code err}. */
    boolean readable(PrintStream err) {
        if (Files.isReadable(file)) return true;
        err.println("error: cannot read " + file);
        return false;
    }

    /** Loads FILE through the profile into cells of H3 {@code resolution}, with progress. */
    DataSet load(int resolution, PrintStream err) throws IOException {
        err.printf("Loading %s (%s) ...%n", file, profile);
        return DataSet.load(profile, file, coverage, resolution, new Progress(err));
    }
}
