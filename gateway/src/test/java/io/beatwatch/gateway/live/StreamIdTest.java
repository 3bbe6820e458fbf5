package io.beatwatch.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.internal.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamIdTest {

    @Test
    void parsesAndOrdersLikeRedis() {
        var a = StreamId.parse("1732190000000-0").orElseThrow();
        var b = StreamId.parse("1732190000000-1").orElseThrow();
        var c = StreamId.parse("1732190000001-0").orElseThrow();
        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(c);
        assertThat(c.isAfter(a)).isTrue();
        assertThat(a.toString()).isEqualTo("1732190000000-0");
        assertThat(StreamId.parse("1732190000000")).contains(new StreamId(1732190000000L, 0));
        for (var bad :
                new String[] {"", "abc", "1-", "-1", "1-2-3", "99999999999999999999-0", null}) {
            assertThat(StreamId.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void alertEventsCarryTheFrameAndTheFilterFields() throws Exception {
        var id = StreamId.of("5-0");
        var alert =
                "{\"alertId\":\"z\",\"district\":\"NORTH\",\"signal\":\"tips\",\"confirmed\":false}";
        var e = AlertEvent.parse(id, Map.of(RedisKeys.STREAM_FIELD_ALERT, alert)).orElseThrow();
        assertThat(e.district()).isEqualTo("NORTH");
        assertThat(e.supervisorsOnly()).isTrue();
        var frame = Json.tree(e.frame());
        assertThat(frame.path("type").asText()).isEqualTo("alert");
        assertThat(frame.path("id").asText()).isEqualTo("5-0");
        assertThat(frame.path("alert").path("alertId").asText()).isEqualTo("z");
        assertThat(AlertEvent.parse(id, Map.of(RedisKeys.STREAM_FIELD_ALERT, "{\"alertId\":1}")))
                .isEmpty();
        assertThat(AlertEvent.parse(id, Map.of(RedisKeys.STREAM_FIELD_ALERT, "{} {}"))).isEmpty();
        assertThat(AlertEvent.parse(id, Map.of())).isEmpty();
        var cfs = "{\"alertId\":\"y\",\"signal\":\"cfs\",\"confirmed\":true}";
        assertThat(
                        AlertEvent.parse(id, Map.of(RedisKeys.STREAM_FIELD_ALERT, cfs))
                                .orElseThrow()
                                .supervisorsOnly())
                .isFalse();
    }
}
