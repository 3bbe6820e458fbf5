package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never reach a log line or the audit file, at any level: every gateway logger at TRACE
 * while a supervisor signs in, takes a ticket, opens a console, a forged token is refused, a tip
 * with text is submitted and read. Neither the token, the ticket, the forged token, the tip's text
 * nor the TLS key store password appears anywhere.
 */
class SecretsNeverLoggedIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static final String TIP_TEXT = "the blue door at 12 Elm, ask for Sam " + System.nanoTime();
    static final String KEYSTORE_PASSWORD = "p4ss-" + System.nanoTime();

    @TempDir Path dir;

    @Test
    void noTokenTicketTipTextOrPasswordInAnyLogLineOrTheAuditFile() throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        var ctx = (LoggerContext) LogManager.getContext(false);
        var capture =
                new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent e) {
                        var m = e.getMessage().getFormattedMessage();
                        lines.add(m + (e.getThrown() == null ? "" : " " + e.getThrown()));
                    }
                };
        capture.start();
        ctx.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        Configurator.setLevel("io.beatwatch", Level.TRACE);
        Configurator.setLevel("beatwatch.audit", Level.TRACE);
        ctx.updateLoggers();
        Path audit = dir.resolve("audit.jsonl");
        String token;
        String ticket;
        String forged;
        try {
            var services = TestServices.of(REDIS.server(), KAFKA.broker());
            String tips = "secrets.tips." + System.nanoTime();
            services.kafka().createTopics(1, tips);
            var base = GatewayFixture.config(services).auditFile(audit);
            var t = base.topics();
            var config =
                    base.topics(new GatewayConfig.Topics(tips, t.patrolFeedback(), t.cfs()))
                            .build();
            // a TLS setting in the configuration is printed masked wherever it is printed
            lines.add(
                    config.toBuilder()
                            .tls(
                                    new GatewayConfig.Tls(
                                            dir.resolve("k.p12"), KEYSTORE_PASSWORD, null, null))
                            .build()
                            .toString());
            try (var gw = GatewayFixture.start(config)) {
                token = gw.token("sup1");
                ticket = gw.ticket(token);
                try (var console =
                        gw.console(
                                ticket,
                                GatewayFixture.ORIGIN,
                                new io.vertx.core.http.WebSocketClientOptions())) {
                    console.next("hello");
                    console.subscribe(List.of("NORTH"), null);
                    console.next("snapshot");
                }
                forged = token.substring(0, token.length() - 6) + "AAAAAA";
                assertThat(gw.get("/api/alerts", forged).statusCode()).isEqualTo(401);
                var r =
                        gw.post(
                                "/api/tips",
                                null,
                                "{\"category\":\"drugs\",\"lat\":29.42,\"lon\":-98.49,\"text\":\""
                                        + TIP_TEXT
                                        + "\"}");
                assertThat(r.statusCode()).isEqualTo(202);
                String id = GatewayFixture.json(r).path("id").asText();
                GatewayFixture.await(
                        "the tip's detail to be readable",
                        () -> {
                            try {
                                return gw.get("/api/tips/" + id, token).statusCode() == 200;
                            } catch (Exception e) {
                                return false;
                            }
                        });
                assertThat(gw.get("/api/tips/" + id, token).body()).contains(TIP_TEXT);
            }
        } finally {
            ctx.getConfiguration().getRootLogger().removeAppender("capture");
            Configurator.setLevel("io.beatwatch", Level.INFO);
            Configurator.setLevel("beatwatch.audit", Level.WARN);
            ctx.updateLoggers();
            capture.stop();
        }
        var all = new java.util.ArrayList<>(lines);
        all.addAll(Files.readAllLines(audit));
        // the run logged and audited something (the check is not vacuous)
        assertThat(lines).anyMatch(l -> l.contains("tip.read") || l.contains("ws.connect"));
        assertThat(Files.readAllLines(audit)).anyMatch(l -> l.contains("\"tip.read\""));
        for (String secret : List.of(token, ticket, forged, TIP_TEXT, KEYSTORE_PASSWORD)) {
            // a JWT's signature part alone is enough to replay it: look for each part
            for (String part : secret.split("\\.")) {
                if (part.length() < 16) continue;
                assertThat(all).noneMatch(l -> l.contains(part));
            }
        }
        assertThat(all).noneMatch(l -> l.contains("12 Elm"));
    }
}
