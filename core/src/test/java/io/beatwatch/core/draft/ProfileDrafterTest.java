package io.beatwatch.core.draft;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.feed.CsvParser;
import io.beatwatch.core.feed.FeedCounts;
import io.beatwatch.core.feed.FeedReader;
import io.beatwatch.core.feed.FeedRecord;
import io.beatwatch.core.feed.Feeds;
import io.beatwatch.core.inspect.FeedInspector;
import io.beatwatch.core.inspect.InspectionReport;
import io.beatwatch.core.inspect.ProgressListener;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.profile.FeedFormat;
import io.beatwatch.core.profile.TimeKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drafts from small synthetic exports committed under src/test/resources/draft. */
class ProfileDrafterTest {

    /** Los Angeles wall clock written as UTC epoch milliseconds (600 rows, March 2024). */
    static final String WALL_CLOCK = "draft/wallclock-as-utc.csv";

    /** Oregon North state-plane feet (EPSG:2269) around Portland, 5 of 500 rows at 0,0. */
    static final String PROJECTED = "draft/projected-oregon-north.csv";

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void flagsALocalWallClockStoredAsUtc() throws IOException {
        ProfileDraft d = ProfileDrafter.draft(sample(WALL_CLOCK), "wall-clock");

        assertThat(d.time().zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(d.time().primary().column()).isEqualTo("created_epoch_ms");
        assertThat(d.time().primary().kind()).isEqualTo(TimeKind.EPOCH_MILLIS);
        assertThat(d.time().wallClockAsUtc()).isTrue();
        assertThat(d.warnings())
                .anySatisfy(w -> assertThat(w).contains("local wall clock stored as UTC"));
        String yaml = DraftYaml.write(d);
        assertThat(yaml)
                .contains("hours in America/Los_Angeles:")
                .contains("SHIFTED")
                .contains("hours as UTC:")
                .contains("quiet at night");
    }

    @Test
    void inspectWarnsOnTheWallClockDraftToo(@TempDir Path dir) throws IOException {
        Path file = copy(WALL_CLOCK, dir);
        CityProfile profile =
                CityProfiles.parse(
                        DraftYaml.write(ProfileDrafter.draft(sample(WALL_CLOCK), "wall-clock")),
                        dir.resolve("wall-clock.yaml").toString());

        InspectionReport r = new FeedInspector(CLOCK).inspect(profile, file, ProgressListener.NONE);

        assertThat(r.accepted()).isEqualTo(600);
        assertThat(r.checks().clock().warning()).contains("wall clock stored as UTC");
    }

    @Test
    void convertsProjectedCoordinatesWithTheStatePlaneThatFits() throws IOException {
        ProfileDraft d = ProfileDrafter.draft(sample(PROJECTED), "oregon");

        CoordinateGuess p = d.place();
        assertThat(p.latColumn()).isNull();
        assertThat(p.projected()).isTrue();
        assertThat(p.projection().system().epsg()).isEqualTo("EPSG:2269");
        assertThat(p.xColumn()).isEqualTo("x_coord");
        assertThat(p.yColumn()).isEqualTo("y_coord");
        // the synthetic points span 45.45..45.57, -122.75..-122.55
        assertThat(p.extent().minLat()).isBetween(45.44, 45.47);
        assertThat(p.extent().maxLon()).isBetween(-122.57, -122.54);
        assertThat(p.bounds().contains(45.5, -122.65)).isTrue();
        assertThat(d.time().zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(d.time().wallClockAsUtc()).isFalse();
        assertThat(d.roles().id()).isEqualTo("case_number");
        assertThat(d.roles().types()).containsExactly("nature");
        assertThat(d.warnings())
                .anySatisfy(w -> assertThat(w).contains("5 rows have x_coord / y_coord at 0,0"));
    }

    @Test
    void aProjectedDraftReadsTheExportInDegrees(@TempDir Path dir) throws IOException {
        Path file = copy(PROJECTED, dir);
        CityProfile profile =
                CityProfiles.parse(
                        DraftYaml.write(ProfileDrafter.draft(sample(PROJECTED), "oregon")),
                        dir.resolve("oregon.yaml").toString());
        assertThat(profile.projection()).isEqualTo("EPSG:2269");

        var calls = new ArrayList<CallForService>();
        FeedCounts counts;
        try (FeedReader<CallForService> reader = Feeds.calls(profile, file, CLOCK)) {
            while (reader.hasNext()) {
                FeedRecord<CallForService> r = reader.next();
                if (r.isOk()) {
                    calls.add(r.value());
                }
            }
            counts = reader.counts();
        }

        assertThat(counts.accepted()).isEqualTo(495);
        assertThat(counts.rejected()).containsEntry(RejectReason.MISSING_COORDINATES, 5L);
        assertThat(calls)
                .allSatisfy(
                        c -> {
                            assertThat(c.lat()).isBetween(45.44, 45.58);
                            assertThat(c.lon()).isBetween(-122.76, -122.54);
                        });
    }

    @Test
    void withoutALocationTheZoneComesFromTheDailyRhythm() throws IOException {
        ExportSample full = sample(PROJECTED);
        var rows = new ArrayList<String[]>();
        for (String[] r : full.rows()) {
            rows.add(new String[] {r[0], r[1], r[2]});
        }
        var s = new ExportSample("no-place.csv", FeedFormat.CSV, full.header().subList(0, 3), rows);

        ProfileDraft d = ProfileDrafter.draft(s, "no-place");

        // June in Los Angeles: UTC-7, quiet hours at 03:00-06:00 local
        assertThat(d.time().zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(d.time().zoneReason()).contains("quietest hours");
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains("no coordinate columns"));
        assertThat(CityProfiles.parse(DraftYaml.write(d), "no-place.yaml").columns().lat())
                .isEqualTo(DraftYaml.SET_LAT);
    }

    @Test
    void fallsBackToASecondTypeColumnWhereTheFirstIsBlank() {
        var rows = new ArrayList<String[]>();
        for (int i = 0; i < 300; i++) {
            String code = "C" + (i % 40);
            rows.add(
                    new String[] {
                        "ID-" + i, i % 10 == 0 ? "" : code, "Desc " + (i % 30), "G" + (i % 40 % 4)
                    });
        }
        var s =
                new ExportSample(
                        "t.csv",
                        FeedFormat.CSV,
                        List.of("call_id", "call_code", "call_desc", "call_group"),
                        rows);

        ColumnRoles r = ProfileDrafter.draft(s, "t").roles();

        assertThat(r.id()).isEqualTo("call_id");
        assertThat(r.types()).containsExactly("call_code", "call_desc");
        assertThat(r.category()).isEqualTo("call_group");
    }

    @Test
    void quotesWhatYamlWouldReadOtherwise() {
        assertThat(DraftYaml.scalar("Incident No.")).isEqualTo("Incident No.");
        assertThat(DraftYaml.scalar("CALL GROUPS")).isEqualTo("CALL GROUPS");
        assertThat(DraftYaml.scalar("1194")).isEqualTo("\"1194\"");
        assertThat(DraftYaml.scalar("no")).isEqualTo("\"no\"");
        assertThat(DraftYaml.scalar("a: b")).isEqualTo("\"a: b\"");
        assertThat(DraftYaml.flow(List.of("T", "1194", "a, b")))
                .isEqualTo("[T, \"1194\", \"a, b\"]");
    }

    /** A resource CSV as a sample (all rows). */
    static ExportSample sample(String resource) throws IOException {
        try (InputStream in =
                        ProfileDrafterTest.class.getClassLoader().getResourceAsStream(resource);
                CsvParser p =
                        new CsvParser(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String[] header = p.next();
            var rows = new ArrayList<String[]>();
            String[] r;
            while ((r = p.next()) != null) {
                rows.add(r);
            }
            return new ExportSample(resource, FeedFormat.CSV, List.of(header), rows);
        }
    }

    static Path copy(String resource, Path dir) throws IOException {
        Path out = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in =
                ProfileDrafterTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, out);
        }
        return out;
    }
}
