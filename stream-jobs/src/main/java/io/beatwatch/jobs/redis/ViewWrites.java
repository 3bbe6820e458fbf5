package io.beatwatch.jobs.redis;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.hotspot.CellView;
import io.beatwatch.jobs.patrol.DistrictBoard;
import io.beatwatch.jobs.patrol.DosageUpdate;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis writes of the view: cell hashes, ranked cells per district, the alert stream; and of
 * the patrol stage: the suggestion stream and lookup keys, district suggestion hashes, dosage.
 */
public final class ViewWrites {

    /** District name for cells whose calls carry none. */
    public static final String UNKNOWN_DISTRICT = "UNKNOWN";

    /**
     * Appends an alert event to the stream once (a marker key set NX guards the XADD, so a re-sent
     * or replayed event is not appended twice), and keeps the open-alerts hash current.
     */
    static final String APPEND_ALERT =
            "if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[6]) then "
                    + "redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', "
                    + "'"
                    + RedisKeys.STREAM_FIELD_EVENT_ID
                    + "', ARGV[1], '"
                    + RedisKeys.STREAM_FIELD_ALERT
                    + "', ARGV[2]) end "
                    + "if ARGV[5] == 'closed' then redis.call('HDEL', KEYS[3], ARGV[4]) "
                    + "else redis.call('HSET', KEYS[3], ARGV[4], ARGV[2]) end "
                    + "return 1";

    /**
     * Appends a new suggestion to the stream once (marker SET NX guards the XADD) and keeps it
     * readable by id. KEYS: marker, stream, lookup key; ARGV: id, json, maxlen, ttl seconds.
     */
    static final String APPEND_SUGGESTION =
            "if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[4]) then "
                    + "redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', "
                    + "'"
                    + RedisKeys.STREAM_FIELD_EVENT_ID
                    + "', ARGV[1], '"
                    + RedisKeys.STREAM_FIELD_SUGGESTION
                    + "', ARGV[2]) end "
                    + "redis.call('SET', KEYS[3], ARGV[2], 'EX', ARGV[4]) "
                    + "return 1";

    /**
     * Replaces a hash with the given field/value pairs (absolute, atomic) and sets its expiry; an
     * empty replacement deletes it. KEYS: hash; ARGV: ttl seconds, then field, value, ...
     */
    static final String REPLACE_HASH =
            "redis.call('DEL', KEYS[1]) "
                    + "if #ARGV > 1 then "
                    + "redis.call('HSET', KEYS[1], unpack(ARGV, 2)) "
                    + "redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
                    + "return 1";

    /** How long the dedupe marker of an alert event lives. */
    static final long SEEN_TTL_SECONDS = 7 * 24 * 3600;

    private ViewWrites() {}

    /** A {@link RedisWrite} for cell views. */
    public static RedisWrite<CellView> cells() {
        return (v, redis) -> {
            String district = v.district == null ? UNKNOWN_DISTRICT : v.district;
            LatLon c = H3Grid.centroid(v.cell);
            List<RedisFuture<?>> f = new ArrayList<>();
            for (int w = 0; w < v.windows.length; w++) {
                String key = RedisKeys.cell(v.cell, v.windows[w]);
                Map<String, String> h = new LinkedHashMap<>();
                h.put("observed", Long.toString(v.observed[w]));
                h.put("expected", Double.toString(v.expected[w]));
                h.put("score", Double.toString(v.score[w]));
                h.put("recurrence", Double.toString(v.recurrenceDays[w]));
                h.put("officerInitiated", Long.toString(v.officerInitiated));
                h.put("tips", Long.toString(v.tips));
                h.put("district", district);
                if (v.beat != null) {
                    // the console's beat outlines, derived when the agency has no beat boundaries
                    h.put(RedisKeys.CELL_FIELD_BEAT, v.beat);
                }
                h.put("lat", Double.toString(c.lat()));
                h.put("lon", Double.toString(c.lon()));
                h.put("updatedAt", Long.toString(v.eventTimeMillis));
                f.add(redis.hset(key, h));
                f.add(redis.expire(key, RedisKeys.CELL_TTL.toSeconds()));
                String ranked = RedisKeys.ranked(district, v.windows[w]);
                if (v.observed[w] > 0) {
                    f.add(redis.zadd(ranked, v.score[w], v.cell));
                } else {
                    f.add(redis.zrem(ranked, v.cell));
                }
            }
            f.add(redis.sadd(RedisKeys.DISTRICTS, district));
            return f;
        };
    }

