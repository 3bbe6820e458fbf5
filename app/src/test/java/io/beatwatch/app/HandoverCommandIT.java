package io.beatwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.testkit.RedisServerExtension;
import io.lettuce.core.RedisClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beatwatch handover --from --to} against a real Redis holding what the job and the gateway
 * write: the HTML file has each district's figures, the dismissal reason and the top place, and
 * leaves out a district the command was not asked for.
 */
class HandoverCommandIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

    static final Instant OPENED = Instant.parse("2026-12-07T08:00:00Z");

    static HotspotAlert alert(String id, String district, double ri) {
        return new HotspotAlert(
                HotspotAlert.VERSION,
                id,
                AlertState.OPENED,
                EmergenceCategory.NEW,
                "8928308280fffff",
                0,
                List.of("8928308280fffff"),
                new LatLon(29.42, -98.49),
                district,
                Duration.ofMinutes(30),
                11,
                1.5,
                9.0,
                ri,
                Signal.CFS,
                true,
                List.of(new TypeCount("BURGLARY", 9)),
                0,
                OPENED,
                OPENED,
                "it-1",
                OPENED);
    }

    @Test
    void writesTheShiftsHandoverAsOneHtmlFile(@TempDir Path dir) throws Exception {
        var client = RedisClient.create(REDIS.server().uri());
        try (var c = client.connect()) {
            var r = c.sync();
            for (var a : List.of(alert("a-east", "EAST", 730), alert("a-west", "WEST", 90))) {
                r.xadd(
                        RedisKeys.ALERT_STREAM,
                        Map.of(
                                RedisKeys.STREAM_FIELD_ALERT,
                                Json.encode(a),
                                RedisKeys.STREAM_FIELD_EVENT_ID,
                                a.alertId()));
            }
            r.zadd(
                    RedisKeys.alertLog("a-east"),
                    (double) OPENED.plusSeconds(600).toEpochMilli(),
                    "{\"alertId\":\"a-east\",\"action\":\"dismiss\",\"by\":\"sup1\",\"note\":\"alarm test at the school\",\"at\":\""
                            + OPENED.plusSeconds(600)
                            + "\"}");
            r.hset(
                    RedisKeys.dosageSummary("2026-12-07"),
                    "EAST",
                    "{\"minutes\":60,\"visits\":5,\"declined\":1}");
        } finally {
            client.shutdown();
        }
        var out = dir.resolve("handover.html");
        var printed = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(printed));
        int code =
                cli.execute(
                        "handover",
                        "--from",
                        "2026-12-07T06:00",
                        "--to",
                        "2026-12-07T14:00",
                        "--zone",
                        "UTC",
                        "--redis",
                        REDIS.server().uri(),
                        "--districts",
                        "EAST",
                        "--out",
                        out.toString());
        assertThat(code).as(printed.toString()).isZero();
        assertThat(printed.toString()).contains("1 district(s), 1 alert(s) opened");
        var html = Files.readString(out);
        assertThat(html).startsWith("<!doctype html>").contains("@media print");
        assertThat(html)
                .contains("data-district=\"EAST\"")
                .contains("alarm test at the school")
                .contains("11 observed vs 1.5 expected in 30 min")
                .contains("BURGLARY 9");
        assertThat(html)
                .contains("<li data-figure=\"patrol-minutes\"><span class=\"value\">60</span>");
        assertThat(html).doesNotContain("WEST");
    }
}
