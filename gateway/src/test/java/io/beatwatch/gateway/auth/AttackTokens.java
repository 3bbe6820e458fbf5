package io.beatwatch.gateway.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens an attacker would try against the gateway, each a supervisor token for all districts that
 * breaks one rule: no signature, a symmetric signature keyed with the public key, a tampered
 * signature or payload, a foreign key (also offered in the header), wrong times, issuer or
 * audience. Every one must get a 401.
 */
public final class AttackTokens {

    private AttackTokens() {}

    /** Name to token, in a stable order. */
    public static Map<String, String> all(DevTokens tokens, Clock clock) throws Exception {
        var keys = tokens.keys();
        var now = clock.instant();
        var out = new LinkedHashMap<String, String>();
        JWTClaimsSet good = claims(tokens, now, "beatwatch", tokens.audience(), "supervisor");

        out.put("alg-none", new PlainJWT(good).serialize());
        // alg=none but with the header spelt by hand and a dangling signature part
        out.put(
                "alg-none-handmade",
                Base64URL.encode(
                                "{\"alg\":\"none\",\"typ\":\"JWT\"}"
                                        .getBytes(StandardCharsets.UTF_8))
                        + "."
                        + Base64URL.encode(good.toString().getBytes(StandardCharsets.UTF_8))
                        + ".");
        out.put("hs256-with-public-key-der", hs256(good, keys.publicKey().getEncoded()));
        out.put(
                "hs256-with-public-key-pem",
                hs256(good, keys.publicKeyPem().getBytes(StandardCharsets.UTF_8)));

        String valid = sign(good, keys.privateKey(), null);
        int dot = valid.lastIndexOf('.');
        char last = valid.charAt(valid.length() - 5);
        out.put(
                "tampered-signature",
                valid.substring(0, valid.length() - 5)
                        + (last == 'A' ? 'B' : 'A')
                        + valid.substring(valid.length() - 4));
        out.put("signature-stripped", valid.substring(0, dot + 1));
        // a dispatcher's real token with its payload swapped for a supervisor's
        String disp =
                sign(
                        claims(tokens, now, "beatwatch", tokens.audience(), "dispatcher", "NORTH"),
                        keys.privateKey(),
                        null);
        var parts = disp.split("\\.");
        out.put(
                "tampered-payload-role",
                parts[0]
                        + "."
                        + Base64URL.encode(good.toString().getBytes(StandardCharsets.UTF_8))
                        + "."
                        + parts[2]);

        var attacker = DevKeys.generate();
        out.put("foreign-key", sign(good, attacker.privateKey(), null));
        out.put(
                "foreign-key-embedded-jwk",
                sign(
                        good,
                        attacker.privateKey(),
                        new RSAKey.Builder(attacker.publicKey()).build()));

        out.put(
                "expired",
                sign(
                        with(
                                good,
                                b -> b.expirationTime(Date.from(now.minus(Duration.ofHours(1))))),
                        keys.privateKey(),
                        null));
        out.put(
                "no-expiry",
                sign(with(good, b -> b.expirationTime(null)), keys.privateKey(), null));
        out.put(
                "not-yet-valid",
                sign(
                        with(good, b -> b.notBeforeTime(Date.from(now.plus(Duration.ofHours(1))))),
                        keys.privateKey(),
                        null));
        out.put(
                "wrong-issuer",
                sign(
                        claims(tokens, now, "evil", tokens.audience(), "supervisor"),
                        keys.privateKey(),
                        null));
        out.put(
                "wrong-audience",
                sign(
                        claims(tokens, now, "beatwatch", "another-service", "supervisor"),
                        keys.privateKey(),
                        null));
        out.put(
                "no-audience",
                sign(
                        claims(tokens, now, "beatwatch", null, "supervisor"),
                        keys.privateKey(),
                        null));
        out.put(
                "unknown-role",
                sign(
                        claims(tokens, now, "beatwatch", tokens.audience(), "admin"),
                        keys.privateKey(),
                        null));
        return out;
    }

    /** A validly signed token of a non-staff role (what a citizen app might hold). */
    public static String publicRole(DevTokens tokens, Clock clock) throws Exception {
        return sign(
                claims(tokens, clock.instant(), "beatwatch", tokens.audience(), "public"),
                tokens.keys().privateKey(),
                null);
    }

    private static JWTClaimsSet claims(
            DevTokens tokens,
            java.time.Instant now,
            String iss,
            String aud,
            String role,
            String... districts) {
        var b =
                new JWTClaimsSet.Builder()
                        .subject("sup1")
                        .issuer(iss)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                        .claim(TokenVerifier.CLAIM_ROLE, role)
                        .claim(
                                TokenVerifier.CLAIM_DISTRICTS,
                                districts.length == 0
                                        ? List.of(Principal.ALL)
                                        : List.of(districts));
        if (aud != null) {
            b.audience(aud);
        }
        return b.build();
    }

    private static JWTClaimsSet with(
            JWTClaimsSet c, java.util.function.Consumer<JWTClaimsSet.Builder> change) {
        var b = new JWTClaimsSet.Builder(c);
        change.accept(b);
        return b.build();
    }

    private static String sign(JWTClaimsSet claims, RSAPrivateKey key, RSAKey embedded)
            throws Exception {
        var h = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
        if (embedded != null) {
            h.jwk(embedded);
        }
        var jwt = new SignedJWT(h.build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String hs256(JWTClaimsSet claims, byte[] secret) throws Exception {
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32)));
        return jwt.serialize();
    }
}
