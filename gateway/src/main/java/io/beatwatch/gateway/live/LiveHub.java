package io.beatwatch.gateway.live;

import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-process fan-out from the single stream reader and map poller to every HTTP verticle instance:
 * each listener is called on its own context, so sessions stay single-threaded.
 */
public final class LiveHub {

    /** Receives live updates on the context it registered with. */
    public interface Listener {
        void onAlerts(List<AlertEvent> alerts);

        void onCells(String district, List<CellUpdate> cells);

        void onSuggestion(String district, String suggestionFrame);
    }

    private record Entry(Context context, Listener listener) {}

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    /** Registers a listener; run the returned action to unregister. */
    public Runnable register(Context context, Listener listener) {
        var e = new Entry(context, listener);
        entries.add(e);
        return () -> entries.remove(e);
    }

    public void publishAlerts(List<AlertEvent> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        var copy = List.copyOf(alerts);
        for (var e : entries) {
            e.context().runOnContext(v -> e.listener().onAlerts(copy));
        }
    }

    public void publishCells(String district, List<CellUpdate> cells) {
        if (cells.isEmpty()) {
            return;
        }
        var copy = List.copyOf(cells);
        for (var e : entries) {
            e.context().runOnContext(v -> e.listener().onCells(district, copy));
        }
    }

    public void publishSuggestion(String district, String suggestionFrame) {
        for (var e : entries) {
            e.context().runOnContext(v -> e.listener().onSuggestion(district, suggestionFrame));
        }
    }
}
