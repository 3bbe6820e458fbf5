package io.beatwatch.app;

import io.beatwatch.core.draft.DraftTypeTable;
import io.beatwatch.core.draft.DraftYaml;
import io.beatwatch.core.draft.ExportSample;
import io.beatwatch.core.draft.ProfileDraft;
import io.beatwatch.core.draft.ProfileDrafter;
import io.beatwatch.core.profile.CityProfiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code beatwatch profile init FILE}: writes a draft city profile guessed from an export. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Draft a city profile from a CAD export: reads its header and first rows (CSV or"
                    + " NDJSON, either .gz) and writes a profile YAML in the schema of"
                    + " config/cities/, each guess above its key with its evidence, marked"
                    + " # REVIEW.",
            "",
            "  id         the column whose values are (nearly) all distinct",
            "  time       formats tried on every column; the hour-of-day histogram of each",
            "             reading; the one quiet at night wins; flags a local wall clock",
            "             stored as UTC epoch",
            "  zone       from the location (nearest reference city), else from the rhythm",
            "  lat, lon   degrees by name and range; projected x/y converted with proj4j",
            "             over common US state-plane and UTM systems: the one landing",
            "             inside its own area wins, or it says it could not tell",
            "  bounds     the 0.5%%..99.5%% quantile box of the points, padded",
            "  type       type-like columns by cardinality and blank share, a second one",
            "             as fallback where the first is blank; category = a coarser",
            "             grouping of the type",
            "  district   district and beat by name and cardinality; address, priority",
            "  types      officer-initiated and sensitive suggestions by name or description",
            "",
            "Then check it with 'beatwatch inspect --profile NAME FILE'. Written into"
                    + " config/cities/ (the default) or a --profiles DIR, it works by name at once:"
                    + " no rebuild."
        },
        footer = {
            "",
            "Example:",
            "  beatwatch profile init --name my-city \\",
            "      ../shared/data/berkeley/berkeley_calls_for_service.csv.gz",
            "  (writes config/cities/my-city.yaml)",
            "  beatwatch inspect --profile my-city \\",
            "      ../shared/data/berkeley/berkeley_calls_for_service.csv.gz"
        })
public final class ProfileInitCommand implements Callable<Integer> {

    /** Rows read by default. */
    static final int DEFAULT_SAMPLE = 20_000;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The export (.csv, .ndjson, .gz).")
    Path file;

