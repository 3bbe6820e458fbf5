package io.beatwatch.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.internal.Json;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A console in a test: collects every server message in order; can be paused (never reads). */
public final class TestConsole implements AutoCloseable {

    private final WebSocket ws;
    private final WebSocketClient client;
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();

    TestConsole(WebSocket ws, WebSocketClient client) {
        this.ws = ws;
        this.client = client;
        ws.textMessageHandler(
                t -> {
                    try {
                        inbox.add(Json.tree(t));
                    } catch (Exception e) {
                        inbox.add(Json.object().put("type", "unparseable"));
                    }
                });
        ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
        ws.exceptionHandler(e -> {});
    }

    public WebSocket socket() {
        return ws;
    }

    public void send(String text) {
        ws.writeTextMessage(text);
    }

    public void subscribe(List<String> districts, String lastId) {
        var m = Json.object();
        m.put("type", "subscribe");
        var a = m.putArray("districts");
        districts.forEach(a::add);
        if (lastId != null) {
            m.put("lastId", lastId);
        }
        send(Json.write(m));
    }

    /** The next message of this type (others before it are dropped), or fails after the wait. */
    public JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + GatewayFixture.WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            var m = inbox.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no '" + type + "' message within the wait");
            }
            if (type.equals(m.path("type").asText())) {
                return m;
            }
        }
    }

    /** The next message, whatever its type, or null after {@code waitMillis}. */
    public JsonNode poll(long waitMillis) throws InterruptedException {
        return inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
    }

    /** The next message of any of these types (others before it are dropped). */
    public JsonNode nextOf(java.util.Set<String> types) throws InterruptedException {
        long deadline = System.nanoTime() + GatewayFixture.WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            var m = inbox.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no message of " + types + " within the wait");
            }
            if (types.contains(m.path("type").asText())) {
                return m;
            }
        }
    }

    /** Collects {@code n} alert messages (skipping other types), failing after the wait. */
    public List<JsonNode> alerts(int n) throws InterruptedException {
        var out = new ArrayList<JsonNode>();
        while (out.size() < n) {
            out.add(next("alert"));
        }
        return out;
    }

    /** Messages received so far and not yet taken. */
    public List<JsonNode> drain() {
        var out = new ArrayList<JsonNode>();
        inbox.drainTo(out);
        return out;
    }

    public void pause() {
        ws.pause();
    }

    public void resume() {
        ws.resume();
    }

    /** Completes with the close status code when the socket closes. */
    public CompletableFuture<Short> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!ws.isClosed()) {
            ws.close();
        }
        client.close();
    }
}
