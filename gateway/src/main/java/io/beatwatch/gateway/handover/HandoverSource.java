package io.beatwatch.gateway.handover;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.view.RedisKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads what a {@link HandoverReport} needs from Redis, with one Lettuce connection's async
 * commands (the gateway's, or the CLI's own): the retained alert stream, the open alerts, the alert
 * logs, the job's daily dosage summaries of the shift's local days, and the tip index (tip ids per
 * cell and time: counted, never read; a cell's district from the view).
 */
public final class HandoverSource {

    /** Stream entries per XRANGE page. */
    static final int PAGE = 1000;

    private final RedisAsyncCommands<String, String> redis;
    private final List<Integer> windows;

    /** {@code windows}: the live windows whose cell hashes name a cell's district. */
    public HandoverSource(RedisAsyncCommands<String, String> redis, List<Integer> windows) {
        this.redis = redis;
        this.windows = List.copyOf(windows);
    }

    public CompletionStage<HandoverReport.Inputs> read(Instant from, Instant to, ZoneId zone) {
        var revisions = new ArrayList<JsonNode>();
        var stream = page("-", revisions);
        var open = redis.hgetall(RedisKeys.OPEN_ALERTS).thenApply(HandoverSource::parseValues);
        var dosage = dosage(HandoverReport.dates(from, to, zone));
        var tips = tips(from, to);
        return stream.thenCompose(
                v ->
                        open.thenCompose(
                                openNow ->
                                        logs(revisions, openNow)
                                                .thenCompose(
                                                        logs ->
                                                                dosage.thenCombine(
                                                                        tips,
                                                                        (d, t) ->
                                                                                new HandoverReport
                                                                                        .Inputs(
                                                                                        revisions,
                                                                                        openNow,
                                                                                        logs, d,
                                                                                        t)))));
    }

    private CompletionStage<Void> page(String after, List<JsonNode> out) {
        Range<String> range =
                after.equals("-")
                        ? Range.create("-", "+")
                        : Range.from(Range.Boundary.excluding(after), Range.Boundary.unbounded());
        return redis.xrange(RedisKeys.ALERT_STREAM, range, Limit.from(PAGE))
                .thenCompose(
                        msgs -> {
                            for (var m : msgs) {
                                var a = parse(m.getBody().get(RedisKeys.STREAM_FIELD_ALERT));
                                if (a != null && a.hasNonNull("alertId")) {
                                    out.add(a);
                                }
                            }
                            if (msgs.size() < PAGE) {
                                return CompletableFuture.completedFuture(null);
                            }
                            return page(msgs.get(msgs.size() - 1).getId(), out);
                        });
    }

    private CompletionStage<Map<String, List<JsonNode>>> logs(
            List<JsonNode> revisions, Map<String, JsonNode> openNow) {
        var ids = new java.util.LinkedHashSet<String>();
        revisions.forEach(r -> ids.add(r.path("alertId").asText()));
        ids.addAll(openNow.keySet());
        var reads = new HashMap<String, CompletableFuture<List<String>>>();
        for (var id : ids) {
            reads.put(id, redis.zrange(RedisKeys.alertLog(id), 0, -1).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new))
                .thenApply(
                        v -> {
                            var out = new HashMap<String, List<JsonNode>>();
                            reads.forEach(
                                    (id, f) -> {
                                        var list = new ArrayList<JsonNode>();
                                        for (var s : f.join()) {
                                            var n = parse(s);
                                            if (n != null) list.add(n);
                                        }
                                        if (!list.isEmpty()) out.put(id, list);
                                    });
                            return out;
                        });
    }

    private CompletableFuture<Map<LocalDate, Map<String, JsonNode>>> dosage(List<LocalDate> days) {
        var reads = new HashMap<LocalDate, CompletableFuture<Map<String, String>>>();
        for (var d : days) {
            reads.put(
                    d, redis.hgetall(RedisKeys.dosageSummary(d.toString())).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new))
                .thenApply(
                        v -> {
                            var out = new HashMap<LocalDate, Map<String, JsonNode>>();
                            reads.forEach((d, f) -> out.put(d, parseValues(f.join())));
                            return out;
                        });
    }

    /** Tips received in the shift per district: ZCOUNT of each cell's tip index. */
    private CompletableFuture<Map<String, Long>> tips(Instant from, Instant to) {
        var counts = new HashMap<String, Long>();
        return scanTips(ScanCursor.INITIAL, from, to, counts).thenApply(v -> counts);
    }

    private CompletableFuture<Void> scanTips(
            ScanCursor cursor, Instant from, Instant to, Map<String, Long> counts) {
        var args = ScanArgs.Builder.matches(RedisKeys.cellTips("*")).limit(500);
        return redis.scan(cursor, args)
                .toCompletableFuture()
                .thenCompose(
                        page -> {
                            var reads = new ArrayList<CompletableFuture<Void>>();
                            for (var key : page.getKeys()) {
                                reads.add(countCell(key, from, to, counts));
                            }
                            var all =
                                    CompletableFuture.allOf(
                                            reads.toArray(CompletableFuture[]::new));
                            return page.isFinished()
                                    ? all
                                    : all.thenCompose(v -> scanTips(page, from, to, counts));
                        });
    }

    /** Adds one cell's tips of the shift to its district's count. */
    private CompletableFuture<Void> countCell(
            String key, Instant from, Instant to, Map<String, Long> counts) {
        var cell = key.substring(RedisKeys.cellTips("").length());
        var shift = Range.create((double) from.toEpochMilli(), (double) to.toEpochMilli() - 1);
        return redis.zcount(key, shift)
                .toCompletableFuture()
                .thenCompose(
                        n -> {
                            if (n == 0) {
                                return CompletableFuture.completedFuture(null);
                            }
                            return districtOf(cell)
                                    .thenAccept(
                                            d -> {
                                                synchronized (counts) {
                                                    counts.merge(d, n, Long::sum);
                                                }
                                            });
                        });
    }

    /** The district the view names for a cell (any live window), else "unplaced". */
    private CompletableFuture<String> districtOf(String cell) {
        var reads = new ArrayList<CompletableFuture<String>>();
        for (int w : windows) {
            reads.add(redis.hget(RedisKeys.cell(cell, w), "district").toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(
                        v ->
                                reads.stream()
                                        .map(CompletableFuture::join)
                                        .filter(d -> d != null && !d.isEmpty())
                                        .findFirst()
                                        .orElse(UNPLACED));
    }

    /** Tips in a cell the view has no district for. */
    public static final String UNPLACED = "unplaced";

    private static Map<String, JsonNode> parseValues(Map<String, String> m) {
        var out = new HashMap<String, JsonNode>();
        m.forEach(
                (k, v) -> {
                    var n = parse(v);
                    if (n != null) out.put(k, n);
                });
        return out;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            var n = Json.tree(json);
            return n.isObject() ? n : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
