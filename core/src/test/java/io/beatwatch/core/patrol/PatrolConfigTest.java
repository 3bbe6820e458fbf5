package io.beatwatch.core.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatwatch.core.profile.TypeRules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The patrol policy's defaults, validation, rounds and type lists. */
class PatrolConfigTest {

    static final PatrolConfig C = PatrolConfig.defaults(ZoneId.of("America/Chicago"));

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(C.cycle()).isEqualTo(Duration.ofMinutes(15));
        assertThat(C.placesPerCycle()).isEqualTo(3);
        assertThat(C.dwellMinutes()).isEqualTo(15);
        assertThat(C.declineBlock()).isEqualTo(Duration.ofHours(2));
        assertThat(C.maxVisitsPerCellPerDay()).isEqualTo(4);
    }

    @Test
    void invalidValuesAreRejected() {
        assertThatThrownBy(() -> C.withPlaces(-1, 1)).hasMessageContaining("placesPerCycle");
        assertThatThrownBy(() -> C.withCaps(0, 0.1, 0.2)).hasMessageContaining("maxVisits");
        assertThatThrownBy(() -> C.withCaps(4, 0, 0.2)).hasMessageContaining("maxCellShare");
        assertThatThrownBy(() -> C.withCaps(4, 0.1, 1.5)).hasMessageContaining("Neighbourhood");
        assertThatThrownBy(() -> C.withBlocks(Duration.ofMinutes(-1), Duration.ZERO))
                .hasMessageContaining("coolDown");
        assertThatThrownBy(() -> C.withPoolSize(0)).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> C.withMinSpacingRings(4)).hasMessageContaining("minSpacingRings");
        assertThatThrownBy(() -> copy(Duration.ofMinutes(7), 15))
                .hasMessageContaining("divide a day");
        assertThatThrownBy(() -> copy(Duration.ofMinutes(15), 9)).hasMessageContaining("Koper");
        assertThatThrownBy(() -> copy(Duration.ofMinutes(15), 16)).hasMessageContaining("Koper");
    }

    @Test
    void roundsFallOnMultiplesOfTheCycle() {
        long t = Instant.parse("2026-03-02T12:07:00Z").toEpochMilli();
        assertThat(Instant.ofEpochMilli(C.cycleAtOrAfter(t)))
                .isEqualTo(Instant.parse("2026-03-02T12:15:00Z"));
        assertThat(C.cycleAtOrAfter(C.cycleAtOrAfter(t))).isEqualTo(C.cycleAtOrAfter(t));
        assertThat(C.isCycleStart(C.cycleAtOrAfter(t))).isTrue();
        assertThat(C.isCycleStart(t)).isFalse();
    }

    @Test
    void localDaysFollowTheCitysZone() {
        // 05:30 UTC is still the previous evening in San Antonio
        long late = Instant.parse("2026-03-03T05:30:00Z").toEpochMilli();
        assertThat(java.time.LocalDate.ofEpochDay(C.localDay(late))).hasToString("2026-03-02");
    }

    @Test
    void enforcementAndIgnoredTypesDoNotCountAsRisk() {
        var profileOfficer = TypeFilter.of(new TypeRules(List.of("CRT Follow Up"), List.of()));
        var c = C.withTypes(C.enforcementTypes().union(profileOfficer), C.ignoredTypes());

        assertThat(c.countsAsRisk("Patrol By")).isFalse();
        assertThat(c.countsAsRisk("Officer Traffic Stop")).isFalse();
        assertThat(c.countsAsRisk("crt follow up")).isFalse();
        assertThat(c.countsAsRisk("Minor Accident")).isFalse();
        assertThat(c.countsAsRisk("Burglary")).isTrue();
        assertThat(c.countsAsRisk("Disturbance")).isTrue();
    }

    private static PatrolConfig copy(Duration cycle, int dwell) {
        return new PatrolConfig(
                cycle,
                C.placesPerCycle(),
                C.placesPerAlert(),
                dwell,
                C.validFor(),
                C.visitTimeout(),
                C.maxVisitsPerCellPerDay(),
                C.coolDown(),
                C.declineBlock(),
                C.maxCellShare(),
                C.maxNeighbourhoodShare(),
                C.neighbourhoodResolution(),
                C.minSpacingRings(),
                C.poolSize(),
                C.alertWeight(),
                C.riskHalfLife(),
                C.staleAfter(),
                C.quietAfter(),
                C.enforcementTypes(),
                C.ignoredTypes(),
                C.zone(),
                C.seed());
    }
}
