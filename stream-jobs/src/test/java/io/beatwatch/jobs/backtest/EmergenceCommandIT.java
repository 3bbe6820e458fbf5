package io.beatwatch.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.json.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code beatwatch emergence} end to end on a small synthetic San Antonio file: the detector's
 * defaults, the hand rule and the hindsight limit on the same streams, the figures contract, the
 * per-cluster trace; the profile is a new city found by name in a profiles folder (no rebuild).
 */
class EmergenceCommandIT {

    @TempDir Path dir;

    @Test
    void measuresBeatwatchTheHandRuleAndTheHindsightLimitOnTheSameClusters() throws Exception {
        Path file =
                SanAntonioFixture.write(dir.resolve("calls.csv"), SanAntonioFixture.city(24, 800));
        Path out = dir.resolve("out");
        Path folder = SanAntonioFixture.profilesFolder(dir, "new-town");
        Path profile = folder.resolve("new-town.yaml");
        int code;
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            code =
                    SanAntonioFixture.withProfiles(
                            folder,
                            () ->
                                    new CommandLine(new EmergenceCommand())
                                            .execute(
                                                    "--profile",
                                                    "new-town",
                                                    file.toString(),
                                                    "--warmup-days",
                                                    "10",
                                                    "--sizes",
                                                    "10",
                                                    "--radii",
                                                    "0",
                                                    "--durations",
                                                    "30",
                                                    "--reps",
                                                    "6",
                                                    "--days-per-cluster",
                                                    "4",
                                                    "--thresholds",
                                                    "30,100",
                                                    "--naive",
                                                    "6",
                                                    "--out",
                                                    out.toString()));
        } finally {
            System.setOut(stdout);
        }

        assertThat(code).isZero();
        for (String f :
                new String[] {
                    "report.md",
                    "figures.json",
                    "false_alarms_vs_budget.png",
                    "detection_by_kind.png",
                    "cluster_trace.csv.gz"
                }) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        JsonNode fig = Json.mapper().readTree(Files.readString(out.resolve("figures.json")));
        assertThat(fig.get("clustersPerKind").asInt()).isEqualTo(6);
        // 6 clusters, at most one per 4 counted days of ~13: more than one replay of the kind
        assertThat(fig.get("clustersPerReplay").asInt()).isLessThan(6);
        JsonNode fa100 = null;
        for (JsonNode fa : fig.get("falseAlarms")) {
            assertThat(fa.get("phase").asText()).isEqualTo("default");
            assertThat(fa.get("ci95PerDay")).hasSize(2);
            if (fa.get("budgetDays").asDouble() == 100) fa100 = fa;
        }
        assertThat(fa100).isNotNull();
        JsonNode det = null;
        for (JsonNode d : fig.get("detection")) {
            if (d.get("budgetDays").asDouble() == 100
                    && d.get("kind").asText().equals("+10 r0 30m")) det = d;
        }
        assertThat(det.get("clusters").asInt()).isEqualTo(6);
        // +10 calls in 30 minutes in one cell of a quiet synthetic city: the detector sees them
        assertThat(det.get("detected").asDouble()).isGreaterThan(0.5);
        assertThat(det.get("ttdMedianMin").asDouble()).isBetween(0.0, 30.0);
        // the hand rule at N = 6 fires on every +10 cluster by construction
        JsonNode rule = fig.get("naiveRule").get(0);
        assertThat(rule.get("n").asInt()).isEqualTo(6);
        assertThat(rule.get("kinds").get(0).get("detected").asDouble()).isEqualTo(1.0);
        assertThat(fig.get("hindsight")).hasSize(2);
        assertThat(fig.get("hindsight").get(0).get("pStar").asDouble()).isPositive();
        // every missed cluster of the traced budget has a reason
        JsonNode trace = fig.get("missTrace");
        assertThat(trace.get("budgetDays").asDouble()).isEqualTo(100);
        for (JsonNode k : trace.get("kinds")) {
            int reasons = 0;
            for (JsonNode r : k.get("reasons")) reasons += r.asInt();
            assertThat(reasons).isEqualTo(k.get("missed").asInt());
        }
        // the printed command reruns what ran: the profile by its path, every option given
        assertThat(fig.get("reproduce").asText())
                .startsWith("bin/beatwatch emergence --profile " + profile.toAbsolutePath() + " ")
                .contains("--naive 6")
                .contains("--days-per-cluster 4");
        assertThat(Files.readString(out.resolve("report.md")))
                .contains("False alarms per day")
                .contains("hand rule")
                .contains("Why clusters are missed");
    }
}
