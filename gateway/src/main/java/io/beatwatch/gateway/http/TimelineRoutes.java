package io.beatwatch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.timeline.AlertTimeline;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code GET /api/alerts/{id}/timeline}: one alert's whole story for the supervisors of its
 * district, from the alert stream (the detector's revisions) and the alert log (actions and patrol
 * feedback, see {@link RedisKeys#alertLog}).
 */
final class TimelineRoutes {

    /** Stream entries read per step when walking back to an alert's opening. */
    static final int PAGE = 500;

    private final ServerDeps deps;

    TimelineRoutes(ServerDeps deps) {
        this.deps = deps;
    }

    void mount(Router router) {
        router.get("/api/alerts/:alertId/timeline").handler(this::timeline);
    }

    private void timeline(RoutingContext ctx) {
        var p = Http.principal(ctx);
        if (!p.role().actsOnAlerts()) {
            throw ApiException.forbidden("only supervisors read alert timelines");
        }
        var alertId =
                Http.safeParam(ctx.pathParam("alertId"), "alertId", ActionRoutes.MAX_ID_CHARS);
        var c = ctx.vertx().getOrCreateContext();
        var redis = deps.view().commands();
        Future.all(
                        revisions(c, alertId),
                        Async.on(c, redis.zrange(RedisKeys.alertLog(alertId), 0, -1)),
                        deps.view().openAlert(c, alertId))
                .map(
                        f -> {
                            List<JsonNode> revisions = f.resultAt(0);
                            List<String> log = f.resultAt(1);
                            var open = LiveViewRoutes.parseObject(f.resultAt(2));
                            if (revisions.isEmpty() && open == null) {
                                throw ApiException.notFound("no alert with this id in the stream");
                            }
                            var district =
                                    open != null
                                            ? open.path("district").asText(null)
                                            : revisions.get(0).path("district").asText(null);
                            checkScope(p, district);
                            if (revisions.isEmpty()) {
                                // older than the retained stream: its current revision stands in
                                revisions = List.of(open);
                            }
                            var entries = new ArrayList<JsonNode>();
                            for (var s : log) {
                                var n = LiveViewRoutes.parseObject(s);
                                if (n != null) {
                                    entries.add(n);
                                }
                            }
                            var out = AlertTimeline.build(alertId, revisions, entries);
                            out.put("open", open != null);
                            out.put("generatedAt", deps.clock().instant().toString());
                            return out;
                        })
                .onSuccess(t -> Http.json(ctx, 200, t))
                .onFailure(ctx::fail);
    }

    private static void checkScope(Principal p, String district) {
        if (!p.canSee(district)) {
            throw ApiException.forbidden("alert outside your scope");
        }
    }

    /**
     * The alert's revisions, oldest first: the stream walked back from the newest entry, a page at
     * a time, until its opening revision or the start of the retained stream.
     */
    private Future<List<JsonNode>> revisions(Context c, String alertId) {
        var found = new ArrayList<JsonNode>();
        return walkBack(c, alertId, "+", found)
                .map(
                        v -> {
                            Collections.reverse(found);
                            return found;
                        });
    }

    private Future<Void> walkBack(Context c, String alertId, String before, List<JsonNode> found) {
        Range<String> range =
                before.equals("+")
                        ? Range.create("-", "+")
                        : Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(before));
        return Async.on(
                        c,
                        deps.view()
                                .commands()
                                .xrevrange(RedisKeys.ALERT_STREAM, range, Limit.from(PAGE)))
                .compose(
                        page -> {
                            boolean opened = false;
                            // the id is quoted in the JSON: a cheap filter before parsing
                            var quoted = "\"" + alertId + "\"";
                            for (StreamMessage<String, String> m : page) {
                                var json = m.getBody().get(RedisKeys.STREAM_FIELD_ALERT);
                                if (json == null || !json.contains(quoted)) {
                                    continue;
                                }
                                var a = LiveViewRoutes.parseObject(json);
                                if (a == null || !alertId.equals(a.path("alertId").asText())) {
                                    continue;
                                }
                                found.add(a);
                                if ("opened".equalsIgnoreCase(a.path("state").asText())) {
                                    opened = true;
                                    break;
                                }
                            }
                            if (opened || page.size() < PAGE) {
                                return Future.succeededFuture();
                            }
                            return walkBack(c, alertId, page.get(page.size() - 1).getId(), found);
                        });
    }
}
