package io.beatwatch.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.detect.RecurrenceCalibration;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.jobs.testkit.MiniClusterExtension;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code beatwatch emergence} end to end on a small synthetic San Antonio file, through the real
 * job on a MiniCluster at parallelism 2: before runs, the calibration fits (pooled and per window)
 * and after runs.
 */
class EmergenceCommandIT {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @TempDir Path dir;

    @Test
    void injectsClustersMeasuresThemAndCalibrates() throws Exception {
        Path file =
                SanAntonioFixture.write(dir.resolve("calls.csv"), SanAntonioFixture.city(20, 800));
        LocalDate start =
                SyntheticCityConfig.DEFAULT_START
                        .atZone(ZoneId.of("America/Chicago"))
                        .toLocalDate();
        Path out = dir.resolve("out");
        EmergenceCommand command = new EmergenceCommand();
        command.environment = FLINK::environment;
        int code;
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            code =
                    new CommandLine(command)
                            .execute(
                                    "--profile",
                                    "san-antonio",
                                    file.toString(),
                                    "--from",
                                    start.plusDays(10).toString(),
                                    "--to",
                                    start.plusDays(20).toString(),
                                    "--fit-days",
                                    "10",
                                    "--fit-threshold",
                                    "0.002",
                                    "--sizes",
                                    "10",
                                    "--radii",
                                    "0",
                                    "--durations",
                                    "60",
                                    "--reps",
                                    "3",
                                    "--thresholds",
                                    "100",
                                    "--out",
                                    out.toString());
        } finally {
            System.setOut(stdout);
        }

        assertThat(code).isZero();
        for (String f :
                new String[] {
                    "report.md",
                    "report.html",
                    "figures.json",
                    "calibration.json",
                    "false_alarms_vs_budget.png",
                    "detection_before.png",
                    "ttd_before.png"
                }) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("work-"));
        }
        RecurrenceCalibration cal =
                Json.mapper()
                        .readValue(
                                Files.readString(out.resolve("calibration.json")),
                                RecurrenceCalibration.class);
        assertThat(cal.strength()).hasSizeGreaterThanOrEqualTo(2);
        // per window by default: one map for each of the job's windows
        assertThat(cal.strata())
                .extracting(RecurrenceCalibration.Stratum::windowMinutes)
                .containsExactly(30, 60, 180);

        JsonNode fig = Json.mapper().readTree(Files.readString(out.resolve("figures.json")));
        assertThat(fig.at("/setup/clusters").asInt()).isEqualTo(3);
        // the pooled fit, one fit per window, then before and after, null and injected
        assertThat(fig.get("runs")).hasSize(8);
        JsonNode before = null;
        JsonNode after = null;
        for (JsonNode fa : fig.get("falseAlarms")) {
            if (fa.get("phase").asText().equals("before")) before = fa;
            else after = fa;
        }
        assertThat(before).isNotNull();
        assertThat(after).isNotNull();
        assertThat(after.get("falseAlarms").asLong())
                .isLessThanOrEqualTo(before.get("falseAlarms").asLong());
        JsonNode detectedBefore = null;
        for (JsonNode d : fig.get("detection")) {
            if (d.get("phase").asText().equals("before")) detectedBefore = d;
        }
        // +10 calls in 60 min in one cell of a quiet synthetic city: the Poisson budget sees it
        assertThat(detectedBefore.get("detected").asDouble()).isGreaterThan(0.0);
        assertThat(detectedBefore.get("ttdMedianMin").asDouble()).isBetween(0.0, 120.0);
        assertThat(Files.readString(out.resolve("report.md")))
                .contains("False alarms against the budget")
                .contains("After calibration");
    }
}
