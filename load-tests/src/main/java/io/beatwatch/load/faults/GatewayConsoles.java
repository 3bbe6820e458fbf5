package io.beatwatch.load.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.json.Json;
import io.beatwatch.gateway.config.GatewayConfigLoader;
import io.beatwatch.jobs.redis.ViewWrites;
import io.beatwatch.load.GatewayProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as its own process ({@code GatewayMain}, dev logins, on a fixed loopback port) with
 * supervisor consoles on its WebSocket that, when the socket closes, sign in again and resume from
 * the last stream id they saw, as the browser console does.
 */
public final class GatewayConsoles implements AutoCloseable {

    /** Every district of the San Antonio profile, and the view's name for none. */
    static final List<String> DISTRICTS =
            List.of(
                    "CENTRAL",
                    "DOWNTOWN",
                    "EAST",
                    "NORTH",
                    "PRUE",
                    "SOUTH",
                    "WEST",
                    "AIRPORT",
                    "SAPD OUTSIDE AREA",
                    "UNKNOWN");

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final GatewayProcess gateway;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Console> consoles = new ArrayList<>();

    public GatewayConsoles(String classpath, String redisUri, String kafka, Path log) {
        this.port = io.beatwatch.app.cluster.FlinkProcesses.freeLoopbackPort();
        this.gateway =
                new GatewayProcess(
                        classpath,
                        port,
                        redisUri,
                        kafka,
                        java.util.Map.of(GatewayConfigLoader.ENV_DEV_LOGINS, "true"),
                        null,
                        List.of("-Xmx512m"),
                        log);
    }

    /** Starts the gateway process and waits until it answers. */
    public void startGateway() throws IOException, InterruptedException {
        gateway.start();
    }

    /** kill -9 of the gateway process. */
    public long killGateway() throws InterruptedException {
        return gateway.kill();
    }

    /** Opens {@code n} supervisor consoles subscribed to every district. */
    public void openConsoles(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            var c = new Console(i);
            c.connect();
            consoles.add(c);
        }
        for (Console c : consoles) c.awaitSubscribed();
    }

    public List<Console> consoles() {
        return consoles;
    }

    private String origin() {
        return "http://127.0.0.1:" + port;
    }

    private String login() throws IOException, InterruptedException {
        var r =
                http.send(
                        HttpRequest.newBuilder(URI.create(origin() + "/api/dev/login"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"sup1\"}"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Json.tree(r.body()).path("token").asText() : null;
    }

    private String ticket(String token) throws IOException, InterruptedException {
        var r =
                http.send(
                        HttpRequest.newBuilder(URI.create(origin() + "/api/ws-ticket"))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("ticket " + r.statusCode());
        return Json.tree(r.body()).path("ticket").asText();
    }

    /** One console: every alert frame it got (stream id and event id), in order. */
    public final class Console implements WebSocket.Listener {
        final int index;
        final List<String> streamIds = new ArrayList<>();
        final List<String> eventIds = new ArrayList<>();
        volatile String lastId;
        public volatile int reconnects = -1;
        volatile boolean subscribed;
        private volatile WebSocket ws;
        private volatile boolean closing;
        private final StringBuilder partial = new StringBuilder();

        Console(int index) {
            this.index = index;
        }

        /** Signs in and opens the socket, retrying until the gateway answers (bounded). */
        void connect() throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos() * 2;
            while (!closing && System.nanoTime() < deadline) {
                try {
                    String token = login();
                    if (token != null) {
                        subscribed = false;
                        ws =
                                http.newWebSocketBuilder()
                                        .header("Origin", origin())
                                        .buildAsync(
                                                URI.create(
                                                        "ws://127.0.0.1:"
                                                                + port
                                                                + "/ws?ticket="
                                                                + ticket(token)),
                                                this)
                                        .get(10, TimeUnit.SECONDS);
                        reconnects++;
                        var m = Json.mapper().createObjectNode().put("type", "subscribe");
                        var a = m.putArray("districts");
                        DISTRICTS.forEach(a::add);
                        if (lastId != null) m.put("lastId", lastId);
                        ws.sendText(Json.encode(m), true);
                        return;
                    }
                } catch (Exception notYet) {
                    // the gateway is down or starting: try again shortly
                }
                Thread.sleep(500);
            }
        }

        void awaitSubscribed() throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!subscribed && System.nanoTime() < deadline) Thread.sleep(50);
            if (!subscribed)
                throw new IllegalStateException("console " + index + " not subscribed");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private synchronized void handle(String text) {
            JsonNode m = Json.tree(text);
            switch (m.path("type").asText()) {
                case "alert" -> {
                    String id = m.path("id").asText();
                    streamIds.add(id);
                    eventIds.add(ViewWrites.eventId(Json.decodeAlert(Json.encode(m.get("alert")))));
                    lastId = id;
                }
                case "snapshot" -> {
                    subscribed = true;
                    if (lastId == null && m.hasNonNull("lastId"))
                        lastId = m.path("lastId").asText();
                }
                default -> {}
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            reconnectLater();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            reconnectLater();
        }

        private void reconnectLater() {
            if (closing) return;
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    connect();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "console-" + index + "-reconnect");
            t.setDaemon(true);
            t.start();
        }

        synchronized List<String> received() {
            return List.copyOf(eventIds);
        }

        synchronized List<String> receivedStreamIds() {
            return List.copyOf(streamIds);
        }

        void close() {
            closing = true;
            WebSocket w = ws;
            if (w != null) w.abort();
        }
    }

    /** Seconds from {@code since} (epoch ms) until every console has reconnected, or -1. */
    public double awaitReconnected(long since) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos() * 2;
        while (System.nanoTime() < deadline) {
            if (consoles.stream().allMatch(c -> c.reconnects >= 1)) {
                return (System.currentTimeMillis() - since) / 1000.0;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /**
     * Waits (bounded) until every console got every event of {@code stream}, then returns the
     * events lost (missing from a console) and duplicated (more than once on one console), over all
     * consoles, as {@code [lost, duplicated]}.
     */
    public int[] compare(List<String> stream) throws InterruptedException {
        var expected = new java.util.HashSet<>(stream);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline
                && !consoles.stream()
                        .allMatch(
                                c -> new java.util.HashSet<>(c.received()).containsAll(expected))) {
            Thread.sleep(200);
        }
        int lost = 0;
        int dup = 0;
        for (Console c : consoles) {
            var got = c.received();
            var missing = new java.util.HashSet<>(expected);
            missing.removeAll(got);
            lost += missing.size();
            dup += FaultResult.duplicates(got).size();
        }
        return new int[] {lost, dup};
    }

    @Override
    public void close() {
        for (Console c : consoles) c.close();
        gateway.close();
    }
}
