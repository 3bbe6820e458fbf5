package io.beatwatch.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevocationsTest {

    static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");
    static final Instant EXPIRES = T0.plus(Duration.ofHours(8));

    static Principal issuedAt(String user, Instant iat) {
        return new Principal(user, Role.SUPERVISOR, Set.of("*"), EXPIRES, iat);
    }

    @Test
    void refusesTokensIssuedUpToTheRevocationSecondAndAcceptsLaterOnes() {
        var r = new Revocations();
        r.revoke("sup1", T0);
        assertThat(r.revoked(issuedAt("sup1", T0.minusSeconds(1)))).isTrue();
        assertThat(r.revoked(issuedAt("sup1", T0))).isTrue();
        assertThat(r.revoked(issuedAt("sup1", T0.plusMillis(1)))).isFalse();
        assertThat(r.revoked(issuedAt("sup1", T0.plusSeconds(1)))).isFalse();
        // a token that does not say when it was issued cannot prove it is newer
        assertThat(r.revoked(issuedAt("sup1", null))).isTrue();
        assertThat(r.revoked(issuedAt("sup2", T0.minusSeconds(1)))).isFalse();
        assertThat(r.revoked(issuedAt("sup2", null))).isFalse();
    }

    @Test
    void aRevocationOnlyEverMovesLater() {
        var r = new Revocations();
        r.revoke("sup1", T0);
        r.revoke("sup1", T0.minusSeconds(60));
        assertThat(r.revoked(issuedAt("sup1", T0))).isTrue();
        r.revoke("sup1", T0.plusSeconds(60));
        assertThat(r.revoked(issuedAt("sup1", T0.plusSeconds(30)))).isTrue();
        assertThat(r.revoked(issuedAt("sup1", T0.plusSeconds(61)))).isFalse();
    }

    @Test
    void replaceWithMirrorsTheStoreAndNamesStaleAndUnreadableEntries() {
        var r = new Revocations();
        Instant now = T0.plus(Revocations.KEEP);
        var stale =
                r.replaceWith(
                        Map.of(
                                "fresh", Long.toString(T0.plusSeconds(1).toEpochMilli()),
                                "edge", Long.toString(T0.toEpochMilli()),
                                "old", Long.toString(T0.minusMillis(1).toEpochMilli()),
                                "junk", "not-a-number"),
                        now);
        assertThat(stale).containsExactlyInAnyOrder("old", "junk");
        // exactly KEEP old is still applied
        assertThat(r.revoked(issuedAt("edge", T0))).isTrue();
        assertThat(r.revoked(issuedAt("edge", T0.plusSeconds(1)))).isFalse();
        assertThat(r.revoked(issuedAt("fresh", T0.plusSeconds(1)))).isTrue();
        assertThat(r.revoked(issuedAt("fresh", T0.plusSeconds(2)))).isFalse();
        assertThat(r.revoked(issuedAt("old", T0.minusSeconds(10)))).isFalse();
        assertThat(r.revoked(issuedAt("junk", T0.minusSeconds(10)))).isFalse();
    }

    @Test
    void replaceWithKeepsLocalRevocationsTheStoreDoesNotShowYetUntilTheyAreStale() {
        var r = new Revocations();
        r.revoke("local", T0);
        r.revoke("expired", T0.minus(Revocations.KEEP).minusSeconds(1));
        var stale = r.replaceWith(Map.of(), T0);
        assertThat(stale).isEmpty();
        assertThat(r.revoked(issuedAt("local", T0))).isTrue();
        assertThat(r.revoked(issuedAt("expired", T0.minus(Duration.ofDays(2))))).isFalse();
    }

    @Test
    void replaceWithKeepsTheLaterOfTheStoredAndTheLocalRevocation() {
        for (var localAndStored :
                java.util.List.of(
                        new Instant[] {T0.plusSeconds(60), T0},
                        new Instant[] {T0, T0.plusSeconds(60)})) {
            var r = new Revocations();
            r.revoke("sup1", localAndStored[0]);
            r.replaceWith(
                    Map.of("sup1", Long.toString(localAndStored[1].toEpochMilli())),
                    T0.plusSeconds(61));
            assertThat(r.revoked(issuedAt("sup1", T0.plusSeconds(60)))).isTrue();
            assertThat(r.revoked(issuedAt("sup1", T0.plusSeconds(61)))).isFalse();
        }
    }
}
