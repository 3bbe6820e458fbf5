package io.beatwatch.core.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.profile.CityProfiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedInspectorTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-01T00:00:00Z"), ZoneOffset.UTC);
    static final FeedInspector INSPECTOR = new FeedInspector(CLOCK);

    static Path fixture(String name) {
        try {
            return Path.of(FeedInspectorTest.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void countsRowsTypesSharesAndCoverage() throws IOException {
        InspectionReport r =
                INSPECTOR.inspect(
                        CityProfiles.load("san-antonio"),
                        fixture("san-antonio-coverage.csv"),
                        ProgressListener.NONE);

        assertThat(r.rows()).isEqualTo(8);
        assertThat(r.accepted()).isEqualTo(7);
        assertThat(r.rejected()).isEqualTo(Map.of("out_of_bounds", 1L));
        assertThat(r.distinctIds()).isEqualTo(7);
        assertThat(r.withCoordinates()).isEqualTo(8);
        assertThat(r.officerInitiated()).isEqualTo(2);
        assertThat(r.sensitive()).as("Welfare Check x2").isEqualTo(2);
        assertThat(r.topTypes())
                .containsExactly(
                        new TypeCount("Disturbance", 3),
                        new TypeCount("Patrol By", 2),
                        new TypeCount("Welfare Check", 2));
        assertThat(r.firstEvent()).isEqualTo(Instant.parse("2024-06-01T05:10:00Z"));
        assertThat(r.lastEvent()).isEqualTo(Instant.parse("2024-06-05T04:55:00Z"));
        assertThat(r.days())
                .containsExactly(
                        new DayCoverage(
                                LocalDate.parse("2024-06-01"),
                                3,
                                LocalTime.of(0, 10),
                                LocalTime.of(23, 30),
                                true),
                        new DayCoverage(
                                LocalDate.parse("2024-06-02"),
                                2,
                                LocalTime.of(8, 0),
                                LocalTime.of(20, 0),
                                false),
                        new DayCoverage(
                                LocalDate.parse("2024-06-04"),
                                2,
                                LocalTime.of(0, 5),
                                LocalTime.of(23, 55),
                                true));
        assertThat(r.daysWithData()).isEqualTo(3);
        assertThat(r.completeDays()).isEqualTo(2);
        assertThat(r.partialDays()).isEqualTo(1);
        assertThat(r.coverageWindows()).as("06-01..06-02, then 06-04").isEqualTo(2);
        assertThat(r.completeWindows()).as("06-01, then 06-04").isEqualTo(2);
        assertThat(r.medianEventsPerCompleteDay()).isEqualTo(2.5);
        assertThat(r.rowsPerSecond()).isPositive();
    }

    @Test
    void dateOnlyFeedJudgesDaysByCount() throws IOException {
        InspectionReport r =
                INSPECTOR.inspect(
                        CityProfiles.load("portland-nij"),
                        fixture("portland-nij-sample.csv"),
                        ProgressListener.NONE);

        // 5 calls on 08-01, 1 on 08-02: median 3, so 08-02 (1 < 1.5) is partial
        assertThat(r.days()).extracting(DayCoverage::complete).containsExactly(true, false);
        assertThat(r.completenessRule()).contains("date-only");
        assertThat(r.medianEventsPerCompleteDay()).isEqualTo(5);
        assertThat(r.distinctIds()).isEqualTo(6);
        assertThat(r.officerInitiated()).isEqualTo(1);
        assertThat(r.sensitive()).isEqualTo(1);
    }

    @Test
    void tipFeedsReportCategories() throws IOException {
        InspectionReport r =
                INSPECTOR.inspect(
                        CityProfiles.load("stuttgart-reports"),
                        fixture("stuttgart-reports-sample.csv"),
                        ProgressListener.NONE);

        assertThat(r.accepted()).isEqualTo(3);
        assertThat(r.topTypes())
                .extracting(TypeCount::type)
                .containsExactly("Gefahrenstelle", "Straßenbeleuchtung", "Wilder Müll");
        assertThat(r.officerInitiated()).isZero();
        assertThat(r.render()).contains("Top categories").doesNotContain("Officer-init.");
    }

    @Test
    void reportsProgressUpToTheLastRow() throws IOException {
        List<Long> seen = new ArrayList<>();

        INSPECTOR.inspect(
                CityProfiles.load("san-antonio"),
                fixture("san-antonio-coverage.csv"),
                (rows, bytes, total) -> {
                    seen.add(rows);
                    assertThat(bytes).isLessThanOrEqualTo(total);
                });

        assertThat(seen).last().isEqualTo(8L);
    }

    @Test
    void rendersTextAndJson() throws IOException {
        InspectionReport r =
                INSPECTOR.inspect(
                        CityProfiles.load("san-antonio"),
                        fixture("san-antonio-coverage.csv"),
                        ProgressListener.NONE);

        assertThat(r.render())
                .contains("Rows           8 read in")
                .contains("Accepted       7 (87.50%)")
                .contains("Rejected       1: out_of_bounds 1")
                .contains("3 days with data in 2 windows; 2 complete (in 2 windows), 1 partial")
                .contains("2024-06-02 (2, 08:00-20:00)")
                .contains("Disturbance");
        var json = Json.tree(Json.encode(r));
        assertThat(json.get("days").get(0).get("date").asText()).isEqualTo("2024-06-01");
        assertThat(json.get("firstEvent").asText()).isEqualTo("2024-06-01T05:10:00Z");
        assertThat(json.get("rejected").get("out_of_bounds").asLong()).isEqualTo(1);
    }
}
