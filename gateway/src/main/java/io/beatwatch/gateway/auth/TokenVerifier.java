package io.beatwatch.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.http.ApiException;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Checks bearer tokens: JWT, RS256 only, signed by one of the trusted keys, right issuer, our
 * audience, not expired, with a known role and a district scope. Every failure is a 401 whose
 * detail names the rule, never the token.
 */
public final class TokenVerifier {

    /** Tokens longer than this are refused before parsing. */
    public static final int MAX_TOKEN_CHARS = 8192;

    /** Claim names (docs/protocol.md). */
    public static final String CLAIM_ROLE = "role";

    public static final String CLAIM_DISTRICTS = "districts";

    private volatile List<RSASSAVerifier> verifiers;
    private final Revocations revocations = new Revocations();
    private final String issuer;
    private final String audience;
    private final Duration skew;
    private final Clock clock;

    /** A verifier expecting the default audience ({@code GatewayConfig.Jwt.DEFAULT_AUDIENCE}). */
    public TokenVerifier(List<RSAPublicKey> keys, String issuer, Duration skew, Clock clock) {
        this(keys, issuer, GatewayConfig.Jwt.DEFAULT_AUDIENCE, skew, clock);
    }

    public TokenVerifier(
            List<RSAPublicKey> keys, String issuer, String audience, Duration skew, Clock clock) {
        trust(keys);
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.skew = Objects.requireNonNull(skew, "skew");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Replaces the trusted keys at once (a key rotation): tokens signed by a key no longer in
     * {@code keys} are refused from now on.
     */
    public void trust(List<RSAPublicKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted key is required");
        }
        this.verifiers = keys.stream().map(RSASSAVerifier::new).toList();
    }

    /** The users whose earlier tokens are refused (sign-out, revoked sessions). */
    public Revocations revocations() {
        return revocations;
    }

    /** Verifies an {@code Authorization} header value ({@code Bearer <jwt>}). */
    public Principal verifyHeader(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("missing bearer token");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("authorization scheme must be Bearer");
        }
        return verify(authorization.substring(7).trim());
    }

    /** Verifies a compact JWT and returns who it proves. */
    public Principal verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw ApiException.unauthorized("missing or oversized token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw ApiException.unauthorized("token is not a signed JWT");
        }
        // Pin the algorithm: never let the token choose (alg=none, HS256 with the public key).
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw ApiException.unauthorized("token algorithm must be RS256");
        }
        if (!signedByTrustedKey(jwt)) {
            throw ApiException.unauthorized("token signature is not valid");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw ApiException.unauthorized("token issuer is not accepted");
        }
        // A token minted for another service of the same identity provider is not ours.
        var aud = claims.getAudience();
        if (aud == null || !aud.contains(audience)) {
            throw ApiException.unauthorized("token audience is not accepted");
        }
        var now = clock.instant();
        var exp = claims.getExpirationTime();
        if (exp == null) {
            throw ApiException.unauthorized("token has no expiry");
        }
        if (!now.isBefore(exp.toInstant().plus(skew))) {
            throw ApiException.unauthorized("token has expired");
        }
        var nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
            throw ApiException.unauthorized("token is not valid yet");
        }
        var sub = claims.getSubject();
        if (sub == null || sub.isBlank() || sub.length() > 128) {
            throw ApiException.unauthorized("token has no subject");
        }
        Role role;
        List<String> districts;
        try {
            role =
                    Role.parse(claims.getStringClaim(CLAIM_ROLE))
                            .orElseThrow(() -> ApiException.unauthorized("token role is unknown"));
            districts = claims.getStringListClaim(CLAIM_DISTRICTS);
        } catch (ParseException e) {
            throw ApiException.unauthorized("token claims have the wrong type");
        }
        var scope = new LinkedHashSet<String>();
        if (districts != null) {
            for (var d : districts) {
                if (d == null || d.isBlank() || d.length() > 64) {
                    throw ApiException.unauthorized("token district is invalid");
                }
                scope.add(d);
            }
        }
        // Dispatchers are always scoped to named districts (docs/protocol.md).
        if (role == Role.DISPATCHER && (scope.isEmpty() || scope.contains(Principal.ALL))) {
            throw ApiException.unauthorized("dispatcher token must name its districts");
        }
        var iat = claims.getIssueTime();
        var principal =
                new Principal(
                        sub, role, scope, exp.toInstant(), iat == null ? null : iat.toInstant());
        if (revocations.revoked(principal)) {
            throw ApiException.unauthorized("token has been revoked (signed out)");
        }
        return principal;
    }

    private boolean signedByTrustedKey(SignedJWT jwt) {
        for (var v : this.verifiers) {
            try {
                if (jwt.verify(v)) {
                    return true;
                }
            } catch (JOSEException e) {
                // A key of the wrong shape for this token: try the next one.
            }
        }
        return false;
    }
}