    /** A {@link RedisWrite} for alert events. */
    public static RedisWrite<HotspotAlert> alerts(long streamMaxLen) {
        return (a, redis) -> {
            String eventId = eventId(a);
            String json = Json.encode(a);
            return List.of(
                    redis.eval(
                            APPEND_ALERT,
                            ScriptOutputType.INTEGER,
                            new String[] {
                                RedisKeys.ALERT_EVENTS_SEEN + ":" + eventId,
                                RedisKeys.ALERT_STREAM,
                                RedisKeys.OPEN_ALERTS
                            },
                            eventId,
                            json,
                            Long.toString(streamMaxLen),
                            a.alertId(),
                            a.state() == AlertState.CLOSED ? "closed" : "open",
                            Long.toString(SEEN_TTL_SECONDS)));
        };
    }

    /**
     * The dedupe key of one alert event: the alert id, its state, and the event time and counts it
     * reports, all deterministic, so the same event re-sent maps to the same key.
     */
    public static String eventId(HotspotAlert a) {
        return a.alertId()
                + ":"
                + a.state().name().toLowerCase()
                + ":"
                + (a.eventTime() == null ? 0 : a.eventTime().toEpochMilli())
                + ":"
                + a.window().toMinutes()
                + ":"
                + a.observed();
    }

    /** A {@link RedisWrite} appending each new suggestion to the suggestion stream once. */
    public static RedisWrite<PatrolSuggestion> suggestions(long streamMaxLen) {
        return (sg, redis) ->
                List.of(
                        redis.eval(
                                APPEND_SUGGESTION,
                                ScriptOutputType.INTEGER,
                                new String[] {
                                    RedisKeys.suggestionSeen(sg.suggestionId()),
                                    RedisKeys.SUGGESTION_STREAM,
                                    RedisKeys.suggestion(sg.suggestionId())
                                },
                                sg.suggestionId(),
                                Json.encode(sg),
                                Long.toString(streamMaxLen),
                                Long.toString(RedisKeys.SUGGESTION_TTL.toSeconds())));
    }

    /** A {@link RedisWrite} replacing a district's suggestion hash with its current board. */
    public static RedisWrite<DistrictBoard> suggestionBoards() {
        return (b, redis) -> {
            String[] args = new String[1 + 2 * b.ids.length];
            args[0] = Long.toString(RedisKeys.SUGGESTIONS_TTL.toSeconds());
            for (int i = 0; i < b.ids.length; i++) {
                args[1 + 2 * i] = b.ids[i];
                args[2 + 2 * i] = b.json[i];
            }
            return List.of(
                    redis.eval(
                            REPLACE_HASH,
                            ScriptOutputType.INTEGER,
                            new String[] {RedisKeys.suggestions(b.district)},
                            args),
                    redis.sadd(RedisKeys.DISTRICTS, b.district));
        };
    }

    /** A {@link RedisWrite} replacing a district's dosage of a day, and its line in the summary. */
    public static RedisWrite<DosageUpdate> dosage() {
        return (d, redis) -> {
            String ttl = Long.toString(RedisKeys.DOSAGE_TTL.toSeconds());
            String[] args = new String[1 + 2 * d.cells.length];
            args[0] = ttl;
            for (int i = 0; i < d.cells.length; i++) {
                args[1 + 2 * i] = d.cells[i];
                args[2 + 2 * i] = Integer.toString(d.minutes[i]);
            }
            String summaryKey = RedisKeys.dosageSummary(d.date);
            double day = java.time.LocalDate.parse(d.date).toEpochDay();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("minutes", d.totalMinutes);
            summary.put("visits", d.visits);
            summary.put("fromAlerts", d.fromAlerts);
            summary.put("doneMinutes", d.doneMinutes);
            summary.put("declined", d.declined);
            summary.put("cells", d.cells.length);
            return List.of(
                    redis.eval(
                            REPLACE_HASH,
                            ScriptOutputType.INTEGER,
                            new String[] {RedisKeys.dosage(d.district, d.date)},
                            args),
                    redis.hset(summaryKey, d.district, Json.encode(summary)),
                    redis.expire(summaryKey, RedisKeys.DOSAGE_TTL.toSeconds()),
                    redis.zadd(RedisKeys.DOSAGE_DAYS, day, d.date),
                    redis.zremrangebyscore(
                            RedisKeys.DOSAGE_DAYS,
                            io.lettuce.core.Range.create(
                                    Double.NEGATIVE_INFINITY,
                                    day - RedisKeys.DOSAGE_TTL.toDays())));
        };
    }
}
