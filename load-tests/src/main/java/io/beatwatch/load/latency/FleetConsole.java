package io.beatwatch.load.latency;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One console of the fleet, signing in as the browser does ({@code connection.js}): a dev login for
 * a token, then per connection a single-use ticket ({@code POST /api/ws-ticket}), the upgrade with
 * the console's Origin, and a subscribe on open, with the last stream id seen when it comes back
 * after a close (resume). Records the receive time of every alert frame and of every cell update of
 * a seeded cell; the fleet writes them out at the end.
 */
public final class FleetConsole {

    /** What this console is: a dev user and the districts it subscribes to. */
    public record Identity(int index, String user, List<String> districts) {}

    /** Prefix of every alert frame the gateway writes (type, then the stream id). */
    static final String ALERT_PREFIX = "{\"type\":\"alert\",\"id\":\"";

    /** Prefix of the gateway's coalesced map frames. */
    static final String CELLS_PREFIX = "{\"type\":\"cells\"";

    /** Delay before a console reconnects after its socket closed. */
    static final long RECONNECT_DELAY_MS = 200;

    /** Tries at sign-in before the console gives up. */
    static final int SIGN_IN_ATTEMPTS = 5;

    private final Identity id;
    private final Vertx vertx;
    private final HttpClient http;
    private final WebSocketClient wsClient;
    private final int port;
    private final String origin;
    private final Set<String> trackedCells;
    private final FleetRecords records;
    private String token;
    private String lastId;
    private WebSocket ws;
    private boolean ready;
    private volatile boolean stopping;
    private int reconnects;
    private long nextReconnectDelayMs = RECONNECT_DELAY_MS;
    private boolean paused;

    FleetConsole(
            Identity id,
            Vertx vertx,
            HttpClient http,
            WebSocketClient wsClient,
            int port,
            String origin,
            Set<String> trackedCells,
            FleetRecords records,
            String token) {
        this.id = id;
        this.token = token;
        this.vertx = vertx;
        this.http = http;
        this.wsClient = wsClient;
        this.port = port;
        this.origin = origin;
        this.trackedCells = trackedCells;
        this.records = records;
    }

    /** Signs in and connects; completes when the first snapshot arrived. */
    Future<Void> start() {
        var p = io.vertx.core.Promise.<Void>promise();
        attempt(p, 1);
        return p.future();
    }

    /**
     * Sign-in with a few retries a second apart, as a console whose first try failed. A console
     * given a token (issued by the identity provider) skips the dev login.
     */
    private void attempt(io.vertx.core.Promise<Void> p, int n) {
        Future<Void> signedIn =
                token != null
                        ? connect(p)
                        : post(
                                        "/api/dev/login",
                                        null,
                                        Json.encode(java.util.Map.of("user", id.user())))
                                .compose(
                                        body -> {
                                            token = body.path("token").asText(null);
                                            if (token == null) {
                                                return Future.failedFuture(
                                                        "dev login answered no token: " + body);
                                            }
                                            return connect(p);
                                        });
        signedIn.onFailure(
                e -> {
                    if (n >= SIGN_IN_ATTEMPTS) {
                        p.tryFail(e);
                    } else {
                        records.signInRetry(id.index());
                        vertx.setTimer(1000, t -> attempt(p, n + 1));
                    }
                });
    }

    private Future<Void> connect(io.vertx.core.Promise<Void> ready) {
        return post("/api/ws-ticket", token, "{}")
                .compose(
                        body -> {
                            var o =
                                    new WebSocketConnectOptions()
                                            .setHost("127.0.0.1")
                                            .setPort(port)
                                            .setURI("/ws?ticket=" + body.path("ticket").asText())
                                            .addHeader("Origin", origin);
                            return wsClient.connect(o);
                        })
                .map(
                        socket -> {
                            attach(socket, ready);
                            return null;
                        });
    }

