package io.beatwatch.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleTest {

    /** The role matrix of ARCHITECTURE section 1, one row a role, in the order of the columns. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // role,      live view, acts, tips,  suggestions, status
        "SUPERVISOR, true,      true,  true,  true,        true",
        "DISPATCHER, true,      false, false, true,        false",
        "ANALYST,    true,      false, false, false,       false",
        "OPS,        false,     false, false, false,       true",
    })
    void eachRoleMayDoExactlyWhatTheMatrixSays(
            Role role,
            boolean liveView,
            boolean actsOnAlerts,
            boolean seesTips,
            boolean suggestions,
            boolean status) {
        assertThat(role.readsLiveView()).as("readsLiveView").isEqualTo(liveView);
        assertThat(role.actsOnAlerts()).as("actsOnAlerts").isEqualTo(actsOnAlerts);
        assertThat(role.seesTips()).as("seesTips").isEqualTo(seesTips);
        assertThat(role.handlesSuggestions()).as("handlesSuggestions").isEqualTo(suggestions);
        assertThat(role.readsStatus()).as("readsStatus").isEqualTo(status);
    }

    @Test
    void onlyTheSupervisorActsOnAlertsAndSeesTips() {
        assertThat(rolesWhere(Role::actsOnAlerts)).containsExactly(Role.SUPERVISOR);
        assertThat(rolesWhere(Role::seesTips)).containsExactly(Role.SUPERVISOR);
        assertThat(rolesWhere(Role::readsLiveView))
                .containsExactly(Role.SUPERVISOR, Role.DISPATCHER, Role.ANALYST);
    }

    @Test
    void parsesOnlyTheExactLowerCaseWireName() {
        for (var r : Role.values()) {
            assertThat(Role.parse(r.wire())).contains(r);
        }
        assertThat(Role.SUPERVISOR.wire()).isEqualTo("supervisor");
        assertThat(Role.parse("SUPERVISOR")).isEmpty();
        assertThat(Role.parse("admin")).isEmpty();
        assertThat(Role.parse("")).isEmpty();
        assertThat(Role.parse(null)).isEmpty();
    }

    private static java.util.List<Role> rolesWhere(Predicate<Role> p) {
        return java.util.Arrays.stream(Role.values()).filter(p).toList();
    }
}
