package io.beatwatch.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.profile.CityProfiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code beatwatch backtest} end to end on a small synthetic San Antonio file. */
class BacktestCommandTest {

    @TempDir static Path dir;
    static Path file;

    @BeforeAll
    static void writeFixture() throws Exception {
        file = SanAntonioFixture.write(dir.resolve("calls.csv"), SanAntonioFixture.city(12, 1500));
    }

    private static int run(String... args) {
        PrintStream out = System.out;
        try {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            return new CommandLine(new BacktestCommand()).execute(args);
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void writesAReportWithEveryMethodScoredOnTheSamePeriods() throws Exception {
        Path out = dir.resolve("day");
        int code =
                run(
                        "--profile",
                        "san-antonio",
                        file.toString(),
                        "--train-days",
                        "4",
                        "--kde",
                        "250",
                        "--out",
                        out.toString());

        assertThat(code).isZero();
        for (String f :
                new String[] {
                    "report.md",
                    "report.html",
                    "figures.json",
                    "pai_vs_area.png",
                    "pei_vs_area.png",
                    "pei_by_period.png",
                    "map_sample_period.png"
                }) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        JsonNode fig = Json.mapper().readTree(Files.readString(out.resolve("figures.json")));
        assertThat(fig.at("/dataset/periods").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(fig.at("/dataset/completeDayRule").asText()).contains("generic rule");
        JsonNode methods = fig.get("methods");
        assertThat(methods).hasSize(4); // Beatwatch, prior counts, KDE 250 m, hindsight
        for (JsonNode m : methods) {
            JsonNode onePercent = m.at("/byArea/1");
            assertThat(onePercent.get("areaFraction").asDouble()).isEqualTo(0.01);
            // the synthetic city has dense areas: every method beats chance (PAI 1)
            assertThat(onePercent.get("pai").asDouble()).isGreaterThan(1.0);
            assertThat(onePercent.get("pei").asDouble()).isBetween(0.0, 1.0);
        }
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md)
                .contains("Headline at 1% of area")
                .contains("Where Beatwatch loses")
                .contains("Districts at 1% of area")
                .contains("![");
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("<img src=\"pai_vs_area.png\"")
                .doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void shiftHorizonAndCitizenCallsRunToo() {
        Path out = dir.resolve("shift");
        int code =
                run(
                        "--profile",
                        "san-antonio",
                        file.toString(),
                        "--horizon",
                        "shift",
                        "--events",
                        "citizen",
                        "--train-days",
                        "4",
                        "--kde",
                        "250",
                        "--no-alerts",
                        "--no-hindsight",
                        "--out",
                        out.toString());
        assertThat(code).isZero();
        assertThat(out.resolve("report.md")).content().contains("shift horizon");
    }

    @Test
    void newProfileInAFolderWorksByNameAndTheReproduceLinePrintsItsPath(@TempDir Path folder)
            throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path profile = folder.resolve("new-town.yaml");
        Files.writeString(
                profile,
                Files.readString(root.resolve("config/cities/san-antonio.yaml"))
                        .replace("name: san-antonio", "name: new-town"));
        Path out = dir.resolve("new-town");
        String before = System.getProperty(CityProfiles.PROFILES_PROPERTY);
        System.setProperty(CityProfiles.PROFILES_PROPERTY, folder.toString());
        int code;
        try {
            code =
                    run(
                            "--profile",
                            "new-town",
                            file.toString(),
                            "--train-days",
                            "4",
                            "--kde",
                            "250",
                            "--no-alerts",
                            "--no-hindsight",
                            "--out",
                            out.toString());
        } finally {
            if (before == null) {
                System.clearProperty(CityProfiles.PROFILES_PROPERTY);
            } else {
                System.setProperty(CityProfiles.PROFILES_PROPERTY, before);
            }
        }

        assertThat(code).isZero();
        String md = Files.readString(out.resolve("report.md"));
        String printed = profile.toAbsolutePath().toString();
        assertThat(md).contains("Reproduce: `bin/beatwatch backtest --profile " + printed + " ");
        // as printed, with no option or environment: the path loads the same profile
        assertThat(CityProfiles.load(printed).name()).isEqualTo("new-town");
    }

    @Test
    void refusesBadArguments() {
        assertThat(run("--profile", "san-antonio", dir.resolve("missing.csv").toString()))
                .isEqualTo(2);
        assertThat(run("--profile", "san-antonio", file.toString(), "--horizon", "month"))
                .isEqualTo(2);
        assertThat(run("--profile", "san-antonio", file.toString(), "--train-days", "40"))
                .isEqualTo(2);
    }
}
