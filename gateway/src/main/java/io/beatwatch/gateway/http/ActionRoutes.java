package io.beatwatch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.model.PatrolFeedback;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.audit.AuditLog;
import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.timeline.AlertTimeline;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audited actions: a supervisor's ack / assign / dismiss of an open alert (latest action kept in
 * {@link RedisKeys#ALERT_ACTIONS}) and a dispatcher's answer to a patrol suggestion (published to
 * Kafka {@code beatwatch.patrol-feedback}).
 */
final class ActionRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ActionRoutes.class);

    static final Set<String> ALERT_ACTIONS = Set.of("ack", "assign", "dismiss", "note");

    /** Actions that change the alert's status (a note only adds to its timeline). */
    static final Set<String> STATUS_ACTIONS = Set.of("ack", "assign", "dismiss");

    static final int MAX_ASSIGNEE_CHARS = 100;
    static final int MAX_ID_CHARS = 200;

    private final ServerDeps deps;

    ActionRoutes(ServerDeps deps) {
        this.deps = deps;
    }

    void mount(Router router) {
        router.post("/api/alerts/:alertId/:action").handler(this::alertAction);
        router.post("/api/suggestions/:suggestionId/feedback").handler(this::feedback);
    }

    private void alertAction(RoutingContext ctx) {
        var p = Http.principal(ctx);
        var action = ctx.pathParam("action");
        if (!ALERT_ACTIONS.contains(action)) {
            throw ApiException.notFound("unknown alert action");
        }
        var alertId = Http.safeParam(ctx.pathParam("alertId"), "alertId", MAX_ID_CHARS);
        var from = Http.remote(ctx.request(), deps.config().trustForwardedFor());
        var what = "alert." + action;
        if (!p.role().actsOnAlerts()) {
            denied(p, what, alertId, from, "role");
            throw ApiException.forbidden("only supervisors act on alerts");
        }
        var body = Http.body(ctx);
        var note = optionalText(body.get("note"), "note", deps.config().limits().maxNoteChars());
        var assignee = optionalText(body.get("assignee"), "assignee", MAX_ASSIGNEE_CHARS);
        if (action.equals("assign") && assignee == null) {
            throw ApiException.badRequest("assign needs an assignee");
        }
        if (action.equals("note") && note == null) {
            throw ApiException.badRequest("note needs a note");
        }
        var c = ctx.vertx().getOrCreateContext();
        deps.view()
                .openAlert(c, alertId)
                .compose(
                        json -> {
                            var alert = LiveViewRoutes.parseObject(json);
                            if (alert == null) {
                                throw ApiException.notFound("no open alert with this id");
                            }
                            if (!p.canSee(alert.path("district").asText(null))) {
                                denied(p, what, alertId, from, "district outside scope");
                                throw ApiException.forbidden("alert outside your scope");
                            }
                            var record = Json.object();
                            record.put("alertId", alertId);
                            record.put("action", action);
                            record.put("by", p.user());
                            record.put("role", p.role().wire());
                            record.put("at", deps.clock().instant().toString());
                            if (note != null) {
                                record.put("note", note);
                            }
                            if (assignee != null) {
                                record.put("assignee", assignee);
                            }
                            var text = Json.write(record);
                            var redis = deps.view().commands();
                            // the log is the alert's history (its timeline); the hash only the
                            // latest status action, for the alert list
                            var logged = appendToLog(c, alertId, text);
                            return STATUS_ACTIONS.contains(action)
                                    ? logged.compose(
                                            ok ->
                                                    Async.on(
                                                                    c,
                                                                    redis.hset(
                                                                            RedisKeys.ALERT_ACTIONS,
                                                                            alertId,
                                                                            text))
                                                            .map(x -> text))
                                    : logged.map(ok -> text);
                        })
                .onSuccess(
                        text -> {
                            deps.audit()
                                    .record(
                                            p.user(),
                                            p.role().wire(),
                                            what,
                                            alertId,
                                            from,
                                            AuditLog.OK,
                                            assignee == null ? null : "assignee " + assignee);
                            Http.json(ctx, 200, text);
                        })
                .onFailure(ctx::fail);
    }

    private void feedback(RoutingContext ctx) {
        var p = Http.principal(ctx);
        var id = Http.safeParam(ctx.pathParam("suggestionId"), "suggestionId", MAX_ID_CHARS);
        var from = Http.remote(ctx.request(), deps.config().trustForwardedFor());
        if (!p.role().handlesSuggestions()) {
            denied(p, "suggestion.feedback", id, from, "role");
            throw ApiException.forbidden("only dispatchers and supervisors answer suggestions");
        }
        var body = Http.body(ctx);
        PatrolFeedback.Action action;
        try {
            action =
                    PatrolFeedback.Action.valueOf(
                            body.path("action").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("action must be accepted, declined, arrived or done");
        }
        var unit = optionalText(body.get("unit"), "unit", MAX_ASSIGNEE_CHARS);
        // optional: a client that names the district must name the suggestion's own
        var claimed = optionalText(body.get("district"), "district", 64);
        var c = ctx.vertx().getOrCreateContext();
        Async.on(c, deps.view().commands().get(RedisKeys.suggestion(id)))
                .compose(
                        json -> {
                            var s = LiveViewRoutes.parseObject(json);
                            if (s == null) {
                                throw ApiException.notFound("no suggestion with this id");
                            }
                            var district = s.path("district").asText(null);
                            if (claimed != null && !claimed.equals(district)) {
                                throw ApiException.badRequest(
                                        "district does not match the suggestion's district");
                            }
                            if (!p.canSee(district)) {
                                denied(
                                        p,
                                        "suggestion.feedback",
                                        id,
                                        from,
                                        "district outside scope");
                                throw ApiException.forbidden("suggestion outside your scope");
                            }
                            var fb =
                                    new PatrolFeedback(
                                            PatrolFeedback.VERSION,
                                            id,
                                            action,
                                            unit,
                                            district,
                                            s.path("cell").asText(null),
                                            deps.clock().instant());
                            var text = Json.write(fb);
                            // keyed by district: one district's answers stay in order
                            return deps.kafka()
                                    .send(deps.config().topics().patrolFeedback(), district, text)
                                    .recover(
                                            e ->
                                                    Future.failedFuture(
                                                            ApiException.unavailable(
                                                                    "feedback could not be recorded")))
                                    .compose(md -> patrolToAlertLogBestEffort(c, p, s, fb))
                                    .map(ok -> text);
                        })
                .onSuccess(
                        text -> {
                            deps.audit()
                                    .record(
                                            p.user(),
                                            p.role().wire(),
                                            "suggestion.feedback",
                                            id,
                                            from,
                                            AuditLog.OK,
                                            action.name().toLowerCase(Locale.ROOT));
                            Http.json(ctx, 202, text);
                        })
                .onFailure(ctx::fail);
    }

    /** ZADD of a whole record at its time: a re-sent command adds nothing. */
    private Future<Void> appendToLog(Context c, String alertId, String record) {
        var redis = deps.view().commands();
        var key = RedisKeys.alertLog(alertId);
        long at = deps.clock().millis();
        return Async.on(c, redis.zadd(key, (double) at, record))
                .compose(n -> Async.on(c, redis.pexpire(key, RedisKeys.ALERT_LOG_TTL.toMillis())))
                .mapEmpty();
    }

    /**
     * The feedback is already safe in Kafka: a failed log write only leaves it off the timeline.
     */
    private Future<Void> patrolToAlertLogBestEffort(
            Context c, Principal p, JsonNode suggestion, PatrolFeedback fb) {
        return patrolToAlertLog(c, p, suggestion, fb)
                .recover(
                        e -> {
                            LOG.warn(
                                    "patrol feedback on {} not in the alert log: {}",
                                    fb.suggestionId(),
                                    e.toString());
                            return Future.succeededFuture();
                        });
    }

    /**
     * A suggestion an alert drove: its feedback goes into that alert's log too, so the alert's
     * timeline shows the patrol visits and their dosage.
     */
    private Future<Void> patrolToAlertLog(
            Context c, Principal p, JsonNode suggestion, PatrolFeedback fb) {
        var alertId = suggestion.path("alertId").asText(null);
        if (alertId == null || alertId.isEmpty()) {
            return Future.succeededFuture();
        }
        var record = Json.object();
        record.put("kind", AlertTimeline.PATROL);
        record.put("alertId", alertId);
        record.put("action", fb.action().name().toLowerCase(Locale.ROOT));
        record.put("by", p.user());
        record.put("role", p.role().wire());
        record.put("suggestionId", fb.suggestionId());
        record.put("cell", fb.cell());
        record.put("dwellMinutes", suggestion.path("dwellMinutes").asInt(0));
        if (fb.unit() != null) {
            record.put("unit", fb.unit());
        }
        record.put("at", fb.at().toString());
        return appendToLog(c, alertId, Json.write(record));
    }

    private void denied(Principal p, String what, String target, String from, String why) {
        deps.audit().record(p.user(), p.role().wire(), what, target, from, AuditLog.DENIED, why);
    }

    private static String optionalText(JsonNode n, String name, int max) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest(name + " must be a string");
        }
        var s = n.asText().strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() > max) {
            throw ApiException.badRequest(name + " must be at most " + max + " characters");
        }
        if (s.chars().anyMatch(ch -> ch < 0x20 && ch != '\n')) {
            throw ApiException.badRequest(name + " must not contain control characters");
        }
        return s;
    }
}
