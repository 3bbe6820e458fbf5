package io.beatwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.jobs.hotspot.RawRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFeedTest {

    private static final String HEADER =
            "incident_id,received_at,call_type_initial,call_type_final,call_type,call_group,"
                    + "priority,disposition,district,beat,latitude,longitude,block_address,"
                    + "self_initiated";
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant FROM = T0.plus(Duration.ofDays(3));
    private static final Instant TO = T0.plus(Duration.ofDays(10));

    @TempDir Path dir;

    @BeforeEach
    void ownCache() {
        System.setProperty("beatwatch.cache", dir.resolve("cache").toString());
    }

    @AfterEach
    void noCache() {
        System.clearProperty("beatwatch.cache");
    }

    @Test
    void aFileKnownToBeInTimeOrderIsReadOnlyADayPastTheEndOfThePeriod() throws IOException {
        Path f = file(30, List.of());
        // the first read cannot know the order: the whole file
        assertThat(read(f, FROM, TO)).hasSize(7 * 24);
        assertThat(ReplayProgress.rows()).isEqualTo(30 * 24);
        // then: the rows up to 11 days and the first row at 11 days, 11 * 24 + 1 of 720
        assertThat(read(f, FROM, TO)).hasSize(7 * 24);
        assertThat(ReplayProgress.rows()).isEqualTo(11 * 24 + 1);
    }

    @Test
    void aFileOutOfOrderIsReadToItsEndSoNoRowOfThePeriodIsLost() throws IOException {
        // a row of day 5 after day 30 (a file appended to): it must be found, read after read
        Path f = file(30, List.of(row("LATE", T0.plus(Duration.ofDays(5)))));
        for (int read = 0; read < 2; read++) {
            assertThat(read(f, FROM, TO)).hasSize(7 * 24 + 1);
            assertThat(ReplayProgress.rows()).isEqualTo(30 * 24 + 1);
        }
    }

    @Test
    void aFileThatChangedIsNotTakenForTheOneThatWasInOrder() throws IOException {
        Path f = file(30, List.of());
        read(f, FROM, TO);
        Files.writeString(
                f,
                row("LATE", T0.plus(Duration.ofDays(5))) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(read(f, FROM, TO)).hasSize(7 * 24 + 1);
    }

    @Test
    void withoutAnEndTheWholeFileIsRead() throws IOException {
        Path f = file(5, List.of());
        read(f, null, null);
        assertThat(read(f, null, null)).hasSize(5 * 24);
        assertThat(ReplayProgress.rows()).isEqualTo(5 * 24);
    }

    /** One call an hour for {@code days} days, then {@code tail}. */
    private Path file(int days, List<String> tail) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (int h = 0; h < days * 24; h++) lines.add(row("C-" + h, T0.plusSeconds(3600L * h)));
        lines.addAll(tail);
        Path f = dir.resolve("calls.csv");
        Files.write(f, lines);
        return f;
    }

    private static String row(String id, Instant t) {
        return id
                + ","
                + t
                + ",Theft,Theft,Theft,Property,1,Report,North,N1,40.71,-74.0,Main St,no";
    }

    private static List<RawRecord> read(Path f, Instant from, Instant to) {
        ReplayProgress.reset();
        var feed = FileFeed.of(CityProfiles.locate("generic-csv"), f, from, to);
        List<RawRecord> out = new ArrayList<>();
        for (Iterator<RawRecord> it = feed.open(); it.hasNext(); ) out.add(it.next());
        return out;
    }
}
