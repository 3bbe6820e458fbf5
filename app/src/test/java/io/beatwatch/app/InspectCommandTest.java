package io.beatwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.profile.CityProfiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {

    static final String CSV =
            """
            incident_id,received_at,call_type_initial,call_type_final,call_type,call_group,priority,disposition,district,beat,latitude,longitude,block_address,self_initiated
            A-1,2024-05-01T00:10:00Z,,,Theft,Property,2,,North,N1,40.7,-74.0,100 Block Main St,no
            A-1,2024-05-01T00:20:00Z,,,Theft,Property,2,,North,N1,40.7,-74.0,100 Block Main St,no
            A-2,2024-05-01T23:30:00Z,,,Traffic Stop,Traffic,,,North,N1,40.7,-74.0,Elm St,
            A-3,2024-05-01T12:00:00Z,,,,Traffic,,,North,N1,40.7,-74.0,Elm St,
            """;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsTheReportAsText(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("calls.csv"), CSV);

        Run r =
                run(
                        "inspect",
                        "--no-progress",
                        "--out",
                        dir.toString(),
                        "--profile",
                        "generic-csv",
                        file.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("Rows           4 read in")
                .contains("Accepted       3 (75.00%)")
                .contains("Rejected       1: missing_type 1")
                .contains("Distinct ids   2")
                .contains("Officer-init.  1 of accepted")
                .contains("1 days with data in 1 windows; 1 complete")
                .contains("By hour")
                .contains("Full type list");
        assertThat(dir.resolve("types.csv"))
                .content()
                .startsWith("type,count,share,officer_initiated_in_profile")
                .contains("Theft,2,0.666667,false,false,false")
                .contains("Traffic Stop,1,0.333333,true,true,false");
        assertThat(dir.resolve("report.txt")).content().contains("Accepted       3");
    }

    @Test
    void printsTheReportAsJson(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("calls.csv"), CSV);

        Run r =
                run(
                        "inspect",
                        "--json",
                        "--out",
                        dir.toString(),
                        "--profile",
                        "generic-csv",
                        file.toString());
        JsonNode json = Json.tree(r.out());

        assertThat(r.exit()).isZero();
        assertThat(json.get("rows").asLong()).isEqualTo(4);
        assertThat(json.get("rejected").get("missing_type").asLong()).isEqualTo(1);
        assertThat(json.get("days").get(0).get("complete").asBoolean()).isTrue();
    }

    @Test
    void explainsBadArgumentsWithExitCode2(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("calls.csv"), CSV);

        assertThat(run("inspect", "--profile", "atlantis", file.toString()).err())
                .contains("no city profile 'atlantis'");
        assertThat(
                        run(
                                        "inspect",
                                        "--profile",
                                        "generic-csv",
                                        dir.resolve("none.csv").toString())
                                .exit())
                .isEqualTo(2);
        Run wrongProfile =
                run(
                        "inspect",
                        "--out",
                        dir.toString(),
                        "--profile",
                        "san-antonio",
                        file.toString());
        assertThat(wrongProfile.exit()).isEqualTo(2);
        assertThat(wrongProfile.err()).contains("not in the header");
    }

    @Test
    void aProfileDroppedIntoAFolderWorksByNameWithoutARebuild(@TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("calls.csv"), CSV);
        Path folder = Files.createDirectory(dir.resolve("profiles"));
        Files.writeString(
                folder.resolve("new-town.yaml"),
                Files.readString(projectRoot().resolve("config/cities/generic-csv.yaml"))
                        .replace("name: generic-csv", "name: new-town"));
        try {
            Run r =
                    run(
                            "inspect",
                            "--no-progress",
                            "--profiles",
                            folder.toString(),
                            "--out",
                            dir.toString(),
                            "--profile",
                            "new-town",
                            file.toString());

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("new-town (calls)").contains("Accepted       3");
        } finally {
            System.clearProperty(CityProfiles.PROFILES_PROPERTY);
        }
    }

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("config/cities"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    @Test
    void drawsCallsPerDayAndAMapOfTheExtentBesideTheReport(@TempDir Path dir) throws IOException {
        var csv = new StringBuilder(CSV.lines().findFirst().orElseThrow()).append('\n');
        for (int i = 0; i < 400; i++) {
            // ten days (day 3 missing), points spread over a few kilometres
            int day = 1 + i % 10 == 3 ? 4 : 1 + i % 10;
            csv.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "A-%d,2024-05-%02dT%02d:%02d:00Z,,,Theft,Property,2,,North,N1,%.5f,%.5f,Main St,no%n",
                            i,
                            day,
                            i % 24,
                            i % 60,
                            40.70 + (i % 17) * 0.002,
                            -74.00 + (i % 13) * 0.003));
        }
        Path file = Files.writeString(dir.resolve("calls.csv"), csv);

        Run r =
                run(
                        "inspect",
                        "--no-progress",
                        "--out",
                        dir.toString(),
                        "--profile",
                        "generic-csv",
                        file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Plot " + dir.resolve("calls-per-day.png"))
                .contains("Plot " + dir.resolve("extent.png"));
        for (String png : new String[] {"calls-per-day.png", "extent.png"}) {
            java.awt.image.BufferedImage img =
                    javax.imageio.ImageIO.read(dir.resolve(png).toFile());
            assertThat(img).as(png).isNotNull();
            assertThat(img.getWidth()).as(png).isGreaterThan(400);
            // drawn, not blank: many colours (shades, text, lines)
            var colours = new java.util.HashSet<Integer>();
            for (int x = 0; x < img.getWidth(); x += 3) {
                for (int y = 0; y < img.getHeight(); y += 3) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertThat(colours.size()).as(png).isGreaterThan(5);
        }
    }

    @Test
    void isRegisteredWithHelp() {
        Run r = run("inspect", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--profile").contains("--json").contains("Example:");
        assertThat(run("--help").out()).contains("inspect");
    }
}
