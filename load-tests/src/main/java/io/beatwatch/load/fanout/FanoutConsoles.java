package io.beatwatch.load.fanout;

import io.beatwatch.gateway.auth.DevKeys;
import io.beatwatch.gateway.auth.DevTokens;
import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.load.latency.ConsoleFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Who the consoles of the fan-out harness are: one user each ({@code fan-<i>}), with the role and
 * districts of the latency fleet's spread ({@link ConsoleFleet#identity}), and the RS256 tokens an
 * identity provider would issue them, signed with a key the gateway is configured to trust ({@code
 * jwt.publicKeyPath}). One user per console keeps the default per-user connection cap.
 */
final class FanoutConsoles {

    static final Duration TOKEN_TTL = Duration.ofHours(2);

    private FanoutConsoles() {}

    static String user(int i) {
        return "fan-" + i;
    }

    /** The principal the gateway makes of console {@code i}'s token. */
    static Principal principal(int i) {
        var id = ConsoleFleet.identity(i);
        var grant = DevTokens.grantFor(id.user()).orElseThrow();
        return new Principal(user(i), grant.role(), Set.copyOf(grant.districts()), Instant.MAX);
    }

    /** The districts console {@code i} subscribes to. */
    static Set<String> subscription(int i) {
        return Set.copyOf(ConsoleFleet.identity(i).districts());
    }

    /**
     * Signs one token per console into {@code tokens} (line i for console i) and writes the public
     * key the gateway trusts to {@code publicKey}.
     */
    static void issue(int consoles, Path tokens, Path publicKey) throws IOException {
        var keys = DevKeys.generate();
        var signer =
                new DevTokens(
                        keys,
                        GatewayConfig.Jwt.DEFAULT_ISSUER,
                        GatewayConfig.Jwt.DEFAULT_AUDIENCE,
                        Clock.systemUTC());
        List<String> lines =
                IntStream.range(0, consoles)
                        .parallel()
                        .mapToObj(
                                i -> {
                                    var p = principal(i);
                                    return signer.sign(
                                            p.user(), p.role(), p.districts(), TOKEN_TTL);
                                })
                        .toList();
        Files.write(tokens, lines);
        Files.writeString(publicKey, keys.publicKeyPem());
    }
}
