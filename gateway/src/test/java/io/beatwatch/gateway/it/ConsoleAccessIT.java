package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.Signal;
import io.beatwatch.gateway.auth.Role;
import io.beatwatch.gateway.testing.Alerts;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import io.vertx.core.http.WebSocketClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may open a console and see what: tickets, origins, roles, districts, frame sizes, caps. */
class ConsoleAccessIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    static TestServices services;

    static GatewayFixture gw;

    @BeforeAll
    static void start() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        gw = GatewayFixture.start(GatewayFixture.config(services).build());
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        services.close();
    }

    @BeforeEach
    void clean() {
        services.flushRedis();
    }

    @Test
    void upgradeWithoutTicketIsRefusedWith401() throws Exception {
        assertThat(gw.upgradeStatus(null, GatewayFixture.ORIGIN)).isEqualTo(401);
        assertThat(gw.upgradeStatus("made-up-ticket", GatewayFixture.ORIGIN)).isEqualTo(401);
    }

    @Test
    void ticketRequestWithoutTokenIsRefusedWith401() throws Exception {
        var r = gw.post("/api/ws-ticket", null, "");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(GatewayFixture.json(r).path("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void ticketIsSingleUse() throws Exception {
        var ticket = gw.ticket(gw.token("sup1"));
        assertThat(gw.upgradeStatus(ticket, GatewayFixture.ORIGIN)).isEqualTo(101);
        assertThat(gw.upgradeStatus(ticket, GatewayFixture.ORIGIN)).isEqualTo(401);
    }

    @Test
    void wrongOrMissingOriginIsRefusedWith403() throws Exception {
        var token = gw.token("sup1");
        assertThat(gw.upgradeStatus(gw.ticket(token), "http://evil.test")).isEqualTo(403);
        assertThat(gw.upgradeStatus(gw.ticket(token), "http://console.test.evil.test"))
                .isEqualTo(403);
        assertThat(gw.upgradeStatus(gw.ticket(token), null)).isEqualTo(403);
    }

    @Test
    void opsHasNoConsole() throws Exception {
        var r = gw.post("/api/ws-ticket", gw.token("ops1"), "");
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void dispatcherCannotSubscribeToAnotherDistrict() throws Exception {
        try (var c = gw.console("disp-north")) {
            var hello = c.next("hello");
            assertThat(hello.path("role").asText()).isEqualTo("dispatcher");
            c.subscribe(List.of("SOUTH"), null);
            var err = c.next("error");
            assertThat(err.path("error").asText()).isEqualTo("forbidden");
            c.subscribe(List.of("*"), null);
            assertThat(c.next("error").path("error").asText()).isEqualTo("forbidden");
            c.subscribe(List.of("NORTH"), null);
            assertThat(c.next("snapshot").path("resync").asBoolean()).isFalse();
        }
    }

    @Test
    void dispatcherSeesOnlyItsDistrictAndNoTipOnlyAlerts() throws Exception {
        var redis = services.redis();
        try (var disp = gw.console("disp-north");
                var sup = gw.console("sup1")) {
            disp.subscribe(List.of("NORTH"), null);
            sup.subscribe(List.of("*"), null);
            disp.next("snapshot");
            sup.next("snapshot");
            Alerts.append(redis, Alerts.alert("a-south", "SOUTH"));
            Alerts.append(redis, Alerts.alert("a-tips", "NORTH", Signal.TIPS, 0));
            Alerts.append(redis, Alerts.alert("a-north", "NORTH"));
            var supAlerts = sup.alerts(3);
            assertThat(supAlerts)
                    .extracting(m -> m.path("alert").path("alertId").asText())
                    .containsExactly("a-south", "a-tips", "a-north");
            var dispAlert = disp.next("alert");
            assertThat(dispAlert.path("alert").path("alertId").asText()).isEqualTo("a-north");
            assertThat(disp.drain()).noneMatch(m -> m.path("type").asText().equals("alert"));
        }
    }

    @Test
    void oversizedFrameClosesTheConsole() throws Exception {
        try (var c = gw.console("sup1")) {
            c.next("hello");
            c.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
            // Netty refuses the frame while decoding it; Vert.x drops the connection (the close
            // code the client sees varies), and the message is never handled: no pong comes back.
            c.closed().get(GatewayFixture.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(c.drain()).noneMatch(m -> m.path("type").asText().equals("pong"));
        }
    }

    @Test
    void perUserConnectionCapRefusesTheSixthConsole() throws Exception {
        var token = gw.token("analyst1");
        var open = new java.util.ArrayList<io.beatwatch.gateway.testing.TestConsole>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(
                        gw.console(
                                gw.ticket(token),
                                GatewayFixture.ORIGIN,
                                new WebSocketClientOptions()));
            }
            assertThat(gw.upgradeStatus(gw.ticket(token), GatewayFixture.ORIGIN)).isEqualTo(429);
        } finally {
            open.forEach(io.beatwatch.gateway.testing.TestConsole::close);
        }
        GatewayFixture.await(
                "analyst sessions to close",
                () -> gw.gateway().metrics().sessions(Role.ANALYST) == 0);
        assertThat(gw.upgradeStatus(gw.ticket(token), GatewayFixture.ORIGIN)).isEqualTo(101);
    }

    @Test
    void pingIsAnswered() throws Exception {
        try (var c = gw.console("analyst1")) {
            c.send("{\"type\":\"ping\"}");
            assertThat(c.next("pong").path("type").asText()).isEqualTo("pong");
            c.send("not json");
            assertThat(c.next("error").path("error").asText()).isEqualTo("bad_request");
        }
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        var expired =
                gw.tokens().sign("sup1", Role.SUPERVISOR, List.of("*"), Duration.ofMinutes(-5));
        assertThat(gw.post("/api/ws-ticket", expired, "").statusCode()).isEqualTo(401);
    }
}
