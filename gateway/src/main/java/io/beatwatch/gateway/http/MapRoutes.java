package io.beatwatch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.view.DistrictOutlines;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the console draws under the hotspots: {@code GET /api/config} (the agency's base layer, if
 * any) and {@code GET /api/districts.geojson} (district and beat outlines and the city's extent:
 * the agency's boundaries when it has them, else derived from the cells of each district, and the
 * beat each cell's hash names, in the view).
 */
final class MapRoutes {

    private final ServerDeps deps;

    MapRoutes(ServerDeps deps) {
        this.deps = deps;
    }

    void mount(Router router) {
        router.get("/api/config").handler(this::config);
        router.get("/api/districts.geojson").handler(this::districts);
    }

    private void config(RoutingContext ctx) {
        Http.liveViewReader(ctx);
        var map = deps.config().map();
        var out = Json.object();
        out.put("v", 1);
        if (map.hasTiles()) {
            var t = out.putObject("tiles");
            t.put("url", map.tileTemplate());
            // wms: the console fills {bbox} with each 256 px tile's EPSG:3857 bounds
            t.put("kind", map.isWms() ? "wms" : "xyz");
            t.put("attribution", map.tileAttribution());
            t.put("maxZoom", map.tileMaxZoom());
        }
        Http.json(ctx, 200, out);
    }

    private void districts(RoutingContext ctx) {
        var p = Http.liveViewReader(ctx);
        var file = deps.config().map().boundariesFor(deps.config().publicFeed().cityProfile());
        var fs = ctx.vertx().fileSystem();
        var c = ctx.vertx().getOrCreateContext();
        Future<Boolean> exists =
                file == null ? Future.succeededFuture(false) : fs.exists(file.toString());
        exists.compose(
                        present -> {
                            if (present) {
                                // boundaries are public geography: every district is drawn
                                return fs.readFile(file.toString())
                                        .map(
                                                b ->
                                                        DistrictOutlines.fromBoundaries(
                                                                b.toString(StandardCharsets.UTF_8),
                                                                d -> true))
                                        .compose(
                                                geo ->
                                                        DistrictOutlines.hasBeats(geo)
                                                                ? Future.succeededFuture(geo)
                                                                : derivedBeats(c, p, geo));
                            }
                            if (deps.config().map().districtsFile() != null) {
                                throw ApiException.unavailable(
                                        "the configured map.districtsFile does not exist");
                            }
                            return derivedBeats(c, p, null);
                        })
                .onSuccess(geo -> Http.json(ctx, 200, geo))
                .onFailure(
                        e ->
                                ctx.fail(
                                        e instanceof IllegalArgumentException
                                                ? ApiException.unavailable(
                                                        "district boundaries unusable: "
                                                                + e.getMessage())
                                                : e));
    }

    /**
     * Beats derived from the data added to {@code geo}, or, when it is null, district outlines and
     * beats both derived from the cells of each district in scope.
     */
    private Future<ObjectNode> derivedBeats(Context c, Principal p, ObjectNode geo) {
        return cellsInScope(c, p)
                .compose(
                        cells -> {
                            var base = geo;
                            if (base == null) {
                                Map<String, Set<String>> sets = new TreeMap<>();
                                cells.forEach((d, m) -> sets.put(d, m.keySet()));
                                base = DistrictOutlines.fromCells(sets);
                            }
                            var outlines = base;
                            return beats(c, cells)
                                    .map(bs -> DistrictOutlines.withDerivedBeats(outlines, bs));
                        });
    }

    /**
     * The cells of each district in scope, over every live window: district to cell to the first
     * window whose ranked set holds it (its hash for that window exists).
     */
    private Future<Map<String, Map<String, Integer>>> cellsInScope(Context c, Principal p) {
        var windows = deps.config().live().windows();
        return deps.view()
                .districts(c)
                .compose(
                        ds -> {
                            var names = new ArrayList<String>();
                            var wins = new ArrayList<Integer>();
                            var reads = new ArrayList<Future<List<String>>>();
                            for (var d : new TreeSet<>(ds)) {
                                // beats and derived districts: only where the user may look
                                if (!p.canSee(d)) {
                                    continue;
                                }
                                for (int w : windows) {
                                    names.add(d);
                                    wins.add(w);
                                    reads.add(
                                            Async.on(
                                                    c,
                                                    deps.view()
                                                            .commands()
                                                            .zrange(
                                                                    RedisKeys.ranked(d, w),
                                                                    0,
                                                                    -1)));
                                }
                            }
                            return Future.all(reads)
                                    .map(
                                            all -> {
                                                Map<String, Map<String, Integer>> cells =
                                                        new TreeMap<>();
                                                for (int i = 0; i < reads.size(); i++) {
                                                    List<String> got = all.resultAt(i);
                                                    var m =
                                                            cells.computeIfAbsent(
                                                                    names.get(i),
                                                                    k -> new LinkedHashMap<>());
                                                    for (var cell : got) {
                                                        m.putIfAbsent(cell, wins.get(i));
                                                    }
                                                }
                                                return cells;
                                            });
                        });
    }

    /** Per district and beat, its cells: the beat each cell's hash names (none: no beat). */
    private Future<Map<String, Map<String, Set<String>>>> beats(
            Context c, Map<String, Map<String, Integer>> cells) {
        var districts = new ArrayList<String>();
        var ids = new ArrayList<String>();
        var reads = new ArrayList<Future<String>>();
        for (var d : cells.entrySet()) {
            for (var cell : d.getValue().entrySet()) {
                districts.add(d.getKey());
                ids.add(cell.getKey());
                reads.add(
                        Async.on(
                                c,
                                deps.view()
                                        .commands()
                                        .hget(
                                                RedisKeys.cell(cell.getKey(), cell.getValue()),
                                                RedisKeys.CELL_FIELD_BEAT)));
            }
        }
        return Future.all(reads)
                .map(
                        all -> {
                            Map<String, Map<String, Set<String>>> out = new TreeMap<>();
                            for (int i = 0; i < reads.size(); i++) {
                                String beat = all.resultAt(i);
                                if (beat == null || beat.isBlank()) {
                                    continue;
                                }
                                out.computeIfAbsent(districts.get(i), k -> new TreeMap<>())
                                        .computeIfAbsent(beat, k -> new HashSet<>())
                                        .add(ids.get(i));
                            }
                            return out;
                        });
    }
}
