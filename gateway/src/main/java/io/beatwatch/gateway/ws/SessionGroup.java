package io.beatwatch.gateway.ws;

import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.live.AlertEvent;
import io.beatwatch.gateway.live.CellUpdate;
import io.beatwatch.gateway.live.LiveHub;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The console sessions of one HTTP verticle instance (one event loop): receives live updates from
 * the hub on that loop and fans them out, and drives the periodic duties (cell flushes every 500
 * ms, health checks every second, pings) with three timers rather than one per console.
 */
public final class SessionGroup implements LiveHub.Listener {

    private static final long HEALTH_CHECK_MS = 1000;

    private final Vertx vertx;
    private final Context context;
    private final SessionDeps deps;
    private final List<ConsoleSession> sessions = new ArrayList<>();
    private final List<Long> timers = new ArrayList<>();

    public SessionGroup(Vertx vertx, Context context, SessionDeps deps) {
        this.vertx = vertx;
        this.context = context;
        this.deps = deps;
    }

    /** Starts the periodic duties; call on this group's context. */
    public void start() {
        timers.add(
                vertx.setPeriodic(
                        deps.live().cellsFlushInterval().toMillis(),
                        t -> each(ConsoleSession::flushCells)));
        timers.add(
                vertx.setPeriodic(
                        HEALTH_CHECK_MS,
                        t -> {
                            long now = deps.clock().millis();
                            each(s -> s.checkHealth(now));
                        }));
        timers.add(
                vertx.setPeriodic(
                        deps.live().pingInterval().toMillis(), t -> each(ConsoleSession::ping)));
    }

    /** Opens a session for an accepted WebSocket (slot already reserved in the registry). */
    public void open(ServerWebSocket ws, Principal principal, String remote) {
        var holder = new ConsoleSession[1];
        var session =
                new ConsoleSession(
                        ws, principal, remote, deps, context, () -> sessions.remove(holder[0]));
        holder[0] = session;
        sessions.add(session);
        session.start();
    }

    /** Closes every session (gateway shutdown). */
    public void stop() {
        timers.forEach(vertx::cancelTimer);
        each(s -> s.close(ConsoleSession.CLOSE_GOING_AWAY, "gateway shutting down", "shutdown"));
    }

    public int size() {
        return sessions.size();
    }

    @Override
    public void onAlerts(List<AlertEvent> alerts) {
        each(s -> s.onAlerts(alerts));
    }

    @Override
    public void onCells(String district, List<CellUpdate> cells) {
        each(s -> s.onCells(district, cells));
    }

    @Override
    public void onSuggestion(String district, String frame) {
        each(s -> s.onSuggestion(district, frame));
    }

    /** Iterates over a copy: a session may close (and leave the list) during the call. */
    private void each(java.util.function.Consumer<ConsoleSession> action) {
        for (var s : sessions.toArray(new ConsoleSession[0])) {
            action.accept(s);
        }
    }
}
