package io.beatwatch.jobs.redis;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.hotspot.CellView;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Redis writes of the view: cell hashes, ranked cells per district, the alert stream. */
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
}
