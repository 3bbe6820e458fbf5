package io.beatwatch.core.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.profile.TypeRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The traps of a new export that {@code inspect} must catch: clock, extent, types, gaps. */
class InspectionTrapsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final LocalDate D0 = LocalDate.of(2024, 6, 3);

    /** Calls per local hour of a usual day: fewest 03:00-06:00, most in the afternoon. */
    static final int[] RHYTHM = {
        6, 5, 4, 2, 2, 2, 4, 6, 8, 9, 10, 10, 11, 11, 12, 13, 13, 13, 12, 11, 10, 9, 8, 7
    };

    static final String PROFILE =
            """
            name: trap-city
            feed: cfs
            format: csv
            zone: America/Chicago
            bounds: {minLat: -90, maxLat: 90, minLon: -180, maxLon: 180}
            columns: {id: id, type: type, lat: lat, lon: lon}
            time: {column: t, kind: epoch-millis}
            officerInitiated: {types: [Patrol By]}
            """;

    /** A CSV of 14 days of the usual rhythm; {@code millis} writes each local time. */
    static Path city(Path dir, Function<LocalDateTime, Long> millis, int atOrigin)
            throws IOException {
        var sb = new StringBuilder("id,t,type,lat,lon\n");
        int id = 0;
        String[] types = {"Disturbance", "Theft", "Patrol By", "Traffic Stop", "Security Check"};
        for (int d = 0; d < 14; d++) {
            for (int h = 0; h < 24; h++) {
                for (int i = 0; i < RHYTHM[h]; i++) {
                    LocalDateTime local = D0.plusDays(d).atTime(h, (i * 7) % 60);
                    double lat = 29.3 + 0.01 * (id % 30);
                    double lon = -98.6 + 0.01 * (id % 40);
                    if (id < atOrigin) {
                        // state-plane 0,0 converted to degrees: far from the city, inside the globe
                        lat = 31.7;
                        lon = -104.9;
                    }
                    sb.append(id)
                            .append(',')
                            .append(millis.apply(local))
                            .append(',')
                            .append(types[id % types.length])
                            .append(',')
                            .append(lat)
                            .append(',')
                            .append(lon)
                            .append('\n');
                    id++;
                }
            }
        }
        return Files.writeString(dir.resolve("calls.csv"), sb);
    }

    static InspectionReport inspect(Path file) throws IOException {
        CityProfile p = CityProfiles.parse(PROFILE, "trap-city");
        return new FeedInspector(CLOCK).inspect(p, file, ProgressListener.NONE);
    }

    static long trueMillis(LocalDateTime local) {
        return local.atZone(CHICAGO).toInstant().toEpochMilli();
    }

    /** The trap: the local wall clock written as if it were UTC. */
    static long wallClockAsUtc(LocalDateTime local) {
        return local.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void warnsWhenAWallClockStoredAsUtcShiftsTheQuietHours(@TempDir Path dir) throws IOException {
        InspectionReport r = inspect(city(dir, InspectionTrapsTest::wallClockAsUtc, 0));

        ClockCheck clock = r.checks().clock();
        assertThat(clock.shiftHours()).as("Chicago is UTC-5 in June").isEqualTo(-5);
        assertThat(clock.quietStartHour()).isEqualTo(22);
        assertThat(clock.warning()).contains("22:00-01:00").contains("wall clock stored as UTC");
        assertThat(r.checks().warnings()).anyMatch(w -> w.startsWith("time:"));
        assertThat(r.render()).contains("By hour").contains("! time:");
    }

    @Test
    void aTrueClockGivesNoWarningAndLocalHistograms(@TempDir Path dir) throws IOException {
        InspectionReport r = inspect(city(dir, InspectionTrapsTest::trueMillis, 0));

        ClockCheck clock = r.checks().clock();
        assertThat(clock.warning()).isNull();
        assertThat(clock.quietStartHour()).isEqualTo(3);
        assertThat(clock.byHour()).hasSize(24);
        assertThat(clock.byHour().get(4)).isEqualTo(14 * 2L);
        assertThat(clock.byHour().get(15)).isEqualTo(14 * 13L);
        assertThat(clock.byWeekday()).allMatch(n -> n == 2 * 198L);
        assertThat(r.checks().warnings()).isEmpty();
    }

    @Test
    void countsPointsAtAProjectedOriginThatWholeGlobeBoundsAccept(@TempDir Path dir)
            throws IOException {
        InspectionReport r = inspect(city(dir, InspectionTrapsTest::trueMillis, 40));

        ExtentCheck e = r.checks().extent();
        assertThat(r.accepted()).as("the template bounds accept them").isEqualTo(14 * 198L);
        assertThat(e.outside()).isEqualTo(40);
        assertThat(e.topOutside()).first().isEqualTo(new ExtentCheck.Point(31.7, -104.9, 40));
        assertThat(e.extent().minLat()).isEqualTo(29.3);
        assertThat(e.suggestedBounds().maxLon()).isLessThan(-98.1);
        assertThat(e.warning()).contains("40 accepted events").contains("projected origin");
        assertThat(r.render())
                .contains("of accepted, 40 far outside the data's extent")
                .contains("! location:");
    }

    @Test
    void suggestsOfficerInitiatedTypesTheProfileDoesNotCount(@TempDir Path dir) throws IOException {
        InspectionReport r = inspect(city(dir, InspectionTrapsTest::trueMillis, 0));

        assertThat(r.checks().allTypes()).hasSize(5);
        assertThat(r.checks().suggestedOfficer())
                .extracting(TypeCount::type)
                .containsExactlyInAnyOrder("Traffic Stop", "Security Check");
        assertThat(r.checks().configuredOfficer())
                .extracting(TypeCount::type)
                .containsExactly("Patrol By");
        assertThat(r.render())
                .contains("Officer-initiated by name?")
                .contains("officerInitiated: {types: [");
    }

    @ParameterizedTest
    @CsvSource({
        "Officer Traffic Stop, true",
        "SUBJECT STOP, true",
        "Security Check, true",
        "Patrol By, true",
        "CRT Follow Up, true",
        "Follow-up Investigation, true",
        "FOLLOWUP, true",
        "Premise Check, true",
        "On View Arrest, true",
        "Disturbance, false",
        "Stolen Vehicle, false",
        "Bus Stoppage, false",
        "Welfare Check, false"
    })
    void officerTypesByName(String type, boolean officer) {
        assertThat(OfficerTypeHints.looksOfficerInitiated(type)).isEqualTo(officer);
    }

    @Test
    void officerSuggestionsLeaveOutConfiguredTypes() {
        var types = List.of(new TypeCount("Patrol By", 10), new TypeCount("Area Check", 5));
        var rules = new TypeRules(List.of("Patrol By"), List.of());

        assertThat(OfficerTypeHints.suggest(types, rules, false))
                .containsExactly(new TypeCount("Area Check", 5));
        assertThat(OfficerTypeHints.yaml(List.of(new TypeCount("Area Check", 5))))
                .isEqualTo("officerInitiated: {types: [Area Check]}");
    }

    @Test
    void gapsOfWeeksSuggestALongerBaseline() {
        // six days a month, as the San Antonio mirror
        var days = new ArrayList<LocalDate>();
        for (int m = 0; m < 6; m++) {
            for (int d = 1; d <= 6; d++) {
                days.add(LocalDate.of(2024, 1 + m, d));
            }
        }

        BaselineAdvice a = BaselineAdvice.of(days, null);

        assertThat(a.daysWithData()).isEqualTo(36);
        assertThat(a.longestGapDays()).isEqualTo(25); // Jan 7 .. Jan 31
        assertThat(a.gapFrom()).isEqualTo(LocalDate.of(2024, 1, 7));
        assertThat(a.suggestedDays()).isEqualTo(84); // 18 days with data at 36 / 158, in weeks
        assertThat(a.render()).contains("set baselineDays: 84");
    }

    @Test
    void aContinuousFeedKeepsTheDefaultBaseline() {
        var days = new ArrayList<LocalDate>();
        for (int d = 0; d < 60; d++) {
            days.add(D0.plusDays(d));
        }

        BaselineAdvice a = BaselineAdvice.of(days, null);

        assertThat(a.suggestedDays()).isNull();
        assertThat(a.gaps()).isZero();
        assertThat(a.render()).contains("the default baseline is fine");
    }
}
