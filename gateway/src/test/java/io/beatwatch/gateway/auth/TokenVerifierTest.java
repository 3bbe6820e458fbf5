package io.beatwatch.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.beatwatch.gateway.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final DevKeys KEYS = DevKeys.generate();
    static final DevTokens TOKENS = new DevTokens(KEYS, "beatwatch", CLOCK);
    static final TokenVerifier VERIFIER =
            new TokenVerifier(
                    List.of(KEYS.publicKey()), "beatwatch", Duration.ofSeconds(30), CLOCK);

    static String detailOf(String token) {
        try {
            VERIFIER.verify(token);
            return "accepted";
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(401);
            return e.detail();
        }
    }

    @Test
    void acceptsAValidTokenAndReadsRoleAndDistricts() {
        var p = VERIFIER.verifyHeader("Bearer " + TOKENS.forDevUser("disp-north").orElseThrow());
        assertThat(p.user()).isEqualTo("disp-north");
        assertThat(p.role()).isEqualTo(Role.DISPATCHER);
        assertThat(p.districts()).containsExactly("NORTH");
        assertThat(p.canSee("NORTH")).isTrue();
        assertThat(p.canSee("SOUTH")).isFalse();
    }

    @Test
    void refusesTokensThatBreakARule() {
        var other = new DevTokens(DevKeys.generate(), "beatwatch", CLOCK);
        assertThat(detailOf(other.sign("sup1", Role.SUPERVISOR, List.of("*"), Duration.ofHours(1))))
                .contains("signature");
        assertThat(
                        detailOf(
                                TOKENS.sign(
                                        "sup1",
                                        Role.SUPERVISOR,
                                        List.of("*"),
                                        Duration.ofSeconds(-31))))
                .contains("expired");
        assertThat(
                        detailOf(
                                TOKENS.sign(
                                        "sup1",
                                        "supervisor",
                                        List.of("*"),
                                        Duration.ofHours(1),
                                        "evil")))
                .contains("issuer");
        assertThat(
                        detailOf(
                                TOKENS.sign(
                                        "sup1",
                                        "admin",
                                        List.of("*"),
                                        Duration.ofHours(1),
                                        "beatwatch")))
                .contains("role");
        assertThat(detailOf(TOKENS.sign("d", Role.DISPATCHER, List.of("*"), Duration.ofHours(1))))
                .contains("dispatcher");
        assertThat(detailOf(TOKENS.sign("d", Role.DISPATCHER, List.of(), Duration.ofHours(1))))
                .contains("dispatcher");
        assertThat(detailOf("a.b.c")).contains("JWT");
        assertThat(detailOf("x".repeat(9000))).contains("oversized");
    }

    @Test
    void everyAttackTokenIsRefusedNamingItsRule() throws Exception {
        var attacks = AttackTokens.all(TOKENS, CLOCK);
        assertThat(attacks).hasSizeGreaterThanOrEqualTo(15);
        attacks.forEach(
                (name, token) -> assertThat(detailOf(token)).as(name).isNotEqualTo("accepted"));
        assertThat(detailOf(attacks.get("wrong-audience"))).contains("audience");
        assertThat(detailOf(attacks.get("no-audience"))).contains("audience");
        assertThat(detailOf(attacks.get("not-yet-valid"))).contains("not valid yet");
        assertThat(detailOf(attacks.get("expired"))).contains("expired");
        assertThat(detailOf(attacks.get("tampered-payload-role"))).contains("signature");
        assertThat(detailOf(attacks.get("foreign-key-embedded-jwk"))).contains("signature");
        assertThat(detailOf(TOKENS.forDevUser("sup1").orElseThrow())).isEqualTo("accepted");
    }

    @Test
    void withinClockSkewAnExpiredTokenStillPasses() {
        assertThat(
                        detailOf(
                                TOKENS.sign(
                                        "sup1",
                                        Role.SUPERVISOR,
                                        List.of("*"),
                                        Duration.ofSeconds(-10))))
                .isEqualTo("accepted");
    }

    @Test
    void refusesUnsignedAndSymmetricTokens() throws Exception {
        var claims =
                new JWTClaimsSet.Builder()
                        .subject("sup1")
                        .issuer("beatwatch")
                        .expirationTime(Date.from(T0.plusSeconds(3600)))
                        .claim("role", "supervisor")
                        .claim("districts", List.of("*"))
                        .build();
        assertThat(detailOf(new PlainJWT(claims).serialize())).contains("signed JWT");
        // HS256 keyed with the public key bytes: the classic algorithm-confusion attack.
        var hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        var secret = new byte[64];
        System.arraycopy(KEYS.publicKey().getEncoded(), 0, secret, 0, 64);
        hs.sign(new MACSigner(secret));
        assertThat(detailOf(hs.serialize())).contains("RS256");
    }

    @Test
    void headerMustUseTheBearerScheme() {
        assertThatThrownBy(() -> VERIFIER.verifyHeader(null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> VERIFIER.verifyHeader("Basic abc")).hasMessageContaining("Bearer");
    }

    @Test
    void devUsersMapToRolesAndDistricts() {
        assertThat(DevTokens.grantFor("sup1").orElseThrow().role()).isEqualTo(Role.SUPERVISOR);
        assertThat(DevTokens.grantFor("ops1").orElseThrow().role()).isEqualTo(Role.OPS);
        assertThat(DevTokens.grantFor("disp-east").orElseThrow().districts())
                .containsExactly("EAST");
        assertThat(DevTokens.grantFor("disp-")).isEmpty();
        assertThat(DevTokens.grantFor("root")).isEmpty();
    }

    @Test
    void pemRoundTripsAndRejectsJunk() {
        var pem = KEYS.publicKeyPem();
        assertThat(PemKeys.rsaPublicKey(pem)).isEqualTo(KEYS.publicKey());
        assertThatThrownBy(() -> PemKeys.rsaPublicKey("hello")).hasMessageContaining("PEM");
        assertThatThrownBy(
                        () ->
                                PemKeys.rsaPublicKey(
                                        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .hasMessageContaining("not a valid RSA key");
    }
}
