package io.beatwatch.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.audit.AuditLog;
import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.live.AlertEvent;
import io.beatwatch.gateway.live.CellUpdate;
import io.beatwatch.gateway.live.StreamId;
import io.beatwatch.gateway.view.Visibility;
import io.lettuce.core.StreamMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console connection (docs/protocol.md). Lives on one event loop: every method runs on its
 * context. After {@code subscribe} it replays the alerts the console missed (or sends a snapshot),
 * holding live alerts meanwhile, then streams live alerts in id order exactly once. Writes never
 * wait on the console: a console that stays blocked is closed with {@link #CLOSE_SLOW}.
 */
final class ConsoleSession {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSession.class);

    /** Close code for a console whose send queue stayed full; it should resume with lastId. */
    static final short CLOSE_SLOW = 4008;

    /** Close code for a console that stopped answering pings. */
    static final short CLOSE_PING_TIMEOUT = 4000;

    /** Close code for a console that floods the server with messages (policy violation). */
    static final short CLOSE_POLICY = 1008;

    /** Close code when the gateway shuts down. */
    static final short CLOSE_GOING_AWAY = 1001;

    /** Close code: the user's session was revoked (signed out everywhere, or by a supervisor). */
    static final short CLOSE_REVOKED = 4001;

    /** {@code reason} tags of the closed-sessions counter for slow consoles. */
    static final String CLOSED_OVERFLOW = "overflow";

    static final String CLOSED_STALLED = "stalled";

    static final int MAX_SUBSCRIBED_DISTRICTS = 100;

    /** Client messages: burst and sustained rate per second. */
    static final int MESSAGE_BURST = 20;

    static final int MESSAGES_PER_SECOND = 5;

    private enum Phase {
        CONNECTED,
        SYNCING,
        LIVE,
        CLOSED
    }

    private final ServerWebSocket ws;
    private final Principal principal;
    private final String remote;
    private final SessionDeps deps;
    private final Context context;
    private final Outbox outbox;
    private final Runnable onClosed;

    private Phase phase = Phase.CONNECTED;
    private Set<String> subscribed = Set.of();
    private StreamId lastSent = StreamId.ZERO;
    private List<AlertEvent> held;
    private boolean replayWaitingForDrain;
    private StreamId replayCursor;
    private long blockedSinceMillis = -1;
    private long lastPongMillis;
    private double messageTokens = MESSAGE_BURST;
    private long messageTokensAt;

    ConsoleSession(
            ServerWebSocket ws,
            Principal principal,
            String remote,
            SessionDeps deps,
            Context context,
            Runnable onClosed) {
        this.ws = ws;
        this.principal = principal;
        this.remote = remote;
        this.deps = deps;
        this.context = context;
        this.onClosed = onClosed;
        this.outbox =
                new Outbox(
                        new Outbox.Sink() {
                            @Override
                            public boolean full() {
                                return ws.writeQueueFull();
                            }

                            @Override
                            public void write(Outbox.Frame f) {
                                // Counted before the write, so a console never sees an alert
                                // that the metrics do not yet show.
                                if (f.appendMillis() >= 0) {
                                    deps.metrics()
                                            .alertPushed(
                                                    Duration.ofMillis(
                                                            deps.clock().millis()
                                                                    - f.appendMillis()));
                                }
                                ws.writeTextMessage(f.text());
                            }
                        },
                        deps.limits().maxQueuedMessages());
        long now = deps.clock().millis();
        this.lastPongMillis = now;
        this.messageTokensAt = now;
    }

    Principal principal() {
        return principal;
    }

    void start() {
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(b -> error("bad_request", "binary messages are not accepted"));
        ws.pongHandler(b -> lastPongMillis = deps.clock().millis());
        ws.drainHandler(v -> onDrain());
        ws.exceptionHandler(e -> LOG.debug("console socket error: {}", e.toString()));
        ws.closeHandler(
                v -> {
                    if (phase != Phase.CLOSED) {
                        deps.metrics().wsClosed("client");
                    }
                    cleanup();
                });
        deps.metrics().sessionOpened(principal.role());
        var hello = Json.object();
        hello.put("type", "hello");
        hello.put("user", principal.user());
        hello.put("role", principal.role().wire());
        var ds = hello.putArray("districts");
        principal.districts().stream().sorted().forEach(ds::add);
        hello.put("serverTime", deps.clock().instant().toString());
        send(Json.write(hello));
    }

    // ---- client messages

    private void onText(String text) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (!takeMessageToken()) {
            close(CLOSE_POLICY, "too many messages", "flood");
            return;
        }
        JsonNode msg;
        try {
            msg = Json.tree(text);
        } catch (Exception e) {
            error("bad_request", "message is not valid JSON");
            return;
        }
        switch (msg.path("type").asText("")) {
            case WsHandshake.SUBSCRIBE -> onSubscribe(msg);
            case WsHandshake.PING -> send("{\"type\":\"pong\"}");
            default -> error("bad_request", "unknown message type");
        }
    }

    private boolean takeMessageToken() {
        long now = deps.clock().millis();
        messageTokens =
                Math.min(
                        MESSAGE_BURST,
                        messageTokens + (now - messageTokensAt) * MESSAGES_PER_SECOND / 1000.0);
        messageTokensAt = now;
        if (messageTokens < 1) {
            return false;
        }
        messageTokens -= 1;
        return true;
    }

    private void onSubscribe(JsonNode msg) {
        if (phase == Phase.SYNCING) {
            error("busy", "a subscription is still being synchronised");
            return;
        }
        var districts = msg.get("districts");
        if (districts == null
                || !districts.isArray()
                || districts.isEmpty()
                || districts.size() > MAX_SUBSCRIBED_DISTRICTS) {
            error("bad_request", "districts must be a non-empty array");
            return;
        }
        var requested = new LinkedHashSet<String>();
        for (var d : districts) {
            if (!d.isTextual() || d.asText().isBlank() || d.asText().length() > 64) {
                error("bad_request", "districts must be names");
                return;
            }
            requested.add(d.asText());
        }
        var target = String.join(",", requested);
        if (!principal.covers(requested)) {
            deps.audit()
                    .record(
                            principal.user(),
                            principal.role().wire(),
                            "ws.subscribe",
                            target,
                            remote,
                            AuditLog.DENIED,
                            "district outside token scope");
            error("forbidden", "districts outside your scope");
            return;
        }
        Optional<StreamId> lastId = Optional.empty();
        boolean badId = false;
        var last = msg.get("lastId");
        if (last != null && !last.isNull()) {
            lastId = last.isTextual() ? StreamId.parse(last.asText()) : Optional.empty();
            badId = lastId.isEmpty();
        }
        deps.audit()
                .record(
                        principal.user(),
                        principal.role().wire(),
                        "ws.subscribe",
                        target,
                        remote,
                        AuditLog.OK,
                        lastId.map(id -> "resume after " + id).orElse(null));
        subscribed = Set.copyOf(requested);
        phase = Phase.SYNCING;
        held = new ArrayList<>();
        if (badId) {
            snapshot(true, "invalid_id");
        } else if (lastId.isEmpty()) {
            snapshot(false, "initial");
        } else {
            resume(lastId.get());
        }
    }

    private void resume(StreamId after) {
        var view = deps.view();
        Future.all(view.firstStreamId(context), view.lastStreamId(context))
                .onSuccess(
                        f -> {
                            Optional<StreamId> first = f.resultAt(0);
                            Optional<StreamId> newest = f.resultAt(1);
                            // Older than the retained stream (trimmed) or newer than anything in
                            // it (the stream was rebuilt): the gap cannot be replayed.
                            if (first.isEmpty()
                                    || after.compareTo(first.get()) < 0
                                    || after.isAfter(newest.get())) {
                                snapshot(true, "stale_id");
                            } else {
                                replayCursor = after;
                                replayPage();
                            }
                        })
                .onFailure(this::syncFailed);
    }

    private void replayPage() {
        if (phase != Phase.SYNCING) {
            return;
        }
        int page = deps.live().replayPage();
        deps.view()
                .streamAfter(context, replayCursor, page)
                .onSuccess(
                        msgs -> {
                            if (phase != Phase.SYNCING) {
                                return;
                            }
                            for (StreamMessage<String, String> m : msgs) {
                                var id = StreamId.of(m.getId());
                                replayCursor = id;
                                var ev = AlertEvent.parse(id, m.getBody());
                                if (ev.isPresent() && visible(ev.get())) {
                                    deps.metrics().alertReplayed();
                                    if (!offer(new Outbox.Frame(ev.get().frame(), -1))) {
                                        return;
                                    }
                                }
                            }
                            if (msgs.size() < page) {
                                goLive(replayCursor);
                            } else if (outbox.blocked()) {
                                replayWaitingForDrain = true;
                            } else {
                                replayPage();
                            }
                        })
                .onFailure(this::syncFailed);
    }

    private void snapshot(boolean resync, String reason) {
        deps.metrics().snapshot(reason);
        var view = deps.view();
        // Both reads go down one pipelined connection in this order, so the open alerts are at
        // least as new as the id: every later stream entry arrives live.
        var newest = view.lastStreamId(context);
        var open = view.openAlerts(context);
        Future.all(newest, open)
                .onSuccess(
                        f -> {
                            if (phase != Phase.SYNCING) {
                                return;
                            }
                            var lastId = newest.result().orElse(StreamId.ZERO);
                            var snap = Json.object();
                            snap.put("type", "snapshot");
                            snap.put("resync", resync);
                            snap.put("lastId", lastId.toString());
                            var alerts = snap.putArray("alerts");
                            for (var json : open.result().values()) {
                                try {
                                    var a = Json.tree(json);
                                    if (a.isObject()
                                            && Visibility.alertVisible(
                                                    principal,
                                                    subscribed,
                                                    a.path("district").asText(null),
                                                    AlertEvent.supervisorsOnly(a))) {
                                        alerts.add(a);
                                    }
                                } catch (Exception e) {
                                    deps.metrics().alertMalformed();
                                }
                            }
                            var cells = snap.putArray("cells");
                            for (CellUpdate c : deps.state().cells(subscribed)) {
                                if (principal.canSee(c.district())) {
                                    cells.add(c.view().toJson());
                                }
                            }
                            if (offer(new Outbox.Frame(Json.write(snap), -1))) {
                                goLive(lastId);
                            }
                        })
                .onFailure(this::syncFailed);
    }

    private void goLive(StreamId upTo) {
        lastSent = upTo;
        var pending = held;
        held = null;
        phase = Phase.LIVE;
        for (var e : pending) {
            deliver(e);
        }
        if (principal.role().handlesSuggestions()) {
            // the district boards as they are now, marked as a snapshot (not new to announce)
            for (var s : deps.state().suggestions(subscribed)) {
                send(s);
            }
        }
    }

    private void syncFailed(Throwable e) {
        if (phase != Phase.SYNCING) {
            return;
        }
        LOG.warn("console sync failed: {}", e.toString());
        error("unavailable", "could not read the alert stream; subscribe again");
        held = null;
        phase = Phase.CONNECTED;
    }

    // ---- live input (from the hub, on this context)

    void onAlerts(List<AlertEvent> alerts) {
        for (var e : alerts) {
            if (phase == Phase.SYNCING) {
                if (visible(e)) {
                    held.add(e);
                    if (held.size() > deps.limits().maxQueuedMessages()) {
                        close(CLOSE_SLOW, "too slow to catch up", CLOSED_OVERFLOW);
                        return;
                    }
                }
            } else if (phase == Phase.LIVE) {
                deliver(e);
            }
        }
    }

    private void deliver(AlertEvent e) {
        if (phase != Phase.LIVE || !e.id().isAfter(lastSent) || !visible(e)) {
            return;
        }
        lastSent = e.id();
        offer(new Outbox.Frame(e.frame(), e.id().millis()));
    }

    void onCells(String district, List<CellUpdate> cells) {
        if (phase == Phase.CONNECTED || phase == Phase.CLOSED || !subscribedTo(district)) {
            return;
        }
        for (var c : cells) {
            if (outbox.offerCell(c.key(), c.json())) {
                deps.metrics().cellCoalesced();
            }
        }
    }

    void onSuggestion(String district, String frame) {
        if (phase == Phase.LIVE
                && principal.role().handlesSuggestions()
                && subscribedTo(district)) {
            send(frame);
        }
    }

    private boolean subscribedTo(String district) {
        return principal.canSee(district)
                && (subscribed.contains(Principal.ALL) || subscribed.contains(district));
    }

    private boolean visible(AlertEvent e) {
        return Visibility.alertVisible(principal, subscribed, e.district(), e.supervisorsOnly());
    }

    // ---- output

    private void send(String text) {
        offer(new Outbox.Frame(text, -1));
    }

    /** Queues a frame; false if that overflowed the outbox and closed the session. */
    private boolean offer(Outbox.Frame f) {
        if (phase == Phase.CLOSED) {
            return false;
        }
        return handle(outbox.offer(f));
    }

    private boolean handle(Outbox.State s) {
        switch (s) {
            case DRAINED -> blockedSinceMillis = -1;
            case BLOCKED -> {
                if (blockedSinceMillis < 0) {
                    blockedSinceMillis = deps.clock().millis();
                }
            }
            case OVERFLOW -> {
                close(CLOSE_SLOW, "send queue full", CLOSED_OVERFLOW);
                return false;
            }
        }
        return true;
    }

    private void onDrain() {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (handle(outbox.pump()) && !outbox.blocked() && replayWaitingForDrain) {
            replayWaitingForDrain = false;
            replayPage();
        }
    }

    private void error(String code, String detail) {
        deps.metrics().wsMessageRejected(code);
        var e = Json.object();
        e.put("type", "error");
        e.put("error", code);
        e.put("detail", detail);
        send(Json.write(e));
    }

    // ---- periodic duties (called by the session group)

    /** Sends coalesced cell updates if the console keeps up. */
    void flushCells() {
        if (phase != Phase.LIVE) {
            return;
        }
        int n = outbox.flushCells();
        if (n > 0) {
            deps.metrics().cellsPushed(n);
        }
    }

    /** Closes the console if it has been blocked too long or stopped answering pings. */
    void checkHealth(long nowMillis) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (deps.revocations().revoked(principal)) {
            close(CLOSE_REVOKED, "session revoked", "revoked");
            return;
        }
        if (blockedSinceMillis >= 0
                && nowMillis - blockedSinceMillis > deps.limits().drainTimeout().toMillis()) {
            close(CLOSE_SLOW, "blocked too long", CLOSED_STALLED);
            return;
        }
        long pingMillis = deps.live().pingInterval().toMillis();
        if (nowMillis - lastPongMillis > 3 * pingMillis) {
            close(CLOSE_PING_TIMEOUT, "ping timeout", "ping_timeout");
        }
    }

    void ping() {
        if (phase != Phase.CLOSED && !ws.writeQueueFull()) {
            ws.writePing(Buffer.buffer("bw"));
        }
    }

    void close(short code, String reason, String metricReason) {
        if (phase == Phase.CLOSED) {
            return;
        }
        deps.metrics().wsClosed(metricReason);
        LOG.info(
                "closing console of {} ({}): {}, {} frames queued",
                principal.user(),
                principal.role().wire(),
                reason,
                outbox.queued());
        cleanup();
        ws.close(code, reason);
    }

    /** Releases everything this session holds; safe to call more than once. */
    private void cleanup() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        held = null;
        deps.metrics().sessionClosed(principal.role());
        deps.registry().release(principal.user());
        onClosed.run();
    }
}
