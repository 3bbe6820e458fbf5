package io.beatwatch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.live.AlertEvent;
import io.beatwatch.gateway.view.CellView;
import io.beatwatch.gateway.view.GeoJson;
import io.beatwatch.gateway.view.Hexes;
import io.beatwatch.gateway.view.Visibility;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** REST reads of the live view: open alerts, hotspot GeoJSON, cell detail. */
final class LiveViewRoutes {

    /** At most this many tips are listed in a cell's detail. */
    static final int CELL_TIPS = 20;

    private final ServerDeps deps;

    LiveViewRoutes(ServerDeps deps) {
        this.deps = deps;
    }

    void mount(Router router) {
        router.get("/api/alerts").handler(this::alerts);
        router.get("/api/hotspots.geojson").handler(this::hotspots);
        router.get("/api/cells/:cell").handler(this::cell);
    }

    /** The district query parameter, checked against the scope; null if absent. */
    private static String district(RoutingContext ctx, Principal p) {
        var d = ctx.request().getParam("district");
        if (d == null || d.isEmpty()) {
            return null;
        }
        Http.safeParam(d, "district", 64);
        if (!p.canSee(d)) {
            throw ApiException.forbidden("district outside your scope");
        }
        return d;
    }

    private void alerts(RoutingContext ctx) {
        var p = Http.liveViewReader(ctx);
        var district = district(ctx, p);
        var c = ctx.vertx().getOrCreateContext();
        Future.all(deps.view().openAlerts(c), deps.view().alertActions(c))
                .onSuccess(
                        f -> {
                            Map<String, String> open = f.resultAt(0);
                            Map<String, String> actions = f.resultAt(1);
                            var list = new ArrayList<ObjectNode>();
                            for (var e : open.entrySet()) {
                                var a = parseObject(e.getValue());
                                if (a == null) {
                                    continue;
                                }
                                var d = a.path("district").asText(null);
                                if (district != null && !district.equals(d)) {
                                    continue;
                                }
                                if (!Visibility.alertVisible(p, d, AlertEvent.supervisorsOnly(a))) {
                                    continue;
                                }
                                var action = parseObject(actions.get(e.getKey()));
                                if (action != null) {
                                    a.set("action", action);
                                }
                                list.add(a);
                            }
                            list.sort(
                                    Comparator.comparingDouble(
                                                    (ObjectNode a) -> a.path("score").asDouble())
                                            .reversed());
                            var arr = Json.array();
                            list.forEach(arr::add);
                            Http.json(ctx, 200, arr);
                        })
                .onFailure(ctx::fail);
    }

    private void hotspots(RoutingContext ctx) {
        var p = Http.liveViewReader(ctx);
        var district = district(ctx, p);
        int window = window(ctx);
        var c = ctx.vertx().getOrCreateContext();
        Future<Set<String>> districts =
                district != null
                        ? Future.succeededFuture(Set.of(district))
                        : deps.view().districts(c);
        districts
                .compose(
                        ds -> {
                            var reads = new ArrayList<Future<List<CellView>>>();
                            for (var d : new TreeSet<>(ds)) {
                                if (p.canSee(d)) {
                                    reads.add(
                                            deps.view()
                                                    .hotCells(
                                                            c,
                                                            d,
                                                            window,
                                                            deps.config()
                                                                    .live()
                                                                    .topCellsPerDistrict()));
                                }
                            }
                            return Future.all(reads)
                                    .map(
                                            all -> {
                                                var features = new ArrayList<ObjectNode>();
                                                for (int i = 0; i < reads.size(); i++) {
                                                    List<CellView> cells = all.resultAt(i);
                                                    for (var cv : cells) {
                                                        if (p.canSee(cv.district())) {
                                                            features.add(cv.toFeature());
                                                        }
                                                    }
                                                }
                                                return features;
                                            });
                        })
                .onSuccess(
                        features -> {
                            var fc = GeoJson.collection(features);
                            fc.put("window", window);
                            fc.put("generatedAt", deps.clock().instant().toString());
                            Http.json(ctx, 200, fc);
                        })
                .onFailure(ctx::fail);
    }

