package io.beatwatch.gateway.testing;

import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.internal.Json;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds alerts and writes them to Redis the way the Flink job does (stream entry + open hash). */
public final class Alerts {

    public static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");
    public static final String CELL = "8928308280fffff";

    private Alerts() {}

    public static HotspotAlert alert(String alertId, String district, Signal signal, int padTypes) {
        var types = new ArrayList<TypeCount>();
        types.add(new TypeCount("DISTURBANCE", 4));
        for (int i = 0; i < padTypes; i++) {
            types.add(new TypeCount("PADDING-TYPE-" + i + "-" + "x".repeat(40), i));
        }
        return new HotspotAlert(
                HotspotAlert.VERSION,
                alertId,
                AlertState.OPENED,
                EmergenceCategory.NEW,
                CELL,
                1,
                List.of(CELL),
                new LatLon(37.775, -122.418),
                district,
                Duration.ofMinutes(60),
                9,
                2.5,
                8.1,
                120.0,
                signal,
                signal != Signal.TIPS,
                types,
                signal == Signal.CFS ? 0 : 3,
                T0,
                T0.plusSeconds(30),
                "test-1",
                Instant.now());
    }

    public static HotspotAlert alert(String alertId, String district) {
        return alert(alertId, district, Signal.CFS, 0);
    }

    /** XADDs the alert to the stream; returns the stream id. */
    public static String append(RedisCommands<String, String> redis, HotspotAlert a) {
        return redis.xadd(
                RedisKeys.ALERT_STREAM,
                Map.of(
                        RedisKeys.STREAM_FIELD_ALERT,
                        Json.write(a),
                        RedisKeys.STREAM_FIELD_EVENT_ID,
                        a.alertId() + ":1"));
    }

    /** Marks the alert open in the open-alerts hash. */
    public static void open(RedisCommands<String, String> redis, HotspotAlert a) {
        redis.hset(RedisKeys.OPEN_ALERTS, a.alertId(), Json.write(a));
    }
}
