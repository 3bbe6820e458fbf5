package io.beatwatch.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.model.Tip;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.CityProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedReaderTest {

    static final Instant NOW = Instant.parse("2024-06-02T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Clock LATE_2024 =
            Clock.fixed(Instant.parse("2024-11-01T00:00:00Z"), ZoneOffset.UTC);

    static Path fixture(String name) {
        try {
            return Path.of(FeedReaderTest.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> List<FeedRecord<T>> readAll(FeedReader<T> reader) throws IOException {
        try (reader) {
            return reader.stream().toList();
        }
    }

    @Test
    void sanAntonioSampleMapsRowsAndNamesEveryReject() throws IOException {
        CityProfile sa = CityProfiles.load("san-antonio");
        FeedReader<CallForService> reader =
                Feeds.calls(sa, fixture("san-antonio-sample.csv"), CLOCK);

        List<FeedRecord<CallForService>> records = readAll(reader);
        FeedCounts counts = reader.counts();

        assertThat(records)
                .extracting(FeedRecord::row)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(records.stream().map(r -> r.isOk() ? "ok" : r.reject().reason().code()))
                .containsExactly(
                        "ok",
                        "ok",
                        "ok",
                        "ok",
                        "missing_coordinates",
                        "out_of_bounds",
                        "missing_id",
                        "unparseable_time",
                        "future_time",
                        "missing_type",
                        "malformed_record");
        assertThat(counts.rows()).isEqualTo(11);
        assertThat(counts.accepted()).isEqualTo(4);
        assertThat(counts.rejectedTotal()).isEqualTo(7);
        assertThat(counts.rejected())
                .containsOnlyKeys(
                        RejectReason.MISSING_COORDINATES,
                        RejectReason.OUT_OF_BOUNDS,
                        RejectReason.MISSING_ID,
                        RejectReason.UNPARSEABLE_TIME,
                        RejectReason.FUTURE_TIME,
                        RejectReason.MISSING_TYPE,
                        RejectReason.MALFORMED_RECORD);
        // TEST-0001 appears twice (a CAD update): 4 accepted rows, 3 incidents.
        assertThat(counts.distinctIds()).isEqualTo(3);
        // every row but the placeholder and the malformed one has usable coordinates
        assertThat(counts.withCoordinates()).isEqualTo(9);
    }

    @Test
    void sanAntonioSampleFieldsAreMappedAsTheProfileSays() throws IOException {
        CityProfile sa = CityProfiles.load("san-antonio");
        List<FeedRecord<CallForService>> records =
                readAll(Feeds.calls(sa, fixture("san-antonio-sample.csv"), CLOCK));

        CallForService first = records.get(0).value();
        assertThat(first)
                .isEqualTo(
                        new CallForService(
                                1,
                                "TEST-0001",
                                Instant.parse("2024-06-01T05:00:05Z"),
                                "Disturbance",
                                null,
                                null,
                                "Other Calls",
                                null,
                                false,
                                null,
                                "CENTRAL",
                                "2110",
                                29.42,
                                -98.49,
                                "100 Test St",
                                "sapd-cad"));
        CallForService patrol = records.get(1).value();
        assertThat(patrol.address()).isEqualTo("200 \"A\" St, APT 5");
        assertThat(patrol.officerInitiated()).isTrue();
        // Time " 1:05:00" has no AM/PM; ResponseDate decides: 01:05 local = 06:05Z.
        assertThat(patrol.receivedAt()).isEqualTo(Instant.parse("2024-06-01T06:05:00Z"));
        assertThat(sa.isSensitive(records.get(2).value())).isTrue();
        // ResponseDate blank: ts_utc is the fallback
        assertThat(records.get(3).value().receivedAt())
                .isEqualTo(Instant.parse("2024-06-01T07:00:00Z"));
    }

    @Test
    void rejectsCarryPayloadDetailSourceAndTime() throws IOException {
        CityProfile sa = CityProfiles.load("san-antonio");
        List<FeedRecord<CallForService>> records =
                readAll(Feeds.calls(sa, fixture("san-antonio-sample.csv"), CLOCK));

        var outOfBounds = records.get(5).reject();
        assertThat(outOfBounds.payload()).contains("TEST-0006").contains("400 Far Rd");
        assertThat(outOfBounds.detail()).contains("30.41");
        assertThat(outOfBounds.source()).isEqualTo("sapd-cad");
        assertThat(outOfBounds.at()).isEqualTo(NOW);
        assertThat(records.get(10).reject().detail()).contains("4 fields, header has 14");
        assertThat(records.get(7).reject().detail()).contains("ResponseDate").contains("yesterday");
    }

    @Test
    void readsGzipAsPlain(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("sample.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(fixture("san-antonio-sample.csv"), out);
        }
        CityProfile sa = CityProfiles.load("san-antonio");

        FeedReader<CallForService> plain =
                Feeds.calls(sa, fixture("san-antonio-sample.csv"), CLOCK);
        FeedReader<CallForService> zipped = Feeds.calls(sa, gz, CLOCK);

        assertThat(readAll(zipped)).isEqualTo(readAll(plain));
        assertThat(zipped.counts()).isEqualTo(plain.counts());
        assertThat(zipped.bytesRead()).isEqualTo(Files.size(gz));
        assertThat(zipped.totalBytes()).isEqualTo(Files.size(gz));
    }

    @Test
    void truncatedGzipFailsAsIoErrorAfterTheGoodRows(@TempDir Path dir) throws IOException {
        var sb = new StringBuilder(Files.readString(fixture("generic-sample.csv")));
        for (int i = 0; i < 20_000; i++) {
            sb.append("G-x").append(i).append(",2024-05-01T10:00:00Z,,,Theft,,,,,,1,1,,\n");
        }
        Path gz = dir.resolve("cut.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        try (FeedReader<CallForService> r =
                Feeds.calls(CityProfiles.load("generic-csv"), gz, CLOCK)) {
            assertThatThrownBy(() -> r.forEachRemaining(x -> {}))
                    .isInstanceOf(java.io.UncheckedIOException.class);
            assertThat(r.counts().rows()).isPositive();
            assertThat(r.counts().accepted()).isEqualTo(r.counts().rows());
        }
    }

    @Test
    void portlandSynthesizesStableDistinctIdsAndReadsPriorities() throws IOException {
        CityProfile pdx = CityProfiles.load("portland-nij");
        Path file = fixture("portland-nij-sample.csv");

        List<CallForService> calls =
                readAll(Feeds.calls(pdx, file, CLOCK)).stream().map(FeedRecord::value).toList();
        List<CallForService> again =
                readAll(Feeds.calls(pdx, file, CLOCK)).stream().map(FeedRecord::value).toList();

        assertThat(calls).hasSize(6).isEqualTo(again);
        assertThat(calls)
                .extracting(CallForService::id)
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("pdx-[0-9a-f]{24}"));
        // rows 1 and 2 are identical but distinct calls
        assertThat(calls.get(0).id()).isNotEqualTo(calls.get(1).id());
        assertThat(calls).extracting(CallForService::priority).containsExactly(2, 2, null, 2, 1, 3);
        assertThat(calls)
                .extracting(CallForService::officerInitiated)
                .containsExactly(false, false, true, false, false, false);
        assertThat(calls.get(0).type()).isEqualTo("DISTP");
        assertThat(calls.get(0).typeFinal()).isEqualTo("DISTP");
        assertThat(calls.get(0).category()).isEqualTo("DISORDER");
        assertThat(pdx.isSensitive(calls.get(3))).isTrue();
        // date only: local midnight in Portland (PDT, UTC-7)
        assertThat(calls.get(0).receivedAt()).isEqualTo(Instant.parse("2016-08-01T07:00:00Z"));
        assertThat(calls.get(5).receivedAt()).isEqualTo(Instant.parse("2016-08-02T07:00:00Z"));
    }

    @Test
    void stuttgartTipsKeepOnlyCategoryPlaceAndTime() throws IOException {
        CityProfile str = CityProfiles.load("stuttgart-reports");
        FeedReader<Tip> reader =
                Feeds.tips(str, fixture("stuttgart-reports-sample.csv"), LATE_2024);

        List<FeedRecord<Tip>> records = readAll(reader);

        assertThat(records.stream().map(r -> r.isOk() ? "ok" : r.reject().reason().code()))
                .containsExactly("ok", "ok", "ok", "out_of_bounds", "missing_type");
        Tip gap = records.get(0).value();
        Tip overlap = records.get(1).value();
        Tip summer = records.get(2).value();
        // 02:30 does not exist on 2024-03-31 in Berlin: moved forward by the gap to 03:30 CEST
        assertThat(gap.receivedAt()).isEqualTo(Instant.parse("2024-03-31T01:30:00Z"));
        // 02:30 happens twice on 2024-10-27: the earlier offset (CEST, +02:00) is taken
        assertThat(overlap.receivedAt()).isEqualTo(Instant.parse("2024-10-27T00:30:00Z"));
        assertThat(summer.receivedAt()).isEqualTo(Instant.parse("2024-06-01T08:00:00Z"));
        assertThat(summer.category()).isEqualTo("Gefahrenstelle");
        assertThat(records)
                .filteredOn(FeedRecord::isOk)
                .extracting(r -> r.value().text())
                .containsOnlyNulls();
        assertThat(gap.channel()).isEqualTo("stuttgart-gelbe-karte");
        assertThat(gap.category()).isEqualTo("Wilder Müll");
        assertThat(gap.id()).matches("str-[0-9a-f]{24}");
        assertThat(reader.counts().distinctIds()).isEqualTo(3);
    }

    @Test
    void ndjsonLinesMapThroughTheGenericProfile() throws IOException {
        CityProfile nd = CityProfiles.load("generic-ndjson");
        FeedReader<CallForService> reader =
                Feeds.calls(nd, fixture("generic-sample.ndjson"), CLOCK);

        List<FeedRecord<CallForService>> records = readAll(reader);

        assertThat(records.stream().map(r -> r.isOk() ? "ok" : r.reject().reason().code()))
                .containsExactly("ok", "ok", "malformed_record", "malformed_record", "ok", "ok");
        assertThat(records).extracting(FeedRecord::row).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        CallForService c1 = records.get(0).value();
        assertThat(c1.priority()).isEqualTo(2);
        assertThat(c1.district()).isEqualTo("CENTRAL");
        assertThat(c1.source()).isEqualTo("ndjson");
        CallForService c2 = records.get(1).value();
        assertThat(c2.receivedAt()).isEqualTo(Instant.parse("2024-05-01T18:05:00Z"));
        assertThat(c2.officerInitiated()).as("Traffic Stop is in the type list").isTrue();
        assertThat(records.get(4).value().officerInitiated()).as("explicit flag").isTrue();
        assertThat(records.get(5).value().typeFinal()).isEqualTo("Burglary Report");
        assertThat(records.get(2).reject().payload()).isEqualTo("{\"id\":");
        assertThat(reader.counts().distinctIds()).isEqualTo(3);
    }

    @Test
    void genericCsvReadsFlagsOffsetsAndLenientPriority() throws IOException {
        CityProfile g = CityProfiles.load("generic-csv");

        List<CallForService> calls =
                readAll(Feeds.calls(g, fixture("generic-sample.csv"), CLOCK)).stream()
                        .map(FeedRecord::value)
                        .toList();

        assertThat(calls).hasSize(3);
        assertThat(calls.get(0).receivedAt()).isEqualTo(Instant.parse("2024-05-01T13:00:00Z"));
        assertThat(calls.get(0).typeInitial()).isEqualTo("Suspicious Person");
        assertThat(calls.get(0).disposition()).isEqualTo("Report Taken");
        assertThat(calls)
                .extracting(CallForService::officerInitiated)
                .containsExactly(false, true, true);
        assertThat(calls).extracting(CallForService::priority).containsExactly(1, null, 3);
        assertThat(calls.get(2).disposition()).isNull();
        assertThat(g.isSensitive(calls.get(2))).isTrue();
    }

    @Test
    void districtPatternKeepsTheMatchedPart(@TempDir Path dir) throws IOException {
        String yaml =
                Files.readString(projectFile("config/cities/san-antonio.yaml"))
                        .replace("name: san-antonio", "name: sa-digits")
                        .replace("district: Substation ", "district: PatrolDistrict ")
                        .replace(
                                "maxFutureSkew: PT1H",
                                "maxFutureSkew: PT1H\ndistrictPattern: '^([1-7])\\d{3}$'");
        CityProfile p = CityProfiles.parse(yaml, "sa-digits");

        List<FeedRecord<CallForService>> records =
                readAll(Feeds.calls(p, fixture("san-antonio-sample.csv"), CLOCK));

        assertThat(records)
                .filteredOn(FeedRecord::isOk)
                .extracting(r -> r.value().district())
                .containsExactly("2", "2", "2", "5");
    }

    @Test
    void typeColumnsFallBackToTheFirstNonBlank(@TempDir Path dir) throws IOException {
        String yaml =
                """
                name: two-types
                feed: cfs
                format: csv
                zone: America/Chicago
                bounds: {minLat: 29.0, maxLat: 29.85, minLon: -98.95, maxLon: -98.15}
                columns: {id: id, type: [CALL_DESC, CALL_ID], lat: lat, lon: lon}
                time: {column: t, kind: epoch-millis}
                """;
        Path file = dir.resolve("calls.csv");
        Files.writeString(
                file,
                """
                id,t,CALL_DESC,CALL_ID,lat,lon
                1,1717200000000,Disturbance,415,29.4,-98.5
                2,1717200060000,,459,29.4,-98.5
                3,1717200120000, ,,29.4,-98.5
                """);

        List<FeedRecord<CallForService>> records =
                readAll(Feeds.calls(CityProfiles.parse(yaml, "two-types"), file, CLOCK));

        assertThat(records.subList(0, 2))
                .extracting(r -> r.value().type())
                .containsExactly("Disturbance", "459");
        assertThat(records.get(2).isOk()).isFalse();
        assertThat(records.get(2).reject().reason()).isEqualTo(RejectReason.MISSING_TYPE);
        assertThat(records.get(2).reject().detail()).contains("CALL_DESC / CALL_ID");
    }

    @Test
    void headerWithoutMappedColumnsIsAConfigurationError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("wrong.csv");
        Files.writeString(file, "a,b,c\n1,2,3\n");

        assertThatThrownBy(() -> Feeds.calls(CityProfiles.load("san-antonio"), file, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IncidentNumber")
                .hasMessageContaining("not in the header");
    }

    @Test
    void refusesMismatchedKindOrFormat(@TempDir Path dir) throws IOException {
        Path ndjson = dir.resolve("x.ndjson");
        Files.writeString(ndjson, "{}\n");

        assertThatThrownBy(() -> Feeds.calls(CityProfiles.load("san-antonio"), ndjson, CLOCK))
                .hasMessageContaining("does not look like CSV");
        assertThatThrownBy(
                        () ->
                                Feeds.tips(
                                        CityProfiles.load("san-antonio"),
                                        fixture("san-antonio-sample.csv"),
                                        CLOCK))
                .hasMessageContaining("not TIPS");
    }

    @Test
    void oversizedRowsAreRejectedAndReadingGoesOn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.ndjson");
        String ok =
                "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T13:00:00Z\",\"type\":\"T\",\"lat\":1,\"lon\":1}";
        String huge = "{\"id\":\"B\",\"pad\":\"" + "x".repeat(20_000) + "\"}";
        Files.writeString(file, ok + "\n" + huge + "\n" + ok.replace("\"A\"", "\"C\"") + "\n");

        FeedReader<CallForService> reader =
                Feeds.calls(CityProfiles.load("generic-ndjson"), file, CLOCK);
        List<FeedRecord<CallForService>> records = readAll(reader);

        assertThat(records).hasSize(3);
        assertThat(records.get(1).reject().reason()).isEqualTo(RejectReason.OVERSIZED_RECORD);
        assertThat(reader.counts().rejected()).isEqualTo(Map.of(RejectReason.OVERSIZED_RECORD, 1L));
        assertThat(reader.counts().accepted()).isEqualTo(2);
    }

    @Test
    void readsFromAStream() throws IOException {
        try (InputStream in = Files.newInputStream(fixture("generic-sample.ndjson"));
                FeedReader<CallForService> r =
                        Feeds.calls(CityProfiles.load("generic-ndjson"), in, "stdin", CLOCK)) {
            long ok = r.stream().filter(FeedRecord::isOk).count();
            assertThat(ok).isEqualTo(4);
            assertThat(r.totalBytes()).isEqualTo(-1);
        }
    }

    @Test
    void invalidUtf8IsReplacedNotFatal(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.csv");
        byte[] header =
                "incident_id,received_at,call_type,latitude,longitude\n"
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] row =
                "X-1,2024-05-01T13:00:00Z,Stra\u00dfe,1,1\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, concat(header, row));
        String yaml =
                """
                name: latin
                feed: cfs
                format: csv
                zone: UTC
                bounds: {minLat: -90, maxLat: 90, minLon: -180, maxLon: 180}
                columns: {id: incident_id, type: call_type, lat: latitude, lon: longitude}
                time: {column: received_at, kind: iso-instant}
                """;

        List<FeedRecord<CallForService>> records =
                readAll(Feeds.calls(CityProfiles.parse(yaml, "latin"), file, CLOCK));

        assertThat(records.get(0).value().type()).isEqualTo("Stra\uFFFDe");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Path projectFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("%s above the working directory", relative).isNotNull();
        return dir.resolve(relative);
    }
}
