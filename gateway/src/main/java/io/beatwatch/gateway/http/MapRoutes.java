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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the console draws under the hotspots: {@code GET /api/config} (the agency's base layer, if
 * any) and {@code GET /api/districts.geojson} (district outlines and the city's extent: the
 * agency's boundaries when it has them, else derived from the cells of each district in the view).
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
            t.put("url", map.tileUrl());
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
                                                                d -> true));
                            }
                            if (deps.config().map().districtsFile() != null) {
                                throw ApiException.unavailable(
                                        "the configured map.districtsFile does not exist");
                            }
                            return derived(c, p);
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

    /** Outlines from the cells of each district in scope, over every live window. */
    private Future<ObjectNode> derived(Context c, Principal p) {
        var windows = deps.config().live().windows();
        return deps.view()
                .districts(c)
                .compose(
                        ds -> {
                            var names = new ArrayList<String>();
                            var reads = new ArrayList<Future<List<String>>>();
                            for (var d : new TreeSet<>(ds)) {
                                if (!p.canSee(d)) {
                                    continue;
                                }
                                for (int w : windows) {
                                    names.add(d);
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
                                                Map<String, Set<String>> cells = new TreeMap<>();
                                                for (int i = 0; i < reads.size(); i++) {
                                                    List<String> got = all.resultAt(i);
                                                    cells.computeIfAbsent(
                                                                    names.get(i),
                                                                    k -> new HashSet<>())
                                                            .addAll(got);
                                                }
                                                return DistrictOutlines.fromCells(cells);
                                            });
                        });
    }
}
