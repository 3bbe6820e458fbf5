package io.beatwatch.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.beatwatch.gateway.config.GatewayConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Signs RS256 tokens with {@link DevKeys} for the dev users of docs/protocol.md: {@code sup1}
 * (supervisor, all districts), {@code disp-<district>} (dispatcher of that one district, upper
 * case), {@code analyst1} (analyst, all), {@code ops1} (ops). For the demo and tests only.
 */
public final class DevTokens {

    public static final Duration DEFAULT_TTL = Duration.ofHours(8);

    private static final Pattern DISPATCHER = Pattern.compile("disp-([a-z0-9_]{1,32})");

    private final DevKeys keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    /** Tokens for the default audience. */
    public DevTokens(DevKeys keys, String issuer, Clock clock) {
        this(keys, issuer, GatewayConfig.Jwt.DEFAULT_AUDIENCE, clock);
    }

    public DevTokens(DevKeys keys, String issuer, String audience, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** The audience these tokens are minted for. */
    public String audience() {
        return audience;
    }

    public DevKeys keys() {
        return keys;
    }

    /** The role and districts of a dev user name, if it is one. */
    public static Optional<Grant> grantFor(String user) {
        if (user == null) {
            return Optional.empty();
        }
        switch (user) {
            case "sup1":
                return Optional.of(new Grant(Role.SUPERVISOR, List.of(Principal.ALL)));
            case "analyst1":
                return Optional.of(new Grant(Role.ANALYST, List.of(Principal.ALL)));
            case "ops1":
                return Optional.of(new Grant(Role.OPS, List.of()));
            default:
                var m = DISPATCHER.matcher(user);
                return m.matches()
                        ? Optional.of(
                                new Grant(
                                        Role.DISPATCHER,
                                        List.of(m.group(1).toUpperCase(Locale.ROOT))))
                        : Optional.empty();
        }
    }

    /** A token for a dev user, if the name is one. */
    public Optional<String> forDevUser(String user) {
        return grantFor(user).map(g -> sign(user, g.role(), g.districts(), DEFAULT_TTL));
    }

    /** Signs a token for any user, role and districts (tests build edge cases with this). */
    public String sign(String user, Role role, Collection<String> districts, Duration ttl) {
        return sign(user, role.wire(), districts, ttl, issuer);
    }

    /** Signs with free-form role and issuer, so tests can build invalid tokens. */
    public String sign(
            String user, String role, Collection<String> districts, Duration ttl, String iss) {
        var now = clock.instant();
        var claims =
                new JWTClaimsSet.Builder()
                        .subject(user)
                        .issuer(iss)
                        .audience(audience)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(ttl)))
                        .jwtID(UUID.randomUUID().toString())
                        .claim(TokenVerifier.CLAIM_ROLE, role)
                        .claim(TokenVerifier.CLAIM_DISTRICTS, List.copyOf(districts))
                        .build();
        var jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                        claims);
        try {
            jwt.sign(new RSASSASigner(keys.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
        return jwt.serialize();
    }

    /** What a dev user is granted. */
    public record Grant(Role role, List<String> districts) {}
}
