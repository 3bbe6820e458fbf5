package io.beatwatch.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.auth.Role;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisibilityTest {

    static Principal p(Role role, String... districts) {
        return new Principal("u", role, Set.of(districts), Instant.MAX);
    }

    @Test
    void districtScopeSubscriptionAndTipsRule() {
        var sup = p(Role.SUPERVISOR, "*");
        var disp = p(Role.DISPATCHER, "NORTH");
        var analyst = p(Role.ANALYST, "*");
        var ops = p(Role.OPS, "*");
        var all = Set.of("*");
        var north = Set.of("NORTH");
        assertThat(Visibility.alertVisible(sup, all, "SOUTH", false)).isTrue();
        assertThat(Visibility.alertVisible(sup, north, "SOUTH", false)).isFalse();
        assertThat(Visibility.alertVisible(sup, all, "SOUTH", true)).isTrue();
        assertThat(Visibility.alertVisible(disp, north, "NORTH", false)).isTrue();
        assertThat(Visibility.alertVisible(disp, north, "SOUTH", false)).isFalse();
        assertThat(Visibility.alertVisible(disp, north, "NORTH", true)).isFalse();
        assertThat(Visibility.alertVisible(disp, north, null, false)).isFalse();
        assertThat(Visibility.alertVisible(analyst, all, "NORTH", true)).isFalse();
        assertThat(Visibility.alertVisible(ops, all, "NORTH", false)).isFalse();
    }

    @Test
    void aSubscriptionToNamedDistrictsNeverShowsAnAlertWithoutADistrict() {
        var sup = p(Role.SUPERVISOR, "*");
        assertThat(Visibility.alertVisible(sup, Set.of("*"), null, false)).isTrue();
        assertThat(Visibility.alertVisible(sup, Set.of("NORTH"), null, false)).isFalse();
        assertThat(Visibility.alertVisible(sup, Set.of("NORTH"), "NORTH", true)).isTrue();
    }

    @Test
    void aRestReadSeesTheWholeScope() {
        var disp = p(Role.DISPATCHER, "NORTH", "EAST");
        assertThat(Visibility.alertVisible(disp, "EAST", false)).isTrue();
        assertThat(Visibility.alertVisible(disp, "SOUTH", false)).isFalse();
        assertThat(Visibility.alertVisible(disp, "EAST", true)).isFalse();
        assertThat(Visibility.alertVisible(p(Role.SUPERVISOR, "*"), "SOUTH", true)).isTrue();
        assertThat(Visibility.alertVisible(p(Role.ANALYST, "*"), "SOUTH", false)).isTrue();
        assertThat(Visibility.alertVisible(p(Role.OPS, "*"), "SOUTH", false)).isFalse();
    }
}
