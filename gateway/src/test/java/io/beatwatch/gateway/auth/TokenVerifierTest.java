package io.beatwatch.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
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
import java.util.function.UnaryOperator;
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

    /** A supervisor token valid at T0 for an hour, changed by {@code edit}, signed with KEYS. */
    static String signed(UnaryOperator<JWTClaimsSet.Builder> edit) throws Exception {
        var claims =
                edit.apply(
                                new JWTClaimsSet.Builder()
                                        .subject("sup1")
                                        .issuer("beatwatch")
                                        .audience(TOKENS.audience())
                                        .issueTime(Date.from(T0))
                                        .expirationTime(Date.from(T0.plusSeconds(3600)))
                                        .claim("role", "supervisor")
                                        .claim("districts", List.of("*")))
                        .build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(KEYS.privateKey()));
        return jwt.serialize();
    }

    @Test
    void expiryAndNotBeforeAreCheckedToTheSecondWithinTheSkew() throws Exception {
        // skew 30 s: expired from exp + 30 s on, valid from nbf - 30 s on
        assertThat(detailOf(signed(b -> b.expirationTime(Date.from(T0.minusSeconds(30))))))
                .isEqualTo("token has expired");
        assertThat(detailOf(signed(b -> b.expirationTime(Date.from(T0.minusSeconds(29))))))
                .isEqualTo("accepted");
        assertThat(detailOf(signed(b -> b.expirationTime(null)))).isEqualTo("token has no expiry");
        assertThat(detailOf(signed(b -> b.notBeforeTime(Date.from(T0.plusSeconds(30))))))
                .isEqualTo("accepted");
        assertThat(detailOf(signed(b -> b.notBeforeTime(Date.from(T0.plusSeconds(31))))))
                .isEqualTo("token is not valid yet");
    }

    @Test
    void subjectAndDistrictNamesHaveBoundedLengths() throws Exception {
        assertThat(detailOf(signed(b -> b.subject("u".repeat(128))))).isEqualTo("accepted");
        assertThat(detailOf(signed(b -> b.subject("u".repeat(129)))))
                .isEqualTo("token has no subject");
        assertThat(detailOf(signed(b -> b.subject(" ")))).isEqualTo("token has no subject");
        assertThat(detailOf(signed(b -> b.subject(null)))).isEqualTo("token has no subject");
        assertThat(detailOf(signed(b -> b.claim("districts", List.of("D".repeat(64))))))
                .isEqualTo("accepted");
        assertThat(detailOf(signed(b -> b.claim("districts", List.of("D".repeat(65))))))
                .isEqualTo("token district is invalid");
        assertThat(detailOf(signed(b -> b.claim("districts", List.of("NORTH", " ")))))
                .isEqualTo("token district is invalid");
        assertThat(detailOf(signed(b -> b.claim("districts", 7))))
                .isEqualTo("token claims have the wrong type");
        assertThat(detailOf(signed(b -> b.audience("other-service"))))
                .isEqualTo("token audience is not accepted");
    }

    @Test
    void aTokenOfExactlyTheMaximumLengthIsParsedNotRefusedAsOversized() {
        assertThat(detailOf("x".repeat(TokenVerifier.MAX_TOKEN_CHARS)))
                .isEqualTo("token is not a signed JWT");
        assertThat(detailOf("x".repeat(TokenVerifier.MAX_TOKEN_CHARS + 1)))
                .isEqualTo("missing or oversized token");
        assertThat(detailOf("")).isEqualTo("missing or oversized token");
    }

    @Test
    void readsTheScopeAndTheIssueTimeIntoThePrincipal() throws Exception {
        var p = VERIFIER.verify(signed(b -> b.claim("districts", List.of("NORTH", "EAST"))));
        assertThat(p.user()).isEqualTo("sup1");
        assertThat(p.role()).isEqualTo(Role.SUPERVISOR);
        assertThat(p.districts()).containsExactlyInAnyOrder("NORTH", "EAST");
        assertThat(p.issuedAt()).isEqualTo(T0);
        assertThat(p.expiresAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(VERIFIER.verify(signed(b -> b.issueTime(null))).issuedAt()).isNull();
        assertThat(VERIFIER.verify(signed(b -> b.claim("districts", null))).districts()).isEmpty();
    }

    @Test
    void refusesTokensOfARevokedUserIssuedUpToTheRevocation() throws Exception {
        var v = new TokenVerifier(List.of(KEYS.publicKey()), "beatwatch", Duration.ZERO, CLOCK);
        v.revocations().revoke("sup1", T0);
        assertThat(catchDetail(v, signed(b -> b))).isEqualTo("token has been revoked (signed out)");
        assertThat(catchDetail(v, signed(b -> b.issueTime(Date.from(T0.plusSeconds(1))))))
                .isEqualTo("accepted");
        assertThat(catchDetail(v, signed(b -> b.subject("sup2")))).isEqualTo("accepted");
    }

    @Test
    void aKeyRotationTrustsTheNewKeysAtOnceAndRefusesTheOldOnes() throws Exception {
        var next = DevKeys.generate();
        var nextTokens = new DevTokens(next, "beatwatch", CLOCK);
        String oldToken = signed(b -> b);
        String newToken =
                nextTokens.sign("sup1", Role.SUPERVISOR, List.of("*"), Duration.ofHours(1));
        var v = new TokenVerifier(List.of(KEYS.publicKey()), "beatwatch", Duration.ZERO, CLOCK);
        assertThat(catchDetail(v, newToken)).isEqualTo("token signature is not valid");

        v.trust(List.of(next.publicKey(), KEYS.publicKey()));
        assertThat(catchDetail(v, oldToken)).isEqualTo("accepted");
        assertThat(catchDetail(v, newToken)).isEqualTo("accepted");

        v.trust(List.of(next.publicKey()));
        assertThat(catchDetail(v, oldToken)).isEqualTo("token signature is not valid");
        assertThat(catchDetail(v, newToken)).isEqualTo("accepted");

        assertThatIllegalArgumentException().isThrownBy(() -> v.trust(List.of()));
        assertThat(catchDetail(v, newToken)).isEqualTo("accepted");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TokenVerifier(List.of(), "beatwatch", Duration.ZERO, CLOCK));
    }

    @Test
    void theAnalystDevUserReadsEveryDistrict() {
        var g = DevTokens.grantFor("analyst1").orElseThrow();
        assertThat(g.role()).isEqualTo(Role.ANALYST);
        assertThat(g.districts()).containsExactly(Principal.ALL);
        assertThat(DevTokens.grantFor(null)).isEmpty();
    }

    static String catchDetail(TokenVerifier v, String token) {
        try {
            v.verify(token);
            return "accepted";
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(401);
            return e.detail();
        }
    }
}
