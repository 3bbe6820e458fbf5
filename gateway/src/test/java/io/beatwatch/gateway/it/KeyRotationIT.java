package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.auth.DevKeys;
import io.beatwatch.gateway.auth.DevTokens;
import io.beatwatch.gateway.auth.Role;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signing-key rotation on a running gateway (no dev logins: only the key file is trusted): add
 * the new key beside the old one, then remove the old one; tokens follow within a reload, a
 * half-written key file locks nobody out, and no restart is needed.
 */
class KeyRotationIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static final Duration RELOAD = Duration.ofMillis(200);

    @TempDir Path dir;

    @Test
    void tokensFollowTheKeyFileWithoutARestart() throws Exception {
        var services = TestServices.of(REDIS.server(), KAFKA.broker());
        var oldKey = DevKeys.generate();
        var newKey = DevKeys.generate();
        Path file = dir.resolve("jwt-keys.pem");
        Files.writeString(file, oldKey.publicKeyPem());
        var jwt = GatewayConfig.Jwt.defaults();
        var config =
                GatewayFixture.config(services)
                        .devLogins(false)
                        .jwt(
                                new GatewayConfig.Jwt(
                                        null,
                                        file,
                                        jwt.issuer(),
                                        jwt.clockSkew(),
                                        jwt.audience(),
                                        RELOAD))
                        .build();
        String byOld = token(oldKey, jwt);
        String byNew = token(newKey, jwt);
        try (var gw = GatewayFixture.start(config)) {
            assertThat(status(gw, byOld)).isEqualTo(200);
            assertThat(status(gw, byNew)).isEqualTo(401);

            Files.writeString(file, oldKey.publicKeyPem() + newKey.publicKeyPem());
            GatewayFixture.await("the new key to be trusted", () -> status(gw, byNew) == 200);
            assertThat(status(gw, byOld)).isEqualTo(200);

            Files.writeString(file, newKey.publicKeyPem());
            GatewayFixture.await("the old key to be refused", () -> status(gw, byOld) == 401);
            assertThat(status(gw, byNew)).isEqualTo(200);

            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\nMIIBIjAN");
            Thread.sleep(RELOAD.toMillis() * 5);
            assertThat(status(gw, byNew)).as("a half-written key file").isEqualTo(200);
        }
    }

    private static String token(DevKeys keys, GatewayConfig.Jwt jwt) {
        return new DevTokens(keys, jwt.issuer(), jwt.audience(), Clock.systemUTC())
                .sign("sup1", Role.SUPERVISOR, List.of("*"), Duration.ofHours(1));
    }

    private static int status(GatewayFixture gw, String token) {
        try {
            return gw.get("/api/alerts", token).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
