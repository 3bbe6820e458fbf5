package io.beatwatch.gateway.live;

import io.beatwatch.gateway.auth.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest map and suggestions as last polled, shared by the poller (writer) and the sessions
 * (readers, for snapshots), plus the reader's position for status.
 */
public final class LiveState {

    private final Map<String, Map<String, CellUpdate>> cells = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> suggestions = new ConcurrentHashMap<>();
    private volatile StreamId readerPosition = StreamId.ZERO;
    private volatile Instant lastPoll;
    private volatile Instant lastRead;

    void putCell(CellUpdate u) {
        cells.computeIfAbsent(u.district(), d -> new ConcurrentHashMap<>()).put(u.key(), u);
    }

    void removeCell(String district, String key) {
        var m = cells.get(district);
        if (m != null) {
            m.remove(key);
        }
    }

    void putSuggestion(String district, String id, String json) {
        suggestions.computeIfAbsent(district, d -> new ConcurrentHashMap<>()).put(id, json);
    }

    void retainSuggestions(String district, Set<String> ids) {
        var m = suggestions.get(district);
        if (m != null) {
            m.keySet().retainAll(ids);
        }
    }

    /** Current cells of the given districts ({@link Principal#ALL} = every district). */
    public List<CellUpdate> cells(Collection<String> districts) {
        var out = new ArrayList<CellUpdate>();
        cells.forEach(
                (d, m) -> {
                    if (districts.contains(Principal.ALL) || districts.contains(d)) {
                        out.addAll(m.values());
                    }
                });
        return out;
    }

    /** Current suggestion frames of the given districts, marked {@code "snapshot": true}. */
    public List<String> suggestions(Collection<String> districts) {
        var out = new ArrayList<String>();
        suggestions.forEach(
                (d, m) -> {
                    if (districts.contains(Principal.ALL) || districts.contains(d)) {
                        out.addAll(m.values());
                    }
                });
        return out;
    }

    public StreamId readerPosition() {
        return readerPosition;
    }

    void readerPosition(StreamId id, Instant at) {
        readerPosition = id;
        lastRead = at;
    }

    public Instant lastRead() {
        return lastRead;
    }

    public Instant lastPoll() {
        return lastPoll;
    }

    void lastPoll(Instant at) {
        lastPoll = at;
    }
}
