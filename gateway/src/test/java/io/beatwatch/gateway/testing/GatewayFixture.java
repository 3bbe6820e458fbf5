package io.beatwatch.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.Gateway;
import io.beatwatch.gateway.RunningGateway;
import io.beatwatch.gateway.auth.DevTokens;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A running gateway against the shared test services, plus HTTP and WebSocket clients. */
public final class GatewayFixture implements AutoCloseable {

    public static final String ORIGIN = "http://console.test";
    public static final Duration WAIT = Duration.ofSeconds(20);

    private final RunningGateway gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private final Vertx vertx = Vertx.vertx();

    private GatewayFixture(RunningGateway gateway) {
        this.gateway = gateway;
    }

    /** Test defaults: port 0, two HTTP instances, dev logins, fast polling. */
    public static GatewayConfig.Builder config(TestServices services) {
        var live = GatewayConfig.Live.defaults();
        return GatewayConfig.builder()
                .port(0)
                .host("127.0.0.1")
                .httpInstances(2)
                .redisUri(services.redisUri())
                .kafkaBootstrap(services.kafka().bootstrapServers())
                .devLogins(true)
                .allowedOrigins(List.of(ORIGIN))
                .live(
                        new GatewayConfig.Live(
                                live.windows(),
                                live.defaultWindow(),
                                50,
                                Duration.ofMillis(200),
                                live.cellsFlushInterval(),
                                live.pingInterval(),
                                live.streamBatch(),
                                Duration.ofMillis(200),
                                100));
    }

    /**
     * Test defaults for a gateway a browser opens: a free port, so the page's own origin is known
     * and allowed before the gateway starts.
     */
    public static GatewayConfig.Builder browserConfig(TestServices services) throws IOException {
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return config(services).port(port).allowedOrigins(List.of("http://127.0.0.1:" + port));
    }

    public static GatewayFixture start(GatewayConfig config) throws Exception {
        return new GatewayFixture(Gateway.start(config));
    }

    /** A gateway whose clock the test drives (feed delays, token times). */
    public static GatewayFixture start(GatewayConfig config, java.time.Clock clock)
            throws Exception {
        return new GatewayFixture(Gateway.start(config, clock));
    }

    public RunningGateway gateway() {
        return gateway;
    }

    public int port() {
        return gateway.port();
    }

    public Vertx vertx() {
        return vertx;
    }

    public DevTokens tokens() {
        return gateway.devTokens().orElseThrow();
    }

    /** A dev token for a dev user name (sup1, disp-north, analyst1, ops1). */
    public String token(String user) {
        return tokens().forDevUser(user).orElseThrow();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        var b = HttpRequest.newBuilder(uri(path)).timeout(WAIT).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String token, String json) throws Exception {
        var b =
                HttpRequest.newBuilder(uri(path))
                        .timeout(WAIT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.tree(r.body());
    }

    /** A fresh WebSocket ticket for a token. */
    public String ticket(String token) throws Exception {
        var r = post("/api/ws-ticket", token, "");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ticket refused: " + r.statusCode() + " " + r.body());
        }
        return json(r).path("ticket").asText();
    }

    /** Opens a console for a dev user (ticket + upgrade with the allowed origin). */
    public TestConsole console(String user) throws Exception {
        return console(ticket(token(user)), ORIGIN, new WebSocketClientOptions());
    }

    public TestConsole console(String ticket, String origin, WebSocketClientOptions options)
            throws Exception {
        var client =
                vertx.createWebSocketClient(
                        options.setMaxFrameSize(16 << 20).setMaxMessageSize(64 << 20));
        var connect =
                new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(port())
                        .setURI("/ws" + (ticket == null ? "" : "?ticket=" + ticket));
        if (origin != null) {
            connect.addHeader("Origin", origin);
        }
        // The console attaches its handlers on the event loop as the upgrade completes, so the
        // server's first frame (hello) cannot slip past it.
        return client.connect(connect)
                .map(ws -> new TestConsole(ws, client))
                .toCompletionStage()
                .toCompletableFuture()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The HTTP status a refused upgrade got, or 101 if it was accepted. */
    public int upgradeStatus(String ticket, String origin) throws Exception {
        try (var c = console(ticket, origin, new WebSocketClientOptions())) {
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException u) {
                return u.getStatus();
            }
            throw e;
        }
    }

    /** Waits until the condition holds or the bounded wait ends; fails the test on timeout. */
    public static void await(String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
