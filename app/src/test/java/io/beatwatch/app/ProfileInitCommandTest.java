package io.beatwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.profile.Columns;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ProfileInitCommandTest {

    /** Synthetic Oregon North state-plane export (core's test resources, via its test jar). */
    static final String PROJECTED = "draft/projected-oregon-north.csv";

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
    void aDraftInAProfileFolderWorksByNameInInspect(@TempDir Path dir) throws IOException {
        Path export = copy(PROJECTED, dir);
        Path cities = dir.resolve("config/cities");

        Run init =
                run(
                        "profile",
                        "init",
                        export.toString(),
                        "--name",
                        "new-agency",
                        "--out",
                        cities.resolve("new-agency.yaml").toString());

        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out())
                .contains("id             case_number")
                .contains("EPSG:2269")
                .contains("Wrote " + ProfileInitCommand.shown(cities.resolve("new-agency.yaml")));
        assertThat(cities.resolve("new-agency.yaml"))
                .content()
                .contains("# REVIEW")
                .contains("projection: EPSG:2269");

        Run inspect;
        try {
            inspect =
                    run(
                            "inspect",
                            "--no-progress",
                            "--profiles",
                            cities.toString(),
                            "--profile",
                            "new-agency",
                            "--out",
                            dir.resolve("report").toString(),
                            export.toString());
        } finally {
            // --profiles sets a JVM-wide property: leave none behind for other tests
            System.clearProperty(CityProfiles.PROFILES_PROPERTY);
        }

        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertThat(inspect.out())
                .contains("Rows           500")
                .contains("Accepted       495")
                .contains("missing_coordinates 5");
    }

    @Test
    void refusesToOverwriteWithoutForce(@TempDir Path dir) throws IOException {
        Path export = copy(PROJECTED, dir);
        Path target = Files.writeString(dir.resolve("mine.yaml"), "name: mine\n");

        Run r = run("profile", "init", export.toString(), "--out", target.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("exists; pass --force");
        assertThat(target).content().isEqualTo("name: mine\n");
    }

    @Test
    void writesToStandardOutputWithDash(@TempDir Path dir) throws IOException {
        Path export = copy(PROJECTED, dir);

        Run r = run("profile", "init", export.toString(), "--out", "-", "--sample", "100");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("# ---").contains("name: projected-oregon-north");
        assertThat(CityProfiles.parse(r.out(), "x.yaml").name())
                .isEqualTo("projected-oregon-north");
    }

    @Test
    void helpNamesTheGuesses() {
        Run r = run("profile", "init", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--sample").contains("# REVIEW").contains("proj4j");
    }

    /**
     * On each shipped CSV city, the draft maps the columns and picks the time and zone the shipped
     * profile does. (Not compared: bounds, type lists and priority, which the shipped profiles set
     * by hand, e.g. Portland's priority from a CASE DESC suffix.)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "san-antonio, san-antonio/sapd_calls_for_service.csv.gz",
        "berkeley, berkeley/berkeley_calls_for_service.csv.gz",
        "portland-nij, portland-nij/portland_nij_cfs_2016_aug_sep_nov.csv.gz"
    })
    void reproducesTheShippedProfilesRolesAndZone(String city, String relative, @TempDir Path dir) {
        Path export = sharedData().resolve(relative);
        assumeTrue(Files.isRegularFile(export), () -> "shared data not here: " + export);
        Path draftFile = dir.resolve(city + ".yaml");

        Run r =
                run(
                        "profile",
                        "init",
                        export.toString(),
                        "--name",
                        city,
                        "--out",
                        draftFile.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        CityProfile draft = CityProfiles.load(draftFile);
        CityProfile shipped = CityProfiles.load(city);
        Columns d = draft.columns();
        Columns s = shipped.columns();
        assertThat(d.id()).as("id").isEqualTo(s.id());
        assertThat(d.type()).as("type").isEqualTo(s.type());
        assertThat(d.typeInitial()).as("typeInitial").isEqualTo(s.typeInitial());
        assertThat(d.typeFinal()).as("typeFinal").isEqualTo(s.typeFinal());
        assertThat(d.category()).as("category").isEqualTo(s.category());
        assertThat(d.district()).as("district").isEqualTo(s.district());
        assertThat(d.beat()).as("beat").isEqualTo(s.beat());
        assertThat(d.lat()).as("lat").isEqualTo(s.lat());
        assertThat(d.lon()).as("lon").isEqualTo(s.lon());
        assertThat(d.address()).as("address").isEqualTo(s.address());
        assertThat(draft.time().column()).as("time column").isEqualTo(shipped.time().column());
        assertThat(draft.time().kind()).as("time kind").isEqualTo(shipped.time().kind());
        assertThat(draft.zone()).as("zone").isEqualTo(shipped.zone());
        assertThat(
                        draft.bounds()
                                .contains(
                                        (shipped.bounds().minLat() + shipped.bounds().maxLat()) / 2,
                                        (shipped.bounds().minLon() + shipped.bounds().maxLon())
                                                / 2))
                .as("bounds hold the shipped bounds' centre")
                .isTrue();
    }

    @Test
    void proposesATypeTableFromADescriptionColumnThatTheProfileLoads(@TempDir Path dir)
            throws IOException {
        var csv = new StringBuilder("call_id,received,code,code_desc,grp,lat,lon\n");
        String[][] types = {
            {"T", "Traffic Stop", "Traffic"},
            {"415", "Disturbance", "Disorder"},
            {"PRK", "Parking Violation", "Traffic"}
        };
        for (int i = 0; i < 300; i++) {
            String[] t = types[i % 3];
            csv.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "C-%d,2024-05-%02dT%02d:10:00Z,%s,%s,%s,37.87,-122.27%n",
                            i,
                            1 + i % 20,
                            (i * 7) % 24,
                            t[0],
                            t[1],
                            t[2]));
        }
        Path export = Files.writeString(dir.resolve("coded.csv"), csv);
        Path draft = dir.resolve("coded.yaml");

        Run r = run("profile", "init", export.toString(), "--out", draft.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Path table = dir.resolve("coded-types.csv");
        assertThat(table)
                .content()
                .isEqualTo(
                        "code,name,group\n415,Disturbance,Disorder\nPRK,Parking Violation,Traffic\n"
                                + "T,Traffic Stop,Traffic\n");
        String yaml =
                Files.readString(draft)
                        .replace("# typeTable: coded-types.csv", "typeTable: coded-types.csv");
        Files.writeString(draft, yaml);
        CityProfile p = CityProfiles.load(draft);
        assertThat(p.typeCodes().name("T")).isEqualTo("Traffic Stop");
        assertThat(p.officerInitiated().test("Traffic Stop")).isTrue();
    }

    @Test
    void draftsAnNdjsonExportThatInspectReads(@TempDir Path dir) throws IOException {
        var lines = new StringBuilder();
        String[] types = {"Theft", "Disturbance", "Traffic Stop", "Alarm"};
        for (int i = 0; i < 300; i++) {
            lines.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "{\"v\":1,\"id\":\"N-%d\",\"receivedAt\":\"2024-05-%02dT%02d:%02d:00Z\","
                                    + "\"type\":\"%s\",\"lat\":%.4f,\"lon\":%.4f}%n",
                            i,
                            1 + i % 20,
                            (i * 5) % 24,
                            i % 60,
                            types[i % 4],
                            51.50 + (i % 9) * 0.01,
                            -0.12 + (i % 7) * 0.01));
        }
        Path export = Files.writeString(dir.resolve("calls.ndjson"), lines);
        Path draft = dir.resolve("london.yaml");

        Run r =
                run(
                        "profile",
                        "init",
                        export.toString(),
                        "--name",
                        "london",
                        "--out",
                        draft.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        CityProfile p = CityProfiles.load(draft);
        assertThat(p.format()).isEqualTo(io.beatwatch.core.profile.FeedFormat.NDJSON);
        assertThat(p.columns().id()).isEqualTo("id");
        assertThat(p.columns().type()).isEqualTo("type");
        assertThat(p.time().column()).isEqualTo("receivedAt");
        assertThat(p.zone()).isEqualTo(java.time.ZoneId.of("Europe/London"));

        Run inspect =
                run(
                        "inspect",
                        "--no-progress",
                        "--profile",
                        draft.toString(),
                        "--out",
                        dir.resolve("r").toString(),
                        export.toString());

        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("Accepted       300");
    }

    /** {@code ../shared/data} from the project root (the folder holding config/cities). */
    static Path sharedData() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("config/cities"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("../shared/data") : dir.resolve("../shared/data").normalize();
    }

    static Path copy(String resource, Path dir) throws IOException {
        Path out = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in =
                ProfileInitCommandTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, out);
        }
        return out;
    }
}
