package io.beatwatch.gateway.live;

import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.view.CellView;
import io.beatwatch.gateway.view.ViewReader;
import io.lettuce.core.ScoredValue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the ranked cell sets of every district and window (every second by default), reads the
 * hashes of cells that are new, changed score, or are due a periodic refresh, and publishes only
 * the cells whose view changed. A cell that leaves the top list is sent once more (its current
 * values, or zero if it expired) and then forgotten. Also polls patrol suggestions per district.
 */
public final class MapPollerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(MapPollerVerticle.class);

    /** Every this many polls, every tracked hash is re-read even if its score did not move. */
    static final int FULL_REFRESH_EVERY = 10;

    private final ViewReader view;
    private final LiveHub hub;
    private final LiveState state;
    private final GatewayConfig.Live live;
    private final Clock clock;

    /** district -> cell key -> last published view and the score it was read at. */
    private final Map<String, Map<String, Tracked>> known = new HashMap<>();

    /** district -> suggestion id -> last published JSON. */
    private final Map<String, Map<String, String>> knownSuggestions = new HashMap<>();

    private long timer = -1;
    private boolean polling;
    private long polls;
    private boolean failing;

    private record Tracked(CellView view, double rankScore) {}

    public MapPollerVerticle(
            ViewReader view, LiveHub hub, LiveState state, GatewayConfig.Live live, Clock clock) {
        this.view = view;
        this.hub = hub;
        this.state = state;
        this.live = live;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        timer = vertx.setPeriodic(0, live.mapPollInterval().toMillis(), t -> poll());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    /** One poll; skipped if the previous one is still running (a slow Redis never piles up). */
    void poll() {
        if (polling) {
            return;
        }
        polling = true;
        boolean full = polls++ % FULL_REFRESH_EVERY == 0;
        view.districts(context)
                .compose(
                        districts -> {
                            var all = new ArrayList<Future<?>>();
                            for (var d : districts) {
                                all.add(pollCells(d, full));
                                all.add(pollSuggestions(d));
                            }
                            return Future.all(all);
                        })
                .onComplete(
                        r -> {
                            polling = false;
                            if (r.succeeded()) {
                                state.lastPoll(clock.instant());
                                if (failing) {
                                    LOG.info("map poll recovered");
                                    failing = false;
                                }
                            } else if (!failing) {
                                failing = true;
                                LOG.warn("map poll failed, will retry: {}", r.cause().toString());
                            }
                        });
    }

    private Future<Void> pollCells(String district, boolean full) {
        var tracked = known.computeIfAbsent(district, d -> new HashMap<>());
        var perWindow = new ArrayList<Future<List<CellUpdate>>>();
        for (int w : live.windows()) {
            perWindow.add(
                    view.ranked(context, district, w, live.topCellsPerDistrict())
                            .compose(ranked -> refresh(district, w, ranked, tracked, full)));
        }
        return Future.all(perWindow)
                .map(
                        all -> {
                            var changed = new ArrayList<CellUpdate>();
                            for (int i = 0; i < perWindow.size(); i++) {
                                List<CellUpdate> part = all.resultAt(i);
                                changed.addAll(part);
                            }
                            hub.publishCells(district, changed);
                            return null;
                        });
    }

    private Future<List<CellUpdate>> refresh(
            String district,
            int window,
            List<ScoredValue<String>> ranked,
            Map<String, Tracked> tracked,
            boolean full) {
        var present = new HashSet<String>();
        var reads = new ArrayList<Future<CellUpdate>>();
        for (var sv : ranked) {
            var cell = sv.getValue();
            var key = cell + ":" + window;
            present.add(key);
            var t = tracked.get(key);
            if (full || t == null || t.rankScore() != sv.getScore()) {
                reads.add(read(district, cell, window, sv.getScore(), tracked, false));
            }
        }
        for (var e : new ArrayList<>(tracked.entrySet())) {
            var v = e.getValue().view();
            if (v.window() == window && !present.contains(e.getKey())) {
                reads.add(read(district, v.cell(), window, Double.NaN, tracked, true));
            }
        }
        return Future.all(reads)
                .map(
                        all -> {
                            var out = new ArrayList<CellUpdate>();
                            for (int i = 0; i < reads.size(); i++) {
                                CellUpdate u = all.resultAt(i);
                                if (u != null) {
                                    out.add(u);
                                }
                            }
                            return out;
                        });
    }

    /** Reads one hash; returns the update to publish, or null if nothing changed. */
    private Future<CellUpdate> read(
            String district,
            String cell,
            int window,
            double rankScore,
            Map<String, Tracked> tracked,
            boolean leaving) {
        var key = cell + ":" + window;
        return view.cellHash(context, cell, window)
                .map(
                        hash -> {
                            var previous = tracked.get(key);
                            var next = CellView.fromHash(cell, window, hash, district);
                            if (leaving) {
                                tracked.remove(key);
                                state.removeCell(district, key);
                                var last =
                                        next.orElseGet(
                                                () ->
                                                        previous == null
                                                                ? null
                                                                : previous.view().cold());
                                return last == null ? null : CellUpdate.of(last);
                            }
                            if (next.isEmpty()) {
                                return null;
                            }
                            var v = next.get();
                            tracked.put(key, new Tracked(v, rankScore));
                            if (previous != null && previous.view().equals(v)) {
                                return null;
                            }
                            var u = CellUpdate.of(v);
                            state.putCell(u);
                            return u;
                        });
    }

    /**
     * The {@code suggestion} frame for a stored suggestion, or null if it is not an object. {@code
     * snapshot} marks the frames sent on subscribe (suggestions that were already there): a console
     * shows them without announcing them as new.
     */
    static String suggestionFrame(String json, boolean snapshot) {
        try {
            var node = Json.tree(json);
            if (!node.isObject()) {
                return null;
            }
            var frame = Json.object();
            frame.put("type", "suggestion");
            if (snapshot) {
                frame.put("snapshot", true);
            }
            frame.set("suggestion", node);
            return Json.write(frame);
        } catch (Exception e) {
            return null;
        }
    }

    private Future<Void> pollSuggestions(String district) {
        var seen = knownSuggestions.computeIfAbsent(district, d -> new HashMap<>());
        return view.suggestions(context, district)
                .map(
                        current -> {
                            for (var e : current.entrySet()) {
                                if (!e.getValue().equals(seen.get(e.getKey()))) {
                                    seen.put(e.getKey(), e.getValue());
                                    var frame = suggestionFrame(e.getValue(), false);
                                    if (frame != null) {
                                        // consoles subscribing later get it marked as a snapshot
                                        state.putSuggestion(
                                                district,
                                                e.getKey(),
                                                suggestionFrame(e.getValue(), true));
                                        hub.publishSuggestion(district, frame);
                                    }
                                }
                            }
                            Set<String> ids = current.keySet();
                            seen.keySet().retainAll(ids);
                            state.retainSuggestions(district, ids);
                            return null;
                        });
    }
}
