package io.beatwatch.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.profile.CityProfiles;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SensitiveRuleTest {

    static CallForService call(String type, String initial, String fin, String category) {
        return new CallForService(
                CallForService.VERSION,
                "C1",
                Instant.EPOCH,
                type,
                initial,
                fin,
                category,
                null,
                false,
                null,
                null,
                null,
                29.4,
                -98.5,
                null,
                "test");
    }

    @ParameterizedTest
    @CsvSource({
        "Lewd Conduct, true",
        "Visitation Violation, true",
        "Theft, false",
        "Disturbance, false"
    })
    void sanAntonioProfileAddsItsOwnTypesToTheDefaults(String type, boolean sensitive) {
        var rule = SensitiveRule.forProfile(CityProfiles.load("san-antonio"));
        assertThat(rule.isSensitive(call(type, null, null, null))).isEqualTo(sensitive);
    }

    @Test
    void defaultsAloneMissTheProfilesTypes() {
        assertThat(SensitiveRule.defaults().isSensitive(call("Lewd Conduct", null, null, null)))
                .isFalse();
    }

    @Test
    void defaultTermsMatchCurrentInitialFinalTypeAndCategory() {
        var rule = SensitiveRule.defaults();
        assertThat(rule.isSensitive(call("DISTURBANCE", "Domestic Violence", null, null))).isTrue();
        assertThat(rule.isSensitive(call("DISTURBANCE", null, "WELFARE CHECK", null))).isTrue();
        assertThat(rule.isSensitive(call("NOISE", null, null, "mental health"))).isTrue();
        assertThat(rule.isSensitive(call("JUVENILE PROBLEM", null, null, null))).isTrue();
        assertThat(rule.isSensitive(call("BURGLARY", "THEFT", "BURGLARY", "property"))).isFalse();
    }
}
