package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.testing.Browser;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.gateway.view.CellFields;
import io.beatwatch.gateway.view.Hexes;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.print.PrintOptions;

/**
 * The shift handover in a real headless Chromium against a gateway on a real Redis and Kafka: a
 * shift with an alert acknowledged and dismissed through the API, one still open, one closed before
 * the shift, the job's dosage of the day and tips sent through the intake. The supervisor opens
 * {@code /handover?from=&to=} from the console and sees each district's figures, reasons and top
 * places; the page prints to a PDF (Chromium's print-to-PDF) and the HTML export is the same
 * document; axe-core finds no WCAG 2.1 AA violation on it. Takes handover.png.
 */
class HandoverBrowserIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static final String TIPS_TOPIC = "it.handover.tips." + System.nanoTime();
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    static final Instant FROM = NOW.minus(Duration.ofHours(6));
    static final Instant TO = NOW.plus(Duration.ofMinutes(30));
    static final String NORTH_CELL = Hexes.cellAt(29.4450, -98.4936, 9);
    static final String SOUTH_CELL = Hexes.cellAt(29.4050, -98.4936, 9);
    static final String REASON = "fireworks, known event";

    static TestServices services;
    static GatewayFixture gw;

    @BeforeEach
    void needsBrowser() {
        Browser.assumePresent();
    }

    @BeforeAll
    static void start() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        services.kafka().createTopics(1, TIPS_TOPIC);
        var base = GatewayFixture.browserConfig(services);
        var t = base.topics();
        gw =
                GatewayFixture.start(
                        base.topics(
                                        new GatewayConfig.Topics(
                                                TIPS_TOPIC,
                                                t.patrolFeedback(),
                                                t.cfs(),
                                                t.publicCalls()))
                                .publicFeed(
                                        GatewayConfig.PublicFeed.defaults()
                                                .withZone(ZoneOffset.UTC))
                                .build());
        seed();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) gw.close();
        if (services != null) services.close();
    }

    static void seed() throws Exception {
        var r = services.redis();
        for (var e : Map.of("NORTH", NORTH_CELL, "SOUTH", SOUTH_CELL).entrySet()) {
            r.sadd(RedisKeys.DISTRICTS, e.getKey());
            r.zadd(RedisKeys.ranked(e.getKey(), 60), 5.0, e.getValue());
            r.hset(
                    RedisKeys.cell(e.getValue(), 60),
                    Map.of(
                            CellFields.OBSERVED,
                            "6",
                            CellFields.EXPECTED,
                            "1.2",
                            CellFields.SCORE,
                            "5",
                            CellFields.DISTRICT,
                            e.getKey()));
        }
        // closed before the shift: not handed over
        var old =
                alert(
                        "old",
                        NORTH_CELL,
                        "NORTH",
                        AlertState.OPENED,
                        FROM.minus(Duration.ofHours(5)),
                        FROM.minus(Duration.ofHours(5)),
                        8,
                        500);
        append(old);
        append(
                alert(
                        "old",
                        NORTH_CELL,
                        "NORTH",
                        AlertState.CLOSED,
                        old.openedAt(),
                        FROM.minus(Duration.ofHours(1)),
                        2,
                        0));
        var north =
                alert(
                        "n1",
                        NORTH_CELL,
                        "NORTH",
                        AlertState.OPENED,
                        FROM.plus(Duration.ofHours(1)),
                        FROM.plus(Duration.ofHours(1)),
                        9,
                        220);
        append(north);
        var stronger =
                alert(
                        "n1",
                        NORTH_CELL,
                        "NORTH",
                        AlertState.UPDATED,
                        north.openedAt(),
                        FROM.plus(Duration.ofHours(2)),
                        14,
                        1400);
        append(stronger);
        r.hset(RedisKeys.OPEN_ALERTS, stronger.alertId(), Json.write(stronger));
        var south =
                alert(
                        "s1",
                        SOUTH_CELL,
                        "SOUTH",
                        AlertState.OPENED,
                        FROM.plus(Duration.ofHours(3)),
                        FROM.plus(Duration.ofHours(3)),
                        7,
                        150);
        append(south);
        r.hset(RedisKeys.OPEN_ALERTS, south.alertId(), Json.write(south));
        // the job's dosage summary of the day
        r.hset(
                RedisKeys.dosageSummary(NOW.atZone(ZoneOffset.UTC).toLocalDate().toString()),
                "NORTH",
                "{\"minutes\":45,\"visits\":4,\"fromAlerts\":2,\"doneMinutes\":30,\"declined\":2,\"cells\":3}");
        // supervisor actions and tips, through the gateway itself
        var sup = gw.token("sup1");
        assertThat(gw.post("/api/alerts/" + stronger.alertId() + "/ack", sup, "{}").statusCode())
                .isEqualTo(200);
        assertThat(
                        gw.post(
                                        "/api/alerts/" + stronger.alertId() + "/dismiss",
                                        sup,
                                        "{\"note\":\"" + REASON + "\"}")
                                .statusCode())
                .isEqualTo(200);
        var c = Hexes.center(NORTH_CELL);
        for (int i = 0; i < 2; i++) {
            var tip =
                    gw.post(
                            "/api/tips",
                            null,
                            "{\"category\":\"drugs\",\"lat\":"
                                    + c.lat
                                    + ",\"lon\":"
                                    + c.lng
                                    + ",\"channel\":\"web\"}");
            assertThat(tip.statusCode()).as(tip.body()).isEqualTo(202);
        }
        GatewayFixture.await(
                "tips indexed",
                () ->
                        services.redis().zcard(RedisKeys.cellTips(Hexes.cellAt(c.lat, c.lng, 9)))
                                == 2);
    }

    static HotspotAlert alert(
            String name,
            String cell,
            String district,
            AlertState state,
            Instant opened,
            Instant at,
            long observed,
            double ri) {
        var c = Hexes.center(cell);
        return new HotspotAlert(
                HotspotAlert.VERSION,
                cell + "-" + name + "-" + opened.getEpochSecond(),
                state,
                EmergenceCategory.NEW,
                cell,
                0,
                List.of(cell),
                new LatLon(c.lat, c.lng),
                district,
                Duration.ofMinutes(60),
                observed,
                1.3,
                8.0,
                ri,
                Signal.CFS,
                true,
                List.of(
                        new TypeCount("DISTURBANCE", (int) observed - 1),
                        new TypeCount("NOISE", 1)),
                0,
                opened,
                at,
                "it-1",
                at);
    }

    static void append(HotspotAlert a) {
        services.redis()
                .xadd(
                        RedisKeys.ALERT_STREAM,
                        Map.of(
                                RedisKeys.STREAM_FIELD_ALERT,
                                Json.write(a),
                                RedisKeys.STREAM_FIELD_EVENT_ID,
                                a.alertId() + ":" + a.state()));
    }

    static String figure(WebDriver b, String district, String key) {
        return b.findElement(
                        By.cssSelector(
                                "[data-testid=handover-district][data-district="
                                        + district
                                        + "] [data-figure="
                                        + key
                                        + "] .value"))
                .getText();
    }

    static String local(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString();
    }

    @Test
    void theSupervisorsHandoverShowsEachDistrictsShiftAndPrintsToPdf() throws Exception {
        WebDriver b = Browser.chromium(1280, 1000);
        try {
            var url = "http://127.0.0.1:" + gw.port();
            Browser.signIn(b, url + "/", "sup1");
            // same tab: the page uses the console's session
            b.get(url + "/handover?from=" + local(FROM) + "&to=" + local(TO));
            var wait = Browser.waitFor(b);
            wait.until(
                    d ->
                            "true"
                                    .equals(
                                            d.findElement(By.tagName("body"))
                                                    .getAttribute("data-loaded")));
            var districts =
                    b.findElements(By.cssSelector("[data-testid=handover-district]")).stream()
                            .map(e -> e.getAttribute("data-district"))
                            .toList();
            assertThat(districts).containsExactly("NORTH", "SOUTH");
            assertThat(figure(b, "NORTH", "opened")).isEqualTo("1");
            assertThat(figure(b, "NORTH", "still-open")).isEqualTo("1");
            assertThat(figure(b, "NORTH", "acknowledged")).isEqualTo("1");
            assertThat(figure(b, "NORTH", "dismissed")).isEqualTo("1");
            assertThat(figure(b, "NORTH", "patrol-minutes")).isEqualTo("45");
            assertThat(figure(b, "NORTH", "declined")).isEqualTo("2");
            assertThat(figure(b, "NORTH", "tips")).isEqualTo("2");
            assertThat(figure(b, "SOUTH", "opened")).isEqualTo("1");
            assertThat(figure(b, "SOUTH", "acknowledged")).isEqualTo("0");
            var north =
                    b.findElement(
                                    By.cssSelector(
                                            "[data-testid=handover-district][data-district=NORTH]"))
                            .getText();
            assertThat(north)
                    .contains(REASON)
                    .contains("14 observed vs 1.3 expected in 60 min")
                    .contains("1,400 days")
                    .contains("DISTURBANCE 13")
                    .contains("acknowledged by sup1");
            assertThat(b.findElements(By.cssSelector("[data-testid=handover-place]")))
                    .extracting(e -> e.getAttribute("data-alert-id"))
                    .noneMatch(id -> id.contains("-old-"));
            Browser.assertNoAxeViolations(b, "the handover page");
            Browser.screenshot(b, "handover.png");

            // print to PDF, as the page's print button does in a browser
            var pdf = ((PrintsPage) b).print(new PrintOptions());
            var bytes = Base64.getDecoder().decode(pdf.getContent());
            assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("%PDF-");
            var file = Path.of("target", "handover.pdf");
            Files.write(file, bytes);
            assertThat(bytes.length).isGreaterThan(5_000);

            // the HTML export is the gateway's document: standalone, with its print stylesheet
            var html =
                    gw.get(
                            "/api/handover?from="
                                    + local(FROM)
                                    + "&to="
                                    + local(TO)
                                    + "&format=html",
                            gw.token("sup1"));
            assertThat(html.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(html.body())
                    .startsWith("<!doctype html>")
                    .contains("@media print")
                    .contains(REASON)
                    .doesNotContain("<script");
        } finally {
            b.quit();
        }
    }

    @Test
    void theHandoverIsForSupervisorsAndRefusesABadShift() throws Exception {
        assertThat(gw.get("/api/handover", gw.token("disp-north")).statusCode()).isEqualTo(403);
        var bad =
                gw.get("/api/handover?from=" + local(TO) + "&to=" + local(FROM), gw.token("sup1"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(GatewayFixture.json(bad).path("detail").asText()).contains("before");
        var json =
                GatewayFixture.json(
                        gw.get(
                                "/api/handover?from=" + local(FROM) + "&to=" + local(TO),
                                gw.token("sup1")));
        assertThat(json.path("districts")).hasSize(2);
    }
}
