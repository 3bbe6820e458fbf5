package io.beatwatch.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatwatch.core.feed.FeedReader;
import io.beatwatch.core.feed.FeedRecord;
import io.beatwatch.core.feed.Feeds;
import io.beatwatch.core.model.CallForService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypeTableTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    static final String PROFILE =
            """
            name: coded-city
            feed: cfs
            format: csv
            zone: America/Los_Angeles
            bounds: {minLat: 37.0, maxLat: 38.0, minLon: -123.0, maxLon: -122.0}
            columns: {id: id, type: code, lat: lat, lon: lon}
            time: {column: t, kind: iso-instant}
            typeTable: codes.csv
            officerInitiated: {types: [T]}
            sensitive: {types: ["5150"]}
            """;

    static final String CODES =
            """
            code,name,group,notes
            T,Traffic Stop,Traffic,officer-initiated
            415,Disturbance,Disorder,
            5150,Mental Health,Person,sensitive
            """;

    static final String CALLS =
            """
            id,t,code,lat,lon
            1,2024-05-01T10:00:00Z,T,37.87,-122.27
            2,2024-05-01T10:05:00Z,415,37.87,-122.27
            3,2024-05-01T10:10:00Z,5150,37.87,-122.27
            4,2024-05-01T10:15:00Z,999X,37.87,-122.27
            """;

    @Test
    void codesBecomeNamesAndGroupsAtDecode(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("codes.csv"), CODES);
        Path profileFile = Files.writeString(dir.resolve("coded-city.yaml"), PROFILE);
        Path feed = Files.writeString(dir.resolve("calls.csv"), CALLS);
        CityProfile profile = CityProfiles.load(profileFile);

        List<CallForService> calls = read(profile, feed);

        assertThat(calls)
                .extracting(CallForService::type, CallForService::category)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Traffic Stop", "Traffic"),
                        org.assertj.core.groups.Tuple.tuple("Disturbance", "Disorder"),
                        org.assertj.core.groups.Tuple.tuple("Mental Health", "Person"),
                        // a code the table does not know stays as it is
                        org.assertj.core.groups.Tuple.tuple("999X", null));
        // rules written with codes still hold on the names
        assertThat(calls)
                .extracting(CallForService::officerInitiated)
                .containsExactly(true, false, false, false);
        assertThat(calls)
                .extracting(profile::isSensitive)
                .containsExactly(false, false, true, false);
    }

    @Test
    void aCategoryColumnWinsOverTheTablesGroup(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("codes.csv"), CODES);
        Path profileFile =
                Files.writeString(
                        dir.resolve("coded-city.yaml"),
                        PROFILE.replace("type: code,", "type: code, category: grp,"));
        Path feed =
                Files.writeString(
                        dir.resolve("calls.csv"),
                        "id,t,code,grp,lat,lon\n1,2024-05-01T10:00:00Z,T,Patrol,37.87,-122.27\n"
                                + "2,2024-05-01T10:05:00Z,415,,37.87,-122.27\n");

        List<CallForService> calls = read(CityProfiles.load(profileFile), feed);

        assertThat(calls)
                .extracting(CallForService::category)
                .containsExactly("Patrol", "Disorder");
    }

    @Test
    void aMissingTableNamesThePathAndTheForm(@TempDir Path dir) throws IOException {
        Path profileFile = Files.writeString(dir.resolve("coded-city.yaml"), PROFILE);

        assertThatThrownBy(() -> CityProfiles.load(profileFile))
                .hasMessageContaining("typeTable")
                .hasMessageContaining(dir.resolve("codes.csv").toString())
                .hasMessageContaining("code,name,group");
    }

    @Test
    void aTableWithoutCodeAndNameColumnsIsRefused() {
        assertThatThrownBy(() -> TypeTable.parse("id,label\nT,Traffic Stop\n", "codes.csv"))
                .hasMessageContaining("code,name")
                .hasMessageContaining("was id,label");
        assertThatThrownBy(() -> TypeTable.parse("code,name\nT,a\nT,b\n", "codes.csv"))
                .hasMessageContaining("line 3")
                .hasMessageContaining("'T' twice");
    }

    @Test
    void theReadTableIsNotAKeyAndAProjectionMustBeKnown() {
        String base = PROFILE.replace("typeTable: codes.csv\n", "");
        assertThatThrownBy(() -> CityProfiles.parse(base + "typeCodes: x\n", "t.yaml"))
                .hasMessageContaining("unknown key 'typeCodes'");
        assertThatThrownBy(() -> CityProfiles.parse(base + "projection: EPSG:99999999\n", "t.yaml"))
                .hasMessageContaining(
                        "projection 'EPSG:99999999' is not an EPSG code proj4j knows");
        assertThatThrownBy(() -> CityProfiles.parse(base + "projection: 2269\n", "t.yaml"))
                .hasMessageContaining("must be an EPSG code, e.g. 'projection: EPSG:2269'");
        assertThat(CityProfiles.parse(base + "projection: epsg:2269\n", "t.yaml").projection())
                .isEqualTo("EPSG:2269");
    }

    private static List<CallForService> read(CityProfile profile, Path feed) throws IOException {
        var out = new ArrayList<CallForService>();
        try (FeedReader<CallForService> r = Feeds.calls(profile, feed, CLOCK)) {
            while (r.hasNext()) {
                FeedRecord<CallForService> rec = r.next();
                assertThat(rec.isOk()).as(String.valueOf(rec)).isTrue();
                out.add(rec.value());
            }
        }
        return out;
    }
}
