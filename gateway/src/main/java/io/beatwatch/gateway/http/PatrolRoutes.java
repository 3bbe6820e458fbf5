package io.beatwatch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.internal.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The patrol dosage of a day for the districts a user may see: minutes, visits, answers, and how
 * concentrated the minutes are (the largest single cell's share), so a supervisor can check the
 * fairness caps hold. Internal (authenticated, scoped); the public gets delayed district totals.
 */
final class PatrolRoutes {

    private final ServerDeps deps;

    PatrolRoutes(ServerDeps deps) {
        this.deps = deps;
    }

    void mount(Router router) {
        router.get("/api/patrol/dosage").handler(this::dosage);
    }

    private void dosage(RoutingContext ctx) {
        var p = Http.principal(ctx);
        if (!p.role().readsLiveView()) {
            throw ApiException.forbidden(
                    "role " + p.role().wire() + " has no access to the live view");
        }
        var requested = ctx.request().getParam("date");
        if (requested != null && !requested.isEmpty()) {
            try {
                LocalDate.parse(requested);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("date must be yyyy-MM-dd");
            }
        }
        var c = ctx.vertx().getOrCreateContext();
        var redis = deps.view().commands();
        Future<String> date =
                requested != null && !requested.isEmpty()
                        ? Future.succeededFuture(requested)
                        // the newest day the job has written: "today" of the feed
                        : Async.on(c, redis.zrevrange(RedisKeys.DOSAGE_DAYS, 0, 0))
                                .map(days -> days.isEmpty() ? null : days.get(0));
        date.compose(d -> d == null ? Future.succeededFuture(empty()) : day(c, p, d))
                .onSuccess(body -> Http.json(ctx, 200, Json.write(body)))
                .onFailure(ctx::fail);
    }

    private static ObjectNode empty() {
        var body = Json.object();
        body.putNull("date");
        body.putArray("districts");
        return body;
    }

    private Future<ObjectNode> day(Context c, Principal p, String date) {
        var redis = deps.view().commands();
        return Async.on(c, redis.hgetall(RedisKeys.dosageSummary(date)))
                .compose(
                        summary -> {
                            var visible = new TreeMap<String, String>();
                            summary.forEach(
                                    (k, v) -> {
                                        if (p.canSee(k)) visible.put(k, v);
                                    });
                            List<Future<Map<String, String>>> cells = new ArrayList<>();
                            for (var district : visible.keySet()) {
                                cells.add(
                                        Async.on(
                                                c,
                                                redis.hgetall(RedisKeys.dosage(district, date))));
                            }
                            return Future.all(cells).map(all -> body(date, visible, all.list()));
                        });
    }

    static ObjectNode body(
            String date, Map<String, String> summaries, List<Map<String, String>> cells) {
        var body = Json.object();
        body.put("date", date);
        var list = body.putArray("districts");
        int i = 0;
        for (var e : summaries.entrySet()) {
            var line = LiveViewRoutes.parseObject(e.getValue());
            Map<String, String> byCell = cells.get(i++);
            if (line == null) continue;
            var out = list.addObject();
            out.put("district", e.getKey());
            for (String f : List.of("minutes", "visits", "fromAlerts", "doneMinutes", "declined")) {
                out.put(f, line.path(f).asInt(0));
            }
            out.put("cells", byCell.size());
            long total = 0;
            long top = 0;
            String topCell = null;
            for (var m : byCell.entrySet()) {
                long minutes = parseMinutes(m.getValue());
                total += minutes;
                if (minutes > top) {
                    top = minutes;
                    topCell = m.getKey();
                }
            }
            if (topCell != null && total > 0) {
                out.put("topCell", topCell);
                out.put("topCellShare", Math.round(1000.0 * top / total) / 1000.0);
            }
        }
        return body;
    }

    private static long parseMinutes(String s) {
        try {
            return Math.max(0, Long.parseLong(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