    private int window(RoutingContext ctx) {
        var w = ctx.request().getParam("window");
        if (w == null || w.isEmpty()) {
            return deps.config().live().defaultWindow();
        }
        try {
            int v = Integer.parseInt(w);
            if (deps.config().live().windows().contains(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the 400
        }
        throw ApiException.badRequest(
                "window must be one of " + deps.config().live().windows() + " (minutes)");
    }

    private void cell(RoutingContext ctx) {
        var p = Http.liveViewReader(ctx);
        var cell = ctx.pathParam("cell");
        if (!Hexes.isCell(cell)) {
            throw ApiException.badRequest("not an H3 cell address");
        }
        var c = ctx.vertx().getOrCreateContext();
        var windows = deps.config().live().windows();
        var reads = new ArrayList<Future<Map<String, String>>>();
        windows.forEach(w -> reads.add(deps.view().cellHash(c, cell, w)));
        Future.all(reads)
                .compose(
                        all -> {
                            var views = new ArrayList<CellView>();
                            for (int i = 0; i < windows.size(); i++) {
                                CellView.fromHash(cell, windows.get(i), all.resultAt(i), null)
                                        .ifPresent(views::add);
                            }
                            if (views.isEmpty()) {
                                throw ApiException.notFound("no recent activity in this cell");
                            }
                            var district =
                                    views.stream()
                                            .map(CellView::district)
                                            .filter(java.util.Objects::nonNull)
                                            .findFirst()
                                            .orElse(null);
                            if (!p.canSee(district)) {
                                throw ApiException.forbidden("cell outside your scope");
                            }
                            return deps.view()
                                    .openAlerts(c)
                                    .compose(open -> withTips(c, p, cell, views, district, open));
                        })
                .onSuccess(body -> Http.json(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private Future<ObjectNode> withTips(
            io.vertx.core.Context c,
            Principal p,
            String cell,
            List<CellView> views,
            String district,
            Map<String, String> open) {
        var body = views.get(0).toJson();
        body.remove(
                List.of(
                        "window",
                        "observed",
                        "expected",
                        "score",
                        "recurrenceIntervalDays",
                        "updatedAt"));
        if (district != null) {
            body.put("district", district);
        }
        var ws = body.putArray("windows");
        views.forEach(v -> ws.add(v.properties()));
        var alerts = body.putArray("alerts");
        for (var json : open.values()) {
            var a = parseObject(json);
            if (a != null
                    && contains(a.path("cells"), cell)
                    && Visibility.alertVisible(
                            p, a.path("district").asText(null), AlertEvent.supervisorsOnly(a))) {
                alerts.add(a);
            }
        }
        if (!p.role().seesTips()) {
            return Future.succeededFuture(body);
        }
        var redis = deps.view().commands();
        return Async.on(c, redis.zrevrange(RedisKeys.cellTips(cell), 0, CELL_TIPS - 1))
                .compose(
                        ids -> {
                            if (ids.isEmpty()) {
                                return Future.succeededFuture(
                                        List.<io.lettuce.core.KeyValue<String, String>>of());
                            }
                            return Async.on(
                                    c,
                                    redis.mget(
                                            ids.stream()
                                                    .map(RedisKeys::tip)
                                                    .toArray(String[]::new)));
                        })
                .map(
                        tips -> {
                            var arr = body.putArray("tips");
                            for (var kv : tips) {
                                if (kv.hasValue()) {
                                    var t = parseObject(kv.getValue());
                                    if (t != null) {
                                        // The list never carries tip text: that is the audited
                                        // detail read.
                                        var s = Json.object();
                                        s.put("id", t.path("id").asText());
                                        s.put("receivedAt", t.path("receivedAt").asText());
                                        s.put("category", t.path("category").asText());
                                        arr.add(s);
                                    }
                                }
                            }
                            return body;
                        });
    }

    private static boolean contains(JsonNode cells, String cell) {
        for (var c : cells) {
            if (cell.equals(c.asText())) {
                return true;
            }
        }
        return false;
    }

    static ObjectNode parseObject(String json) {
        if (json == null) {
            return null;
        }
        try {
            var n = Json.tree(json);
            return n.isObject() ? (ObjectNode) n : null;
        } catch (Exception e) {
            return null;
        }
    }
}
