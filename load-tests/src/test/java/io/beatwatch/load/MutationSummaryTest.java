package io.beatwatch.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MutationSummaryTest {

    @TempDir Path dir;

    @Test
    void scoresEachPackageFromPitsXmlAndRewritesOnlyItsOwnSection() throws Exception {
        Path xml = dir.resolve("mutations.xml");
        Files.writeString(
                xml,
                "<?xml version=\"1.0\"?><mutations partial=\"true\">"
                        + m("KILLED", "io.beatwatch.core.detect.PoissonScan")
                        + m("TIMED_OUT", "io.beatwatch.core.detect.internal.X$1")
                        + m("SURVIVED", "io.beatwatch.core.detect.RollingNull")
                        + m("NO_COVERAGE", "io.beatwatch.core.detect.RollingNull")
                        + m("KILLED", "io.beatwatch.gateway.tips.TextScrubber")
                        + m("KILLED", "io.beatwatch.core.detectors.NotThisPackage")
                        + "</mutations>");
        Path out = dir.resolve("reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("figures.json"), "{\"auth\":{\"cases\":3,\"failures\":0}}");
        Files.writeString(out.resolve("report.md"), "# Reliability report\n\nother text\n");

        int code =
                new CommandLine(new MutationSummary())
                        .execute("--reports", xml.toString(), "--out", out.toString());
        assertThat(code).isZero();
        var figures = Json.tree(Files.readString(out.resolve("figures.json")));
        assertThat(figures.path("auth").path("cases").asInt()).isEqualTo(3);
        assertThat(figures.path("mutation").path("io.beatwatch.core.detect").asDouble())
                .isEqualTo(0.5);
        assertThat(figures.path("mutation").path("io.beatwatch.gateway.tips").asDouble())
                .isEqualTo(1.0);
        var detail = Json.tree(Files.readString(out.resolve("mutation.json")));
        assertThat(detail.path("io.beatwatch.core.detect").path("testStrength").asDouble())
                .isEqualTo(0.667);

        new CommandLine(new MutationSummary())
                .execute("--reports", xml.toString(), "--out", out.toString());
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).startsWith("# Reliability report\n\nother text");
        assertThat(report.split("mutation:begin", -1)).hasSize(2);
        assertThat(report)
                .contains(
                        "| `io.beatwatch.core.detect` | 4 | 2 | 1 | 1 | **50% (below 80%)** | 67% |");
    }

    private static String m(String status, String mutatedClass) {
        return "<mutation detected='"
                + !status.equals("SURVIVED")
                + "' status='"
                + status
                + "' numberOfTestsRun='1'><sourceFile>X.java</sourceFile><mutatedClass>"
                + mutatedClass
                + "</mutatedClass><mutatedMethod>m</mutatedMethod></mutation>";
    }
}