    private void attach(WebSocket socket, io.vertx.core.Promise<Void> readyPromise) {
        ws = socket;
        socket.textMessageHandler(text -> onFrame(text, readyPromise));
        socket.exceptionHandler(e -> {});
        socket.closeHandler(
                v -> {
                    if (stopping) return;
                    reconnects++;
                    records.reconnect(id.index(), socket.closeStatusCode());
                    long delay = Math.max(1, nextReconnectDelayMs);
                    nextReconnectDelayMs = RECONNECT_DELAY_MS;
                    vertx.setTimer(delay, t -> reconnect());
                });
        if (paused) socket.pause();
        records.opened(id.index(), nowMicros());
        var m = Json.mapper().createObjectNode();
        m.put("type", "subscribe");
        var a = m.putArray("districts");
        id.districts().forEach(a::add);
        if (lastId != null) m.put("lastId", lastId);
        socket.writeTextMessage(Json.encode(m));
    }

    private void reconnect() {
        if (stopping) return;
        connect(io.vertx.core.Promise.promise())
                .onFailure(e -> vertx.setTimer(1000, t -> reconnect()));
    }

    private void onFrame(String text, io.vertx.core.Promise<Void> readyPromise) {
        long micros = nowMicros();
        // The two frames that make the volume are read without a JSON parse, so ten thousand
        // consoles in one JVM spend their CPU on the socket, not on Jackson.
        if (text.startsWith(ALERT_PREFIX)) {
            int end = text.indexOf('"', ALERT_PREFIX.length());
            if (end > 0) {
                String sid = text.substring(ALERT_PREFIX.length(), end);
                lastId = sid;
                records.alert(id.index(), sid, micros);
                return;
            }
        }
        if (trackedCells.isEmpty() && text.startsWith(CELLS_PREFIX)) {
            return;
        }
        JsonNode m;
        try {
            m = Json.tree(text);
        } catch (RuntimeException e) {
            records.unreadable(id.index());
            return;
        }
        switch (m.path("type").asText()) {
            case "alert" -> {
                String sid = m.path("id").asText();
                lastId = sid;
                records.alert(id.index(), sid, micros);
            }
            case "cells" -> {
                for (JsonNode c : m.path("cells")) {
                    String cell = c.path("cell").asText();
                    if (trackedCells.contains(cell)) {
                        records.cell(id.index(), cell, c.path("observed").asLong(), micros);
                    }
                }
            }
            case "snapshot" -> {
                if (m.path("resync").asBoolean(false)) records.resync(id.index());
                if (!m.path("lastId").isMissingNode() && !m.path("lastId").isNull()) {
                    lastId = m.path("lastId").asText();
                }
                if (!ready) {
                    ready = true;
                    readyPromise.tryComplete();
                }
            }
            default -> {}
        }
    }

    private Future<JsonNode> post(String path, String bearer, String json) {
        var o =
                new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI(path)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Origin", origin);
        if (bearer != null) o.putHeader("Authorization", "Bearer " + bearer);
        return http.request(o)
                .compose(req -> req.send(Buffer.buffer(json)))
                .compose(resp -> resp.body().compose(b -> answer(path, resp.statusCode(), b)));
    }

    private static Future<JsonNode> answer(String path, int status, Buffer body) {
        if (status / 100 == 2) return Future.succeededFuture(Json.tree(body.toString()));
        return Future.failedFuture(path + " answered " + status + " " + body);
    }

    int reconnects() {
        return reconnects;
    }

    /** Stops reading the socket (a console behind a stalled link); also after a reconnect. */
    void pause() {
        paused = true;
        if (ws != null) ws.pause();
    }

    /** Reads again what the socket holds, then goes on. */
    void resume() {
        paused = false;
        if (ws != null) ws.resume();
    }

    /** Closes the socket and reconnects (with resume) after {@code delayMs}. */
    void dropAndReconnect(long delayMs) {
        nextReconnectDelayMs = delayMs;
        if (ws != null && !ws.isClosed()) ws.close();
    }

    void stop() {
        stopping = true;
        if (ws != null && !ws.isClosed()) ws.close();
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1000;
    }

    public static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }
}
