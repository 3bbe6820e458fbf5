package io.beatwatch.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.beatwatch.core.feed.FeedReader;
import io.beatwatch.core.feed.FeedRecord;
import io.beatwatch.core.feed.Feeds;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.validate.FieldLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CityProfilesTest {

    /** The smallest valid profile; tests break one line of it at a time. */
    static final String MINIMAL =
            """
            name: test-city
            feed: cfs
            format: csv
            zone: America/Chicago
            bounds: {minLat: 29.0, maxLat: 29.85, minLon: -98.95, maxLon: -98.15}
            columns: {id: id, type: type, lat: lat, lon: lon}
            time: {column: t, kind: epoch-millis}
            """;

    static List<String> bundled() {
        return CityProfiles.BUNDLED;
    }

    /** Every profile file in config/cities/, bundled or not. */
    static List<String> inConfigFolder() throws IOException {
        try (Stream<Path> files = Files.list(projectRoot().resolve("config/cities"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("bundled")
    void loadsEveryBundledProfile(String name) {
        CityProfile p = CityProfiles.load(name);

        assertThat(p.name()).isEqualTo(name);
        assertThat(p.description()).isNotBlank();
        assertThat(p.validationRules().bounds()).isEqualTo(p.bounds());
    }

    @ParameterizedTest
    @MethodSource("inConfigFolder")
    void loadsEveryProfileOfTheConfigFolderByName(String name) {
        assertThat(CityProfiles.load(name).name()).isEqualTo(name);
        assertThat(CityProfiles.locate(name).commandArgument()).isEqualTo(name);
    }

    @Test
    void everyBundledProfileShipsInTheConfigFolder() throws IOException {
        // The list is what ships (and is tested), not a gate: more files in the folder are fine.
        assertThat(inConfigFolder()).containsAll(CityProfiles.BUNDLED);
    }

    @Test
    void findsANewProfileByNameInAFolderWithoutARebuild(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("new-town.yaml"), MINIMAL.replace("test-city", "new-town"));

        CityProfiles.Located located = CityProfiles.locate("new-town", List.of(dir));

        assertThat(located.load().name()).isEqualTo("new-town");
        assertThat(located.file()).isEqualTo(dir.resolve("new-town.yaml"));
        assertThat(located.commandArgument())
                .as("outside config/cities/, a report must print the path")
                .isEqualTo(dir.resolve("new-town.yaml").toAbsolutePath().toString());
        assertThat(CityProfiles.available(List.of(dir))).contains("new-town", "san-antonio");
    }

    @Test
    void profilesPropertyNamesFoldersSearchedFirst(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("new-town.yml"), MINIMAL.replace("test-city", "new-town"));
        String before = System.getProperty(CityProfiles.PROFILES_PROPERTY);
        System.setProperty(CityProfiles.PROFILES_PROPERTY, dir.toString());
        try {
            assertThat(CityProfiles.folders()).startsWith(dir);
            assertThat(CityProfiles.load("new-town").name()).isEqualTo("new-town");
            assertThat(CityProfiles.load("san-antonio").name()).isEqualTo("san-antonio");
        } finally {
            if (before == null) {
                System.clearProperty(CityProfiles.PROFILES_PROPERTY);
            } else {
                System.setProperty(CityProfiles.PROFILES_PROPERTY, before);
            }
        }
    }

    @Test
    void aPathArgumentIsPrintedAsGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("elsewhere.yaml");
        Files.writeString(file, MINIMAL);

        assertThat(CityProfiles.locate(file.toString()).commandArgument())
                .isEqualTo(file.toString());
        assertThat(CityProfiles.locate("config/cities/san-antonio.yaml").commandArgument())
                .isEqualTo("config/cities/san-antonio.yaml");
    }

    @Test
    void sanAntonioReadsEpochMillisWithIsoFallback() {
        CityProfile p = CityProfiles.load("san-antonio");

        assertThat(p.feed()).isEqualTo(FeedKind.CFS);
        assertThat(p.format()).isEqualTo(FeedFormat.CSV);
        assertThat(p.zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(p.columns().id()).isEqualTo("IncidentNumber");
        assertThat(p.columns().type()).isEqualTo("ProblemType");
        assertThat(p.columns().district()).isEqualTo("Substation");
        assertThat(p.time())
                .isEqualTo(
                        new TimeSource(
                                "ResponseDate",
                                TimeKind.EPOCH_MILLIS,
                                null,
                                TimeSource.of("ts_utc", TimeKind.ISO_INSTANT)));
        assertThat(p.time().dateOnly()).isFalse();
        assertThat(p.maxFutureSkew()).isEqualTo(Duration.ofHours(1));
        assertThat(p.hasIdColumn()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "Patrol By, true",
        "patrol by, true",
        "Officer Traffic Stop, true",
        "CRT Follow Up, true",
        "Traffic Related, false",
        "Traffic Violation, false",
        "Disturbance, false"
    })
    void sanAntonioOfficerInitiatedTypes(String type, boolean officer) {
        assertThat(CityProfiles.load("san-antonio").officerInitiated().test(type))
                .isEqualTo(officer);
    }

    @ParameterizedTest
    @CsvSource({
        "Disturbance Family, true",
        "Disturbance Family Gun Involved, true",
        "Violation of Protective Order, true",
        "Welfare Check, true",
        "Missing Person/Runaway, true",
        "Disturbance Child Protect Serv, true",
        "Lewd Conduct, true",
        "Visitation Violation, true",
        "Theft, false",
        "Disturbance, false",
        "Patrol By, false"
    })
    void sanAntonioSensitiveTypes(String type, boolean sensitive) {
        assertThat(CityProfiles.load("san-antonio").sensitive().test(type)).isEqualTo(sensitive);
    }

    @Test
    void sensitivityChecksInitialAndFinalType() {
        CityProfile p = CityProfiles.load("san-antonio");
        var call =
                new CallForService(
                        1,
                        "C",
                        Instant.EPOCH,
                        "Disturbance",
                        "Disturbance Family",
                        "Disturbance",
                        null,
                        null,
                        false,
                        null,
                        null,
                        null,
                        29.4,
                        -98.5,
                        null,
                        null);

        assertThat(p.isSensitive(call)).isTrue();
    }

    @Test
    void portlandIsDateOnlyWithSynthesizedIdsAndPriorityRules() {
        CityProfile p = CityProfiles.load("portland-nij");

        assertThat(p.time().kind()).isEqualTo(TimeKind.DATE_ONLY);
        assertThat(p.time().dateOnly()).isTrue();
        assertThat(p.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(p.hasIdColumn()).isFalse();
        assertThat(p.idPrefix()).isEqualTo("pdx-");
        assertThat(p.priorityRules()).extracting(PriorityRule::value).containsExactly(1, 2, 3);
        assertThat(p.officerInitiated().test("AREACK")).isTrue();
        assertThat(p.sensitive().test("WELCKP")).isTrue();
        assertThat(p.sensitive().test("DISTP")).isFalse();
    }

    /** Rows as the Berkeley logs write them (a header, then local times to the second). */
    static final String BERKELEY_SAMPLE =
            """
            Date-Time,Call-Incident Type,Incident No.,Full Address,source_file,call_type_desc,lat,lon
            07/07/2014 00:25:29,T,2014-00039437,SHATTUCK AVE/CHANNING WAY,csv_files/07072014.csv,Traffic Stop,37.865858,-122.266872
            07/07/2014 13:05:00,415,2014-00039500,2100 BLOCK BANCROFT WAY,csv_files/07072014.csv,Disturbance,37.8687,-122.2660
            11/13/2014 23:59:31,415F,2014-00066001,1500 BLOCK ALCATRAZ AVE,csv_files/11132014.csv,Domestic Disturbance,37.8497,-122.2752
            11/13/2014 23:10:02,ADVICE,2014-00066002,2000 BLOCK CENTER ST,csv_files/11132014.csv,,37.8703,-122.2690
            11/13/2014 23:11:40,1033A,2014-00066003,UNKNOWN LOCATION,csv_files/11132014.csv,Audible Alarm,,
            """;

    @Test
    void berkeleyReadsLocalTimesCodesAndOfficerStops() throws IOException {
        CityProfile p = CityProfiles.load("berkeley");
        List<FeedRecord<CallForService>> rows;
        try (FeedReader<CallForService> r =
                Feeds.calls(
                        p,
                        new ByteArrayInputStream(BERKELEY_SAMPLE.getBytes(StandardCharsets.UTF_8)),
                        "berkeley-sample",
                        Clock.fixed(Instant.parse("2024-06-02T00:00:00Z"), ZoneOffset.UTC))) {
            rows = r.stream().toList();
        }
        List<CallForService> calls =
                rows.stream().filter(FeedRecord::isOk).map(FeedRecord::value).toList();

        assertThat(p.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(p.baselineDays()).isNull();
        assertThat(calls)
                .extracting(
                        CallForService::id,
                        CallForService::receivedAt,
                        CallForService::type,
                        CallForService::category,
                        CallForService::officerInitiated)
                .containsExactly(
                        tuple(
                                "2014-00039437",
                                Instant.parse("2014-07-07T07:25:29Z"),
                                "T",
                                "Traffic Stop",
                                true),
                        tuple(
                                "2014-00039500",
                                Instant.parse("2014-07-07T20:05:00Z"),
                                "415",
                                "Disturbance",
                                false),
                        tuple(
                                "2014-00066001",
                                Instant.parse("2014-11-14T07:59:31Z"),
                                "415F",
                                "Domestic Disturbance",
                                false),
                        tuple(
                                "2014-00066002",
                                Instant.parse("2014-11-14T07:10:02Z"),
                                "ADVICE",
                                null,
                                false));
        assertThat(calls.get(0).address()).isEqualTo("SHATTUCK AVE/CHANNING WAY");
        assertThat(calls).extracting(p::isSensitive).containsExactly(false, false, true, false);
        assertThat(rows)
                .filteredOn(r -> !r.isOk())
                .extracting(r -> r.reject().reason())
                .containsExactly(RejectReason.MISSING_COORDINATES);
    }

    @ParameterizedTest
    @CsvSource({"T, true", "1194, true", "1194B, true", "SEC, true", "1196, false", "FLAG, false"})
    void berkeleyOfficerInitiatedCodes(String type, boolean officer) {
        assertThat(CityProfiles.load("berkeley").officerInitiated().test(type)).isEqualTo(officer);
    }

    @Test
    void stuttgartIsATipFeedWithoutFreeText() {
        CityProfile p = CityProfiles.load("stuttgart-reports");

        assertThat(p.feed()).isEqualTo(FeedKind.TIPS);
        assertThat(p.source()).isEqualTo("stuttgart-gelbe-karte");
        assertThat(p.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(p.time().kind()).isEqualTo(TimeKind.LOCAL_DATE_TIME);
        assertThat(p.columns().text()).isNull();
        assertThat(p.columns().address()).isNull();
        assertThat(p.columns().category()).isEqualTo("category");
        assertThat(p.hasIdColumn()).isFalse();
    }

    @Test
    void genericTemplatesCoverBothFormats() {
        CityProfile csv = CityProfiles.load("generic-csv");
        CityProfile ndjson = CityProfiles.load("generic-ndjson");

        assertThat(csv.format()).isEqualTo(FeedFormat.CSV);
        assertThat(csv.columns().officerInitiated()).isEqualTo("self_initiated");
        assertThat(csv.limits()).isEqualTo(FieldLimits.DEFAULT);
        assertThat(ndjson.format()).isEqualTo(FeedFormat.NDJSON);
        assertThat(ndjson.columns().id()).isEqualTo("id");
        assertThat(ndjson.time()).isEqualTo(TimeSource.of("receivedAt", TimeKind.ISO_INSTANT));
    }

    @Test
    void loadsFromAFilePath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-city.yaml");
        Files.writeString(file, MINIMAL);

        CityProfile p = CityProfiles.load(file.toString());

        assertThat(p.name()).isEqualTo("test-city");
        assertThat(p.source()).isEqualTo("test-city");
        assertThat(p.idPrefix()).isEqualTo("test-city-");
        assertThat(p.limits()).isEqualTo(FieldLimits.DEFAULT);
        assertThat(p.officerInitiated().test("anything")).isFalse();
        assertThat(CityProfiles.load(projectRoot().resolve("config/cities/san-antonio.yaml")))
                .isEqualTo(CityProfiles.load("san-antonio"));
    }

    @Test
    void missingProfileNamesTheFoldersAndTheFix() {
        assertThatThrownBy(() -> CityProfiles.load("atlantis"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("atlantis")
                .hasMessageContaining("san-antonio")
                .hasMessageContaining("--profile path/to/atlantis.yaml")
                .hasMessageContaining("config/cities/")
                .hasMessageContaining("no rebuild")
                .hasMessageContaining("BEATWATCH_PROFILES");
        assertThatThrownBy(() -> CityProfiles.load("/nowhere/x.yaml"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> brokenProfiles() {
        return Stream.of(
                broken("name: test-city", "name: Test City", "lowercase"),
                broken("feed: cfs", "feed: radio", "radio"),
                broken("format: csv", "format: xml", "xml"),
                broken("zone: America/Chicago", "zone: Mars/Olympus", "Mars/Olympus"),
                broken("minLat: 29.0, maxLat: 29.85", "minLat: 29.9, maxLat: 29.85", "minLat"),
                broken(
                        "bounds: {minLat: 29.0, maxLat: 29.85, minLon: -98.95, maxLon: -98.15}\n",
                        "",
                        "bounds"),
                broken("type: type, ", "", "columns.type"),
                broken("lat: lat, ", "", "lat and lon"),
                broken("kind: epoch-millis}", "kind: epoch-millis, pattern: yyyy}", "pattern only"),
                broken(
                        "kind: epoch-millis}",
                        "kind: local-date-time, pattern: 'yyyy-MM-dd HH:mm:ss q{'}",
                        "bad pattern"),
                broken(
                        "time: {column: t, kind: epoch-millis}",
                        "time: {kind: epoch-millis}",
                        "column"),
                broken("feed: cfs", "feed: tips", "columns.category"),
                broken("zone:", "colums: {}\nzone:", "colums"),
                broken("zone:", "districtPattern: '([0-9'\nzone:", "districtPattern"),
                broken(
                        "zone:",
                        "priorityRules: [{contains: HOT, value: 1}]\nzone:",
                        "columns.priority"),
                broken(
                        "zone:",
                        "priorityRules: [{contains: HOT}]\nzone:",
                        "priorityRules[0].value"),
                broken(
                        "zone:",
                        "priorityRules: [{contains: HOT, value: 0}]\nzone:",
                        "value must be >= 1"),
                broken("maxLon: -98.15", "maxLon: ", "bounds.maxLon"),
                broken("zone:", "maxFutureSkew: -PT1H\nzone:", "maxFutureSkew"),
                broken("zone:", "limits: {maxIdLength: 0}\nzone:", "maxIdLength"),
                broken("zone:", "sensitive: {contains: ['']}\nzone:", "blank"));
    }

    private static Arguments broken(String find, String replace, String messageFragment) {
        assertThat(MINIMAL).contains(find);
        return Arguments.of(MINIMAL.replace(find, replace), messageFragment);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenProfiles")
    void refusesBrokenProfileWithAClearMessage(String yaml, String messageFragment) {
        assertThatThrownBy(() -> CityProfiles.parse(yaml, "test.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining(messageFragment);
    }

    @Test
    void misspelledRequiredKeyIsNamedNotReportedMissing() {
        String yaml = MINIMAL.replace("lat: lat, ", "latitude: lat, ");

        assertThatThrownBy(() -> CityProfiles.parse(yaml, "my-city.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("my-city.yaml")
                .hasMessageContaining("line 6")
                .hasMessageContaining("columns.latitude")
                .hasMessageContaining("unknown key 'latitude'")
                .hasMessageContaining("did you mean 'lat: lat'")
                .hasMessageContaining("expected one of [id, type,")
                .hasMessageNotContaining("required");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "zone: America/Chicago | zon: America/Chicago | unknown key 'zon' (did you mean"
                        + " 'zone: America/Chicago'?)",
                "time: {column: t, | time: {colum: t, | at time.colum",
                "zone: | sensitive: {contains: [x], type: [y]}\\nzone: | did you mean 'types'",
                "zone: | priorityRules: [{contain: HOT, value: 1}]\\nzone: |"
                        + " priorityRules[0].contain"
            })
    void unknownKeysAreNamedWithTheirPlace(String find, String replace, String fragment) {
        String yaml = MINIMAL.replace(find, replace.replace("\\n", "\n"));

        assertThatThrownBy(() -> CityProfiles.parse(yaml, "t.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t.yaml (line ")
                .hasMessageContaining(fragment);
    }

    @Test
    void typeTakesOneColumnOrAListTriedInOrder() {
        CityProfile one = CityProfiles.parse(MINIMAL, "one");
        CityProfile list =
                CityProfiles.parse(
                        MINIMAL.replace("type: type, ", "type: [CALL_DESC, CALL_ID], "), "list");

        assertThat(one.columns().types()).containsExactly("type");
        assertThat(list.columns().types()).containsExactly("CALL_DESC", "CALL_ID");
        assertThat(list.columns().type()).isEqualTo("CALL_DESC");
        assertThatThrownBy(
                        () ->
                                CityProfiles.parse(
                                        MINIMAL.replace("type: type, ", "type: [], "), "empty"))
                .hasMessageContaining("columns.type");
    }

    @Test
    void minimalProfileParses() {
        assertThat(CityProfiles.parse(MINIMAL, "minimal").name()).isEqualTo("test-city");
    }

    /** The project root (the folder holding core/ and config/), from the module's working dir. */
    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("config/cities"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("project root above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
