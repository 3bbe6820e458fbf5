package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.Mutator;
import io.beatwatch.gateway.testing.TestConsole;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fuzzed input at the gateway's own doors, on a real gateway (fixed seed 13): console WebSocket
 * messages and tip submissions (API and public form). Every bad message gets an error with a code
 * and a detail, counted by reason; nothing gets a server error; the gateway keeps serving.
 */
class GatewayFuzzIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static final int WS_MESSAGES = 3_000;
    static final int TIPS = 1_500;

    /** Messages per connection: under the per-session burst allowance, with the ping after. */
    static final int PER_CONNECTION = 15;

    static final Set<String> SERVER_TYPES =
            Set.of("hello", "snapshot", "alert", "cells", "suggestion", "error", "pong");
    static final Set<String> CLIENT_ERRORS = Set.of("bad_request", "busy", "forbidden");

    static final String[] WS_SEEDS = {
        "{\"type\":\"subscribe\",\"districts\":[\"NORTH\",\"EAST\"],\"lastId\":\"1732190000000-0\"}",
        "{\"type\":\"subscribe\",\"districts\":[\"NORTH\"]}",
        "{\"type\":\"ping\"}"
    };

    static final String[] TIP_SEEDS = {
        "{\"category\":\"drugs\",\"lat\":29.42,\"lon\":-98.49,\"channel\":\"web\","
                + "\"text\":\"call 210-555-0101 about the car ABC1234\"}",
        "{\"category\":\"drugs\",\"lat\":29.42,\"lon\":-98.49,\"when\":\"today\","
                + "\"place\":\"corner of Main and 3rd\",\"contactOptIn\":true,"
                + "\"contact\":\"me@example.org\"}"
    };

    static GatewayFixture gw;

    @BeforeAll
    static void start() throws Exception {
        var services = TestServices.of(REDIS.server(), KAFKA.broker());
        var base = GatewayFixture.config(services).trustForwardedFor(true);
        var t = base.topics();
        String tips = "fuzz.tips." + System.nanoTime();
        services.kafka().createTopics(1, tips);
        gw =
                GatewayFixture.start(
                        base.topics(new GatewayConfig.Topics(tips, t.patrolFeedback(), t.cfs()))
                                .build());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) gw.close();
    }

    @Test
    void fuzzedConsoleMessagesGetAnErrorWithAReasonCountedAndTheGatewayGoesOn() throws Exception {
        var m = new Mutator(13);
        Map<String, Integer> errors = new TreeMap<>();
        int sent = 0;
        int binary = 0;
        int connections = 0;
        int hellos = 0;
        while (sent < WS_MESSAGES) {
            try (TestConsole c = gw.console("sup1")) {
                connections++;
                for (int i = 0; i < PER_CONNECTION && sent < WS_MESSAGES; i++, sent++) {
                    if (m.random().nextInt(30) == 0) {
                        c.socket().writeBinaryMessage(Buffer.buffer(m.bytes(1 + sent % 300)));
                        binary++;
                    } else {
                        c.send(m.mutate(WS_SEEDS[m.random().nextInt(WS_SEEDS.length)]));
                    }
                }
                c.send("{\"type\":\"ping\"}");
                // everything the server says before the sentinel's pong is a known message, an
                // error carries a code and a detail; a late pong of a mutated ping ends early
                for (JsonNode msg = c.poll(GatewayFixture.WAIT.toMillis());
                        !"pong".equals(msg.path("type").asText());
                        msg = c.poll(GatewayFixture.WAIT.toMillis())) {
                    assertThat(msg).as("an answer after %d messages", sent).isNotNull();
                    if ("hello".equals(msg.path("type").asText())) hellos++;
                    count(msg, errors);
                }
                c.socket().close();
                c.closed().get(GatewayFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                for (JsonNode msg : c.drain()) count(msg, errors);
            }
        }
        System.out.printf(
                "GatewayFuzzIT: %,d console messages (%,d binary) over %d connections (%d"
                        + " hellos seen): errors by code %s%n",
                sent, binary, connections, hellos, errors);
        assertThat(binary).isPositive();
        assertThat(hellos).isPositive();
        assertThat(errors.get("bad_request")).isGreaterThan(WS_MESSAGES / 2);
        // each error the consoles saw is counted by reason on /metrics
        GatewayFixture.await(
                "the rejected-message counters to match " + errors,
                () -> errors.equals(counted(GatewayMetrics.WS_MESSAGES_REJECTED)));
        assertThat(gw.get("/health/ready", null).statusCode()).isEqualTo(200);
        try (TestConsole fresh = gw.console("sup1")) {
            fresh.next("hello");
            fresh.send("{\"type\":\"ping\"}");
            assertThat(fresh.next("pong")).isNotNull();
        }
    }

    @Test
    void fuzzedTipsAreRefusedWithAReasonCountedNeverAServerError() throws Exception {
        var m = new Mutator(13);
        HttpClient http = HttpClient.newBuilder().connectTimeout(GatewayFixture.WAIT).build();
        Map<String, Integer> refused = new TreeMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        var before = counted(GatewayMetrics.TIPS_REJECTED);
        for (int i = 0; i < TIPS; i++) {
            String path = i % 3 == 0 ? "/public/tip" : "/api/tips";
            String body =
                    m.random().nextInt(25) == 0
                            ? m.junk(1 + m.random().nextInt(300))
                            : m.mutate(TIP_SEEDS[m.random().nextInt(TIP_SEEDS.length)]);
            var r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(gw.uri(path).toString()))
                                    .timeout(GatewayFixture.WAIT)
                                    .header("Content-Type", "application/json")
                                    // one client each, so the rate limits do not hide the input
                                    .header("X-Forwarded-For", "10.9." + (i / 250) + "." + i % 250)
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            statuses.merge(r.statusCode(), 1, Integer::sum);
            assertThat(r.statusCode()).as(body).isIn(202, 400, 413);
            if (r.statusCode() != 202) {
                JsonNode e = Json.tree(r.body());
                assertThat(e.path("error").asText()).as(body).isNotBlank();
                refused.merge(e.path("error").asText(), 1, Integer::sum);
            }
        }
        System.out.printf(
                "GatewayFuzzIT: %,d tip bodies: statuses %s, refused by reason %s%n",
                TIPS, statuses, refused);
        assertThat(statuses.get(400)).isGreaterThan(TIPS / 3);
        assertThat(statuses.get(202)).isPositive();
        var after = counted(GatewayMetrics.TIPS_REJECTED);
        after.replaceAll((reason, n) -> n - before.getOrDefault(reason, 0));
        after.values().removeIf(n -> n == 0);
        assertThat(after).isEqualTo(refused);
        assertThat(gw.get("/health/ready", null).statusCode()).isEqualTo(200);
    }

    private static void count(JsonNode msg, Map<String, Integer> errors) {
        String type = msg.path("type").asText();
        assertThat(SERVER_TYPES).as(msg.toString()).contains(type);
        if (type.equals("error")) {
            String code = msg.path("error").asText();
            assertThat(CLIENT_ERRORS).as(msg.toString()).contains(code);
            assertThat(msg.path("detail").asText()).isNotBlank();
            errors.merge(code, 1, Integer::sum);
        }
    }

    private static Map<String, Integer> counted(String meter) {
        Map<String, Integer> out = new TreeMap<>();
        for (Counter c : gw.gateway().meterRegistry().find(meter).counters()) {
            out.merge(c.getId().getTag(GatewayMetrics.TAG_REASON), (int) c.count(), Integer::sum);
        }
        out.values().removeIf(n -> n == 0);
        return out;
    }
}
