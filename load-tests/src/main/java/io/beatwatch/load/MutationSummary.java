package io.beatwatch.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.core.docs.ReportSection;
import io.beatwatch.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reads the mutation reports PIT wrote for core and the gateway ({@code target/pit-reports/
 * mutations.xml}) and writes the score per package: {@code docs/reliability/mutation.json}, the
 * {@code "mutation"} entry of {@code figures.json} and a section of {@code report.md}.
 */
@Command(
        name = "mutation-summary",
        mixinStandardHelpOptions = true,
        description =
                "Score per package from PIT's mutations.xml of core and gateway (run PIT first:"
                        + " docs/reliability/README.md).")
public final class MutationSummary implements Callable<Integer> {

    /** The packages the issue names, each with its subpackages. */
    static final List<String> PACKAGES =
            List.of(
                    "io.beatwatch.core.detect",
                    "io.beatwatch.core.privacy",
                    "io.beatwatch.gateway.auth",
                    "io.beatwatch.gateway.transparency",
                    "io.beatwatch.gateway.tips",
                    "io.beatwatch.gateway.view");

    /** PIT's statuses that count as detected (its own definition of the mutation score). */
    static final List<String> DETECTED =
            List.of("KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR");

    static final double TARGET = 0.80;

    private static final Pattern MUTATION =
            Pattern.compile(
                    "<mutation\\b[^>]*\\bstatus=['\"]([A-Z_]+)['\"][^>]*>.*?<mutatedClass>([^<]+)"
                            + "</mutatedClass>",
                    Pattern.DOTALL);

    @Option(
            names = "--reports",
            split = ",",
            defaultValue =
                    "core/target/pit-reports/mutations.xml,gateway/target/pit-reports/mutations.xml",
            description = "PIT XML reports (default ${DEFAULT-VALUE}).")
    List<Path> reports;

    @Option(
            names = "--out",
            defaultValue = "docs/reliability",
            description =
                    "Folder of mutation.json, figures.json and report.md (default ${DEFAULT-VALUE}).")
    Path out;

    /** Mutations of one package: all, detected, and those no test runs. */
    static final class Tally {
        int total;
        int detected;
        int timedOut;
        int noCoverage;

        double score() {
            return total == 0 ? 0 : detected / (double) total;
        }

        double strength() {
            int covered = total - noCoverage;
            return covered == 0 ? 0 : detected / (double) covered;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MutationSummary()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (String p : PACKAGES) tallies.put(p, new Tally());
        for (Path report : reports) {
            if (!Files.exists(report)) {
                System.err.println("error: no PIT report at " + report + ": run PIT first");
                return 2;
            }
            Matcher m = MUTATION.matcher(Files.readString(report));
            while (m.find()) {
                Tally t = tallyOf(tallies, m.group(2));
                if (t == null) continue;
                t.total++;
                if (DETECTED.contains(m.group(1))) t.detected++;
                if (m.group(1).equals("NO_COVERAGE")) t.noCoverage++;
                if (m.group(1).equals("TIMED_OUT")) t.timedOut++;
            }
        }
        write(tallies);
        for (var e : tallies.entrySet()) {
            Tally t = e.getValue();
            System.out.printf(
                    "%-36s %5d mutations, score %.0f%% (test strength %.0f%%)%s%n",
                    e.getKey(),
                    t.total,
                    100 * t.score(),
                    100 * t.strength(),
                    t.score() >= TARGET ? "" : "  below 80%");
        }
        return 0;
    }

    private static Tally tallyOf(Map<String, Tally> tallies, String mutatedClass) {
        for (var e : tallies.entrySet()) {
            if (mutatedClass.startsWith(e.getKey() + ".")) return e.getValue();
        }
        return null;
    }

    private void write(Map<String, Tally> tallies) throws Exception {
        Files.createDirectories(out);
        ObjectNode scores = Json.mapper().createObjectNode();
        ObjectNode detail = Json.mapper().createObjectNode();
        for (var e : tallies.entrySet()) {
            Tally t = e.getValue();
            double score = Math.round(t.score() * 1000) / 1000.0;
            scores.put(e.getKey(), score);
            detail.putObject(e.getKey())
                    .put("mutations", t.total)
                    .put("detected", t.detected)
                    .put("timedOut", t.timedOut)
                    .put("noCoverage", t.noCoverage)
                    .put("score", score)
                    .put("testStrength", Math.round(t.strength() * 1000) / 1000.0);
        }
        var pretty = Json.mapper().writerWithDefaultPrettyPrinter();
        Files.writeString(out.resolve("mutation.json"), pretty.writeValueAsString(detail) + "\n");
        ReliabilityFigures.update(out, root -> root.set("mutation", scores));
        ReportSection.write(
                out.resolve("report.md"), "mutation", "MutationSummary", section(tallies));
    }

    private static String section(Map<String, Tally> tallies) {
        var s = new StringBuilder("## Mutation testing (PIT)\n\n");
        s.append(
                "PIT 1.30.2 with its JUnit 5 plugin over the unit tests (`*Test`, not the ITs or the"
                        + " jqwik properties) of each package; score = detected / all mutations (PIT's"
                        + " definition: killed, timed out, memory or run error), test strength = detected"
                        + " / mutations some test runs. Target: 80% in each package.\n\n");
        s.append(
                "| package | mutations | detected | of which timed out | no test runs it | score |"
                        + " test strength |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (var e : tallies.entrySet()) {
            Tally t = e.getValue();
            s.append(
                    String.format(
                            "| `%s` | %,d | %,d | %,d | %,d | %s%.0f%%%s | %.0f%% |%n",
                            e.getKey(),
                            t.total,
                            t.detected,
                            t.timedOut,
                            t.noCoverage,
                            t.score() >= TARGET ? "" : "**",
                            100 * t.score(),
                            t.score() >= TARGET ? "" : " (below 80%)**",
                            100 * t.strength()));
        }
        s.append(
                "\n```\nmvn -B -Dspotless.check.skip=true -pl gateway -am test-compile \\\n"
                        + "  org.pitest:pitest-maven:mutationCoverage\n"
                        + "java -cp \"load-tests/target/beatwatch-load-tests-0.1.0-SNAPSHOT.jar:"
                        + "load-tests/target/lib/*\" io.beatwatch.load.MutationSummary\n```\n");
        return s.toString();
    }
}
