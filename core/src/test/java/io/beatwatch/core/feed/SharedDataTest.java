package io.beatwatch.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.CityProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads the head of each real shared data file through its bundled profile. Skips where {@code
 * ../shared/data} is absent (a fresh clone outside this workplace).
 */
class SharedDataTest {

    static final int HEAD_ROWS = 20_000;

    /** After the last event of every shared file, so none is in the future. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "san-antonio, san-antonio/sapd_calls_for_service.csv.gz",
        "portland-nij, portland-nij/portland_nij_cfs_2016_aug_sep_nov.csv.gz",
        "stuttgart-reports, stuttgart-reports/stuttgart_citizen_reports.csv.gz"
    })
    void profileFitsTheRealFile(String profileName, String relative) throws IOException {
        Path file = sharedData().resolve(relative);
        assumeTrue(Files.isRegularFile(file), () -> "shared data not here: " + file);
        CityProfile profile = CityProfiles.load(profileName);

        try (FeedReader<? extends Record> reader = Feeds.open(profile, file, CLOCK)) {
            Iterator<? extends FeedRecord<? extends Record>> it = reader;
            for (int i = 0; i < HEAD_ROWS && it.hasNext(); i++) {
                it.next();
            }
            FeedCounts c = reader.counts();
            assertThat(c.rows()).isEqualTo(HEAD_ROWS);
            // The real files are clean but for a handful of badly geocoded rows.
            assertThat(c.accepted()).isGreaterThan(HEAD_ROWS * 99L / 100);
            assertThat(c.rejected())
                    .doesNotContainKeys(
                            io.beatwatch.core.model.RejectReason.MALFORMED_RECORD,
                            io.beatwatch.core.model.RejectReason.UNPARSEABLE_TIME,
                            io.beatwatch.core.model.RejectReason.MISSING_TYPE);
            assertThat(reader.bytesRead()).isPositive().isLessThanOrEqualTo(reader.totalBytes());
        }
    }

    /** {@code ../shared/data} from the project root (the folder holding config/cities). */
    static Path sharedData() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("config/cities"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("../shared/data") : dir.resolve("../shared/data").normalize();
    }
}
