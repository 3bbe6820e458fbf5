package io.beatwatch.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.CityProfiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Property tests of the CSV adapter ({@link CsvParser}, {@link CsvSource}, {@link CallMapper}
 * behind {@link Feeds}): arbitrary bytes never throw past the reader's documented exceptions, never
 * hang, every row is counted as accepted or as a reject with a reason, and a valid row changed in
 * one column is accepted or rejected for that column.
 */
class FeedReaderPropertyTest {

    static final Instant NOW = Instant.parse("2024-06-02T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration BOUND = Duration.ofSeconds(5);

    static final String HEADER =
            "incident_id,received_at,call_type_initial,call_type_final,call_type,call_group,"
                    + "priority,disposition,district,beat,latitude,longitude,block_address,"
                    + "self_initiated";
    static final List<String> COLUMNS = List.of(HEADER.split(","));
    static final List<String> ROW =
            List.of(
                    "G-1",
                    "2024-05-01T08:00:00-0500",
                    "Suspicious Person",
                    "Theft",
                    "Theft",
                    "Property",
                    "1",
                    "Report Taken",
                    "North",
                    "N12",
                    "40.71",
                    "-74.00",
                    "100 Block Main St",
                    "no");

    /** The generic CSV template with New York's box as bounds, so out-of-city points reject. */
    static final CityProfile PROFILE = profile();

    static final Set<RejectReason> COORDINATES =
            EnumSet.of(
                    RejectReason.MISSING_COORDINATES,
                    RejectReason.UNPARSEABLE_COORDINATES,
                    RejectReason.OUT_OF_BOUNDS);

    /** The reasons a change to each column may cause; other columns only oversized_field. */
    static final Map<String, Set<RejectReason>> COLUMN_REASONS =
            Map.of(
                    "incident_id",
                            EnumSet.of(RejectReason.MISSING_ID, RejectReason.OVERSIZED_FIELD),
                    "received_at",
                            EnumSet.of(
                                    RejectReason.MISSING_TIME,
                                    RejectReason.UNPARSEABLE_TIME,
                                    RejectReason.FUTURE_TIME),
                    "call_type",
                            EnumSet.of(RejectReason.MISSING_TYPE, RejectReason.OVERSIZED_FIELD),
                    "latitude", COORDINATES,
                    "longitude", COORDINATES);

    static CityProfile profile() {
        try (var in = CityProfiles.class.getResourceAsStream("/cities/generic-csv.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String world = "bounds: {minLat: -90, maxLat: 90, minLon: -180, maxLon: 180}";
            assertThat(yaml).contains(world);
            return CityProfiles.parse(
                    yaml.replace(
                            world,
                            "bounds: {minLat: 40.4, maxLat: 41, minLon: -74.3, maxLon: -73.6}"),
                    "fuzz-csv.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 200, seed = "13")
    void arbitraryBytesAfterTheHeaderAreRowsOrNamedRejects(@ForAll @Size(max = 600) byte[] body) {
        byte[] head = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[head.length + body.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(body, 0, file, head.length, body.length);
        readAllChecked(file);
    }

    @Property(tries = 200, seed = "13")
    void arbitraryFilesThrowOnlyTheDocumentedExceptions(@ForAll("files") byte[] file) {
        try {
            readAllChecked(file);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // no header, a header without the profile's columns, a broken gzip stream
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 400, seed = "13")
    void rowChangedInOneColumnIsAcceptedOrRejectedForThatColumn(
            @ForAll("columns") String column, @ForAll("cells") String value) {
        var fields = new ArrayList<>(ROW);
        fields.set(COLUMNS.indexOf(column), value);
        String csv = HEADER + "\n" + CsvParser.format(fields.toArray(new String[0])) + "\n";
        List<FeedRecord<CallForService>> records =
                readAllChecked(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(records).hasSize(1);
        FeedRecord<CallForService> r = records.get(0);
        if (r.isOk()) {
            CallForService c = r.value();
            if (!column.equals("incident_id")) assertThat(c.id()).isEqualTo("G-1");
            if (!column.equals("received_at"))
                assertThat(c.receivedAt()).isEqualTo(Instant.parse("2024-05-01T13:00:00Z"));
            if (!column.equals("latitude")) assertThat(c.lat()).isEqualTo(40.71);
            if (!column.equals("longitude")) assertThat(c.lon()).isEqualTo(-74.00);
        } else {
            Set<RejectReason> allowed =
                    EnumSet.copyOf(
                            COLUMN_REASONS.getOrDefault(
                                    column, EnumSet.of(RejectReason.OVERSIZED_FIELD)));
            allowed.add(RejectReason.OVERSIZED_RECORD);
            assertThat(r.reject().reason())
                    .as("reject for a change to %s: %s", column, r.reject().detail())
                    .isIn(allowed);
        }
    }

    @Property(tries = 100, seed = "13")
    void rowsInOtherEncodingsNeverThrow(
            @ForAll("cells") String address, @ForAll("charsets") Charset cs) {
        var fields = new ArrayList<>(ROW);
        fields.set(COLUMNS.indexOf("block_address"), address);
        byte[] head = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] row = (CsvParser.format(fields.toArray(new String[0])) + "\n").getBytes(cs);
        byte[] file = new byte[head.length + row.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(row, 0, file, head.length, row.length);
        // a UTF-8 header over rows in another encoding: rows are read or rejected, never thrown
        readAllChecked(file);
        try {
            readAllChecked((HEADER + "\n" + new String(row, cs)).getBytes(cs));
        } catch (IllegalArgumentException e) {
            // the whole file in UTF-16: its header does not name the profile's columns
            assertThat(e.getMessage()).contains("not in the header");
        }
    }

    /** Reads every record under a time bound; checks each is named and the counts add up. */
    static List<FeedRecord<CallForService>> readAllChecked(byte[] file) {
        return assertTimeoutPreemptively(
                BOUND,
                () -> {
                    var out = new ArrayList<FeedRecord<CallForService>>();
                    try (FeedReader<CallForService> reader =
                            Feeds.calls(PROFILE, new ByteArrayInputStream(file), "fuzz", CLOCK)) {
                        reader.forEachRemaining(out::add);
                        FeedCounts counts = reader.counts();
                        long rejected = 0;
                        for (FeedRecord<CallForService> r : out) {
                            if (!r.isOk()) {
                                assertThat(r.reject().reason()).isNotNull();
                                assertThat(r.reject().detail()).isNotBlank();
                                rejected++;
                            }
                        }
                        assertThat(counts.rows()).isEqualTo(out.size());
                        assertThat(counts.accepted()).isEqualTo(out.size() - rejected);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return out;
                });
    }

    @Provide
    Arbitrary<String> columns() {
        return Arbitraries.of(COLUMNS);
    }

    /** Cell text: short, oversized, numeric edge cases, times decades away, control chars. */
    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().ofMinLength(60).ofMaxLength(5_000),
                Arbitraries.strings().withChars(",\"\r\n ;\t").ofMaxLength(10),
                Arbitraries.strings().ofLength(17_000),
                Arbitraries.of(
                        "NaN",
                        "Infinity",
                        "-Infinity",
                        "1e400",
                        "0x1p5",
                        "40.5",
                        "-73.9",
                        "0",
                        "0.0000001",
                        "-91",
                        "181",
                        "",
                        "   ",
                        "1900-01-01T00:00:00Z",
                        "2099-01-01T00:00:00Z",
                        "+999999999-12-31T23:59:59Z",
                        "-999999999-01-01T00:00:00Z",
                        "2024-02-30T00:00:00Z",
                        "2024-05-01T08:00:00+1900",
                        "9223372036854775807",
                        "\u0000",
                        "\uFEFFG-1",
                        "\uD800"),
                Arbitraries.doubles().map(d -> Double.toString(d)));
    }

    @Provide
    Arbitrary<Charset> charsets() {
        return Arbitraries.of(
                StandardCharsets.UTF_16,
                StandardCharsets.UTF_16LE,
                StandardCharsets.ISO_8859_1,
                StandardCharsets.US_ASCII,
                StandardCharsets.UTF_8);
    }

    /** Whole files: random bytes, a gzip magic with junk, a header alone, a header cut short. */
    @Provide
    Arbitrary<byte[]> files() {
        Arbitrary<byte[]> junk = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.oneOf(
                junk,
                junk.map(
                        b -> {
                            byte[] g = new byte[b.length + 2];
                            g[0] = 0x1f;
                            g[1] = (byte) 0x8b;
                            System.arraycopy(b, 0, g, 2, b.length);
                            return g;
                        }),
                Arbitraries.integers()
                        .between(0, HEADER.length())
                        .map(i -> HEADER.substring(0, i).getBytes(StandardCharsets.UTF_8)));
    }
}
