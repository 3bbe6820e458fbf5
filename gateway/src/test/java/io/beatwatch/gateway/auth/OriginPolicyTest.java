package io.beatwatch.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    static final OriginPolicy POLICY =
            new OriginPolicy(List.of("https://console.city.gov", "http://localhost:8080"));

    @Test
    void allowsOnlyExactConfiguredOrigins() {
        assertThat(POLICY.allows("https://console.city.gov")).isTrue();
        assertThat(POLICY.allows("http://localhost:8080")).isTrue();
        for (var o :
                List.of(
                        "https://console.city.gov/",
                        "https://console.city.gov:443",
                        "http://console.city.gov",
                        "https://console.city.gov.evil.com",
                        "https://evil.com",
                        "HTTPS://CONSOLE.CITY.GOV",
                        "null",
                        "",
                        "http://localhost:8081",
                        "http://localhost")) {
            assertThat(POLICY.allows(o)).as(o).isFalse();
        }
        assertThat(POLICY.allows(null)).isFalse();
    }

    @Test
    void principalScopeCoversOnlyItsDistricts() {
        var all = new Principal("s", Role.SUPERVISOR, java.util.Set.of("*"), java.time.Instant.MAX);
        var north =
                new Principal(
                        "d", Role.DISPATCHER, java.util.Set.of("NORTH"), java.time.Instant.MAX);
        assertThat(all.covers(List.of("*", "NORTH"))).isTrue();
        assertThat(north.covers(List.of("NORTH"))).isTrue();
        assertThat(north.covers(List.of("NORTH", "SOUTH"))).isFalse();
        assertThat(north.covers(List.of("*"))).isFalse();
        assertThat(north.canSee(null)).isFalse();
        assertThat(all.canSee(null)).isTrue();
    }
}
