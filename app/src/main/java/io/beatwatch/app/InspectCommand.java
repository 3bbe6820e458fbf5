package io.beatwatch.app;

import io.beatwatch.core.inspect.FeedInspector;
import io.beatwatch.core.inspect.InspectionReport;
import io.beatwatch.core.inspect.OfficerTypeHints;
import io.beatwatch.core.inspect.ProgressListener;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.CityProfiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code beatwatch inspect}: reads a city feed file through its profile and reports what it holds.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Report what a city feed file holds, read through a city profile.",
            "",
            "Reads .csv, .csv.gz, .ndjson or .ndjson.gz, streaming, and prints rows, accepted /"
                    + " rejected by reason, distinct ids, date range, coverage by local day"
                    + " (complete vs partial), top types, officer-initiated and sensitive shares,"
                    + " share with a location, and reading speed. A progress line goes to stderr"
                    + " about once a second.",
            "",
            "It also looks for the traps of a new export and warns: events by local hour and"
                    + " weekday (quiet hours away from the night: a time column in another zone,"
                    + " e.g. a wall clock stored as UTC), locations far outside the data's own"
                    + " extent (a projected origin, a placeholder), types that look"
                    + " officer-initiated by name, and coverage gaps with a suggested"
                    + " baselineDays. report.txt, types.csv (every type), calls-per-day.png and"
                    + " extent.png (a map of the located calls) go to --out."
        },
        footer = {
            "",
            "Example:",
            "  beatwatch inspect --profile san-antonio \\",
            "      ../shared/data/san-antonio/sapd_calls_for_service.csv.gz"
        })
public final class InspectCommand implements Callable<Integer> {

    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

    @Spec CommandSpec spec;

    @Option(
            names = "--profile",
            required = true,
            paramLabel = "NAME|FILE",
            description =
                    "Profile name (NAME.yaml in config/cities/, in --profiles DIR or in"
                            + " BEATWATCH_PROFILES; no rebuild needed) or a profile YAML file.")
    String profile;

    @Option(
            names = "--json",
            description = "Print the report as JSON (with every day) instead of text.")
    boolean json;

    @Option(names = "--no-progress", description = "No progress line on stderr.")
    boolean noProgress;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Folder for report.txt, types.csv (every type with its count and flags),"
                            + " calls-per-day.png and extent.png; default"
                            + " out/inspect/PROFILE-NAME.")
    Path outDir;

    @Parameters(index = "0", paramLabel = "FILE", description = "The feed file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("inspect: no such file: " + file);
            return 2;
        }
        CityProfile city;
        try {
            city = CityProfiles.load(profile);
        } catch (IllegalArgumentException e) {
            err.println("inspect: " + e.getMessage());
            return 2;
        }
        ProgressListener progress = noProgress ? ProgressListener.NONE : new ProgressLine(err);
        InspectionReport report;
        try {
            report = new FeedInspector(Clock.systemUTC()).inspect(city, file, progress);
        } catch (IllegalArgumentException e) {
            // profile and file do not fit (missing columns, wrong format)
            if (progress instanceof ProgressLine line) {
                line.finish();
            }
            err.println("inspect: " + e.getMessage());
            return 2;
        }
        if (progress instanceof ProgressLine line) {
            line.finish();
        }
        Path dir = outDir != null ? outDir : Path.of("out", "inspect", city.name());
        Files.createDirectories(dir);
        Path types = dir.resolve(TYPES_CSV);
        Files.writeString(types, typesCsv(city, report));
        String text = report.render();
        Files.writeString(dir.resolve(REPORT_TXT), text);
        List<Path> plots = InspectPlots.write(report, dir);
        if (json) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            out.print(text);
            out.printf(
                    Locale.ROOT,
                    "Full type list %s (%,d types)%n",
                    types,
                    report.checks().allTypes().size());
            for (Path p : plots) {
                out.println("Plot " + p);
            }
        }
        out.flush();
        return 0;
    }

    static final String TYPES_CSV = "types.csv";
    static final String REPORT_TXT = "report.txt";

    /** Every type with its count, share and what the profile and the name patterns say of it. */
    static String typesCsv(CityProfile city, InspectionReport report) {
        var sb =
                new StringBuilder(
                        "type,count,share,officer_initiated_in_profile,looks_officer_initiated,"
                                + "sensitive_in_profile\n");
        for (TypeCount t : report.checks().allTypes()) {
            sb.append(csv(t.type()))
                    .append(',')
                    .append(t.count())
                    .append(',')
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "%.6f",
                                    report.accepted() == 0
                                            ? 0.0
                                            : t.count() / (double) report.accepted()))
                    .append(',')
                    .append(city.officerInitiated().test(t.type()))
                    .append(',')
                    .append(OfficerTypeHints.looksOfficerInitiated(t.type()))
                    .append(',')
                    .append(city.sensitive().test(t.type()))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\""
                : s;
    }

    /** A single, rewritten progress line on stderr, at most once a second. */
    private static final class ProgressLine implements ProgressListener {
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private long lastPrint = start;
        private boolean printed;

        ProgressLine(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(long rows, long bytesRead, long totalBytes) {
            long now = System.nanoTime();
            if (now - lastPrint < PROGRESS_INTERVAL_NANOS) {
                return;
            }
            lastPrint = now;
            double seconds = (now - start) / 1e9;
            String share =
                    totalBytes > 0
                            ? String.format(
                                    Locale.ROOT,
                                    "%3.0f%% of file, ",
                                    100.0 * bytesRead / totalBytes)
                            : "";
            err.printf(
                    Locale.ROOT,
                    "\rinspect: %s%,d rows, %,.0f rows/s   ",
                    share,
                    rows,
                    rows / seconds);
            err.flush();
            printed = true;
        }

        void finish() {
            if (printed) {
                err.println();
                err.flush();
            }
        }
    }
}
