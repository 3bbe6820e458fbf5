package io.beatwatch.gateway.tips;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TipIntakeTest {

    static final Instant T0 = Instant.parse("2026-11-21T13:45:07.123Z");
    static final TipIntake INTAKE = new TipIntake(GatewayConfig.Tips.defaults());

    static TipIntake.Result accept(String json) throws Exception {
        return INTAKE.accept(Json.tree(json), T0, () -> "tip-1");
    }

    @Test
    void keepsOnlyAllowListedFields() throws Exception {
        var r =
                accept(
                        """
                        {"category":" Drugs ","lat":29.424123456,"lon":-98.493612345,"text":" at the corner ",
                         "channel":"SMS","ip":"203.0.113.9","device":"d-1","deviceId":"x","name":"Jane",
                         "phone":"555-0100","email":"j@x.org","userAgent":"UA","id":"mine",
                         "receivedAt":"2000-01-01T00:00:00Z","address":"1 Main St"}
                        """);
        assertThat(r.accepted()).isTrue();
        var tip = r.tip();
        assertThat(tip.id()).isEqualTo("tip-1");
        assertThat(tip.receivedAt()).isEqualTo(T0);
        assertThat(tip.category()).isEqualTo("drugs");
        assertThat(tip.channel()).isEqualTo("sms");
        assertThat(tip.text()).isEqualTo("at the corner");
        assertThat(tip.lat()).isEqualTo(29.42412);
        assertThat(tip.lon()).isEqualTo(-98.49361);
        var serialized = Json.write(tip);
        for (var leak :
                new String[] {
                    "203.0.113.9",
                    "d-1",
                    "Jane",
                    "555",
                    "j@x.org",
                    "UA",
                    "mine",
                    "2000-01-01",
                    "Main"
                }) {
            assertThat(serialized).doesNotContain(leak);
        }
    }

    @Test
    void rejectsWithAReasonPerRule() throws Exception {
        String[][] cases = {
            {"{}", TipIntake.MISSING_CATEGORY},
            {"{\"category\":5,\"lat\":1,\"lon\":1}", TipIntake.MISSING_CATEGORY},
            {"{\"category\":\"ufo\",\"lat\":1,\"lon\":1}", TipIntake.UNKNOWN_CATEGORY},
            {"{\"category\":\"drugs\",\"lat\":1}", TipIntake.MISSING_COORDINATES},
            {"{\"category\":\"drugs\",\"lat\":null,\"lon\":1}", TipIntake.MISSING_COORDINATES},
            {"{\"category\":\"drugs\",\"lat\":\"1\",\"lon\":1}", TipIntake.BAD_COORDINATES},
            {"{\"category\":\"drugs\",\"lat\":91,\"lon\":1}", TipIntake.BAD_COORDINATES},
            {"{\"category\":\"drugs\",\"lat\":1,\"lon\":-181}", TipIntake.BAD_COORDINATES},
            {"{\"category\":\"drugs\",\"lat\":0,\"lon\":0}", TipIntake.BAD_COORDINATES},
            {"{\"category\":\"drugs\",\"lat\":1,\"lon\":1,\"text\":7}", TipIntake.BAD_TEXT},
            {
                "{\"category\":\"drugs\",\"lat\":1,\"lon\":1,\"text\":\"a\\u0000b\"}",
                TipIntake.BAD_TEXT
            },
            {
                "{\"category\":\"drugs\",\"lat\":1,\"lon\":1,\"text\":\""
                        + "x".repeat(1001)
                        + "\"}",
                TipIntake.TEXT_TOO_LONG
            },
            {
                "{\"category\":\"drugs\",\"lat\":1,\"lon\":1,\"channel\":\"pigeon\"}",
                TipIntake.UNKNOWN_CHANNEL
            },
            {"[]", TipIntake.NOT_AN_OBJECT},
            {"\"tip\"", TipIntake.NOT_AN_OBJECT},
        };
        for (var c : cases) {
            var r = accept(c[0]);
            assertThat(r.accepted()).as(c[0]).isFalse();
            assertThat(r.reason()).as(c[0]).isEqualTo(c[1]);
            assertThat(r.detail()).isNotBlank();
        }
    }

    @Test
    void textAtTheLimitAndNoChannelAreFine() throws Exception {
        var r =
                accept(
                        "{\"category\":\"other\",\"lat\":1,\"lon\":1,\"text\":\""
                                + "é".repeat(1000)
                                + "\"}");
        assertThat(r.accepted()).isTrue();
        assertThat(r.tip().channel()).isEqualTo(TipIntake.DEFAULT_CHANNEL);
        assertThat(r.tip().toString()).doesNotContain("é");
    }
}
