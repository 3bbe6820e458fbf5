package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.auth.Revocations;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestConsole;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import io.lettuce.core.RedisClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revoked sessions on two gateway instances sharing Redis: a supervisor revokes a dispatcher's
 * sessions on one, and on both the dispatcher's tokens are refused and its open console is closed
 * (4001); a token issued afterwards works. Signing out revokes the caller's own tokens. Each step
 * is audited.
 */
class RevocationIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path dir;

    @Test
    void aRevokedUserIsSignedOutOnEveryGatewayAndANewTokenWorks() throws Exception {
        var services = TestServices.of(REDIS.server(), KAFKA.broker());
        Path audit = dir.resolve("audit.jsonl");
        try (var one =
                        GatewayFixture.start(
                                GatewayFixture.config(services).auditFile(audit).build());
                var two = GatewayFixture.start(GatewayFixture.config(services).build())) {
            String sup = one.token("sup1");
            // the same dev user on the second gateway: its own key, its own token
            String dispOnTwo = two.token("disp-north");
            String dispOnOne = one.token("disp-north");
            try (TestConsole console = two.console("disp-north")) {
                console.next("hello");
                assertThat(two.get("/api/alerts", dispOnTwo).statusCode()).isEqualTo(200);

                // a dispatcher may not revoke anybody
                assertThat(
                                one.post("/api/sessions/revoke", dispOnOne, "{\"user\":\"sup1\"}")
                                        .statusCode())
                        .isEqualTo(403);
                var r = one.post("/api/sessions/revoke", sup, "{\"user\":\"disp-north\"}");
                assertThat(r.statusCode()).isEqualTo(202);
                assertThat(GatewayFixture.json(r).path("user").asText()).isEqualTo("disp-north");

                assertThat(one.get("/api/alerts", dispOnOne).statusCode()).isEqualTo(401);
                // the other instance learns it from Redis within its sync interval
                GatewayFixture.await(
                        "the second gateway to refuse the revoked token",
                        () -> status(two, dispOnTwo) == 401);
                short code =
                        console.closed().get(GatewayFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(code).isEqualTo((short) 4001);
            }
            assertThat(one.get("/api/alerts", sup).statusCode()).isEqualTo(200);

            // a token issued after the revocation (iat has whole seconds) works again
            Thread.sleep(1_100);
            assertThat(status(two, two.token("disp-north"))).isEqualTo(200);

            // signing out revokes the caller's own tokens
            assertThat(one.post("/api/logout", sup, "").statusCode()).isEqualTo(202);
            assertThat(status(one, sup)).isEqualTo(401);
            assertThat(one.post("/api/ws-ticket", sup, "").statusCode()).isEqualTo(401);

            RedisClient client = RedisClient.create(services.redisUri());
            try (var c = client.connect()) {
                assertThat(c.sync().hkeys(Revocations.KEY)).contains("disp-north", "sup1");
            } finally {
                client.shutdown();
            }
        }
        var lines = Files.readAllLines(audit);
        assertThat(lines)
                .anyMatch(
                        l ->
                                l.contains("\"session.revoke\"")
                                        && l.contains("\"disp-north\"")
                                        && l.contains("\"ok\""));
        assertThat(lines)
                .anyMatch(l -> l.contains("\"session.revoke\"") && l.contains("\"denied\""));
        assertThat(lines).anyMatch(l -> l.contains("\"session.logout\""));
        assertThat(lines).anyMatch(l -> l.contains("token has been revoked"));
    }

    private static int status(GatewayFixture gw, String token) {
        try {
            return gw.get("/api/alerts", token).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