    @Option(
            names = "--out",
            paramLabel = "PATH",
            description =
                    "Where to write the draft ('-' = standard output); default"
                            + " config/cities/NAME.yaml, so that --profile NAME finds it.")
    String out;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "Profile name (lowercase, digits, dashes); default from the file name.")
    String name;

    @Option(
            names = "--sample",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_SAMPLE,
            description = "Rows read from the start of the file (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--force", description = "Overwrite an existing file at --out.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("profile init: no such file: " + file);
            return 2;
        }
        if (sample < 1) {
            err.println("profile init: --sample must be at least 1");
            return 2;
        }
        String profileName = name != null ? name : nameOf(file);
        if (!profileName.matches("[a-z0-9][a-z0-9-]*")) {
            err.println(
                    "profile init: --name '"
                            + profileName
                            + "' must be lowercase letters, digits and dashes");
            return 2;
        }
        ExportSample s;
        try {
            s = ExportSampler.read(file, sample);
        } catch (IllegalArgumentException e) {
            err.println("profile init: " + e.getMessage());
            return 2;
        }
        ProfileDraft draft = ProfileDrafter.draft(s, profileName);
        String yaml = DraftYaml.write(draft);
        // The draft must load as written; a failure here is a bug of the drafter, said plainly.
        CityProfiles.parse(yaml, profileName + ".yaml");
        if ("-".equals(out)) {
            stdout.print(yaml);
            stdout.flush();
            return 0;
        }
        Path target = out != null ? Path.of(out) : defaultTarget(profileName);
        if (Files.exists(target) && !force) {
            err.println(
                    "profile init: "
                            + target
                            + " exists; pass --force to overwrite it or --out PATH for another");
            return 2;
        }
        if (target.toAbsolutePath().getParent() != null) {
            Files.createDirectories(target.toAbsolutePath().getParent());
        }
        Files.writeString(target, yaml);
        String table = DraftTypeTable.csv(draft);
        Path tableFile = null;
        if (table != null) {
            tableFile = target.resolveSibling(DraftTypeTable.fileName(profileName));
            if (Files.exists(tableFile) && !force) {
                err.println(
                        "profile init: kept the existing "
                                + shown(tableFile)
                                + " (--force replaces it)");
                tableFile = null;
            } else {
                Files.writeString(tableFile, table);
            }
        }
        summary(stdout, draft, target, tableFile);
        return 0;
    }

    private static void summary(PrintWriter out, ProfileDraft d, Path target, Path tableFile) {
        out.printf(
                Locale.ROOT,
                "Read %,d rows of %s (%d columns).%n",
                d.sample().rows().size(),
                d.sample().source(),
                d.columns().size());
        var r = d.roles();
        var t = d.time();
        var p = d.place();
        row(out, "id", r.id() == null ? "(none: ids synthesized)" : r.id());
        row(
                out,
                "type",
                r.types().isEmpty() ? "(none found: SET IT)" : String.join(", then ", r.types()));
        row(out, "category", r.category());
        row(out, "district", r.district());
        row(out, "beat", r.beat());
        row(out, "address", r.address());
        row(
                out,
                "time",
                t.primary() == null
                        ? "(none found: SET IT)"
                        : t.primary().column()
                                + " "
                                + t.primary().describe()
                                + (t.fallback() == null
                                        ? ""
                                        : ", fallback "
                                                + t.fallback().column()
                                                + " "
                                                + t.fallback().describe()));
        row(out, "zone", t.zone().getId() + " (" + t.zoneReason() + ")");
        row(
                out,
                "lat / lon",
                p.latColumn() != null
                        ? p.latColumn() + " / " + p.lonColumn()
                        : p.projected()
                                ? p.yColumn()
                                        + " / "
                                        + p.xColumn()
                                        + " projected, "
                                        + p.projection().system().epsg()
                                        + " "
                                        + p.projection().system().label()
                                : "(none found: SET IT)");
        if (p.bounds() != null) {
            row(
                    out,
                    "bounds",
                    String.format(
                            Locale.ROOT,
                            "lat %.2f..%.2f, lon %.2f..%.2f",
                            p.bounds().minLat(),
                            p.bounds().maxLat(),
                            p.bounds().minLon(),
                            p.bounds().maxLon()));
        }
        row(
                out,
                "officer-init.",
                d.officerTypes().isEmpty()
                        ? "(none by name)"
                        : String.join(", ", d.officerTypes()));
        for (String w : d.warnings()) {
            out.println("  ! " + w);
        }
        out.println(
                "Wrote "
                        + shown(target)
                        + ": a DRAFT, every guess marked # REVIEW with its evidence.");
        if (tableFile != null) {
            out.println(
                    "Wrote "
                            + shown(tableFile)
                            + ": each type code's "
                            + d.descriptionColumn()
                            + "; uncomment typeTable in the draft to show names in reports.");
        }
        String arg = isInProfileFolder(target, d.name()) ? d.name() : shown(target).toString();
        out.println("Next: bin/beatwatch inspect --profile " + arg + " " + d.sample().source());
        out.flush();
    }

    /** The path relative to the working directory (the project root) when it lies below it. */
    static Path shown(Path target) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = target.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : target;
    }

    private static void row(PrintWriter out, String role, String value) {
        if (value != null) {
            out.printf(Locale.ROOT, "  %-14s %s%n", role, value);
        }
    }

    /** Whether {@code --profile NAME} finds the file as written (a profile folder, right name). */
    private static boolean isInProfileFolder(Path target, String name) {
        try {
            CityProfiles.Located l = CityProfiles.locate(name);
            return l.file() != null && Files.isSameFile(l.file(), target);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return false;
        }
    }

    /** config/cities/NAME.yaml under the project root (the launcher's beatwatch.home). */
    static Path defaultTarget(String name) {
        String home = System.getProperty(CityProfiles.HOME_PROPERTY);
        Path root = home == null || home.isBlank() ? Path.of("") : Path.of(home);
        return root.resolve(CityProfiles.PROJECT_FOLDER).resolve(name + ".yaml");
    }

    /** A profile name from a file name: sapd_calls.csv.gz -> sapd-calls. */
    static String nameOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        n = n.replaceAll("(\\.(csv|ndjson|jsonl|json|txt))?(\\.gz)?$", "");
        n = n.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return n.isEmpty() ? "my-city" : n;
    }
}
