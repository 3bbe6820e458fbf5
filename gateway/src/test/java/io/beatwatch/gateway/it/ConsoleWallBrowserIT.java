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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The console's other shapes in a real headless Chromium against a gateway on a real Redis and
 * Kafka: the wall mode (no controls, large type, districts in turn, and back by itself after the
 * gateway restarts), the tablet layout at 800x1280 (one column, 44 px touch targets), and the
 * filters held in the URL (a shared link opens the same view). axe-core finds no WCAG 2.1 AA
 * violation on the sign-in page, the console and the wall. Takes console-wall.png and
 * console-tablet.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleWallBrowserIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final String NORTH_CELL = Hexes.cellAt(29.4450, -98.4936, 9);
    static final String SOUTH_CELL = Hexes.cellAt(29.4050, -98.4936, 9);

    /** High, calls only, an assault: the one alert the shared link's filters let through. */
    static final HotspotAlert NORTH_HIGH =
            alert("nh", NORTH_CELL, "NORTH", 1200, Signal.CFS, "ASSAULT", NOW.minusSeconds(600));

    static final HotspotAlert NORTH_WATCH =
            alert(
                    "nw",
                    Hexes.cellAt(29.4480, -98.4900, 9),
                    "NORTH",
                    45,
                    Signal.CFS,
                    "DISTURBANCE",
                    NOW.minusSeconds(900));
    static final HotspotAlert SOUTH_HIGH =
            alert("sh", SOUTH_CELL, "SOUTH", 900, Signal.BOTH, "ASSAULT", NOW.minusSeconds(300));

    static TestServices services;
    static GatewayConfig config;
    static GatewayFixture gw;

    @BeforeEach
    void needsBrowser() {
        Browser.assumePresent();
    }

    @BeforeAll
    static void start() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        config = GatewayFixture.browserConfig(services).build();
        gw = GatewayFixture.start(config);
        var r = services.redis();
        for (var e : Map.of("NORTH", NORTH_CELL, "SOUTH", SOUTH_CELL).entrySet()) {
            r.sadd(RedisKeys.DISTRICTS, e.getKey());
            for (var cell : Hexes.h3().gridDisk(e.getValue(), 1)) {
                r.zadd(RedisKeys.ranked(e.getKey(), 60), 4.0, cell);
                r.hset(
                        RedisKeys.cell(cell, 60),
                        Map.of(
                                CellFields.OBSERVED, "5",
                                CellFields.EXPECTED, "1.1",
                                CellFields.SCORE, "4",
                                CellFields.RECURRENCE, "60",
                                CellFields.DISTRICT, e.getKey()));
            }
        }
        for (var a : List.of(NORTH_HIGH, NORTH_WATCH, SOUTH_HIGH)) {
            publish(a);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) gw.close();
        if (services != null) services.close();
    }

    static HotspotAlert alert(
            String name,
            String cell,
            String district,
            double ri,
            Signal signal,
            String type,
            Instant at) {
        var c = Hexes.center(cell);
        return new HotspotAlert(
                HotspotAlert.VERSION,
                cell + "-" + name,
                AlertState.OPENED,
                EmergenceCategory.NEW,
                cell,
                0,
                List.of(cell),
                new LatLon(c.lat, c.lng),
                district,
                Duration.ofMinutes(60),
                8,
                1.2,
                9.0,
                ri,
                signal,
                true,
                List.of(new TypeCount(type, 7)),
                signal == Signal.CFS ? 0 : 2,
                at,
                at,
                "it-1",
                at);
    }

    /** As the job does: a stream entry and the open-alerts hash. */
    static void publish(HotspotAlert a) {
        services.redis()
                .xadd(
                        RedisKeys.ALERT_STREAM,
                        Map.of(
                                RedisKeys.STREAM_FIELD_ALERT,
                                Json.write(a),
                                RedisKeys.STREAM_FIELD_EVENT_ID,
                                a.alertId() + ":1"));
        services.redis().hset(RedisKeys.OPEN_ALERTS, a.alertId(), Json.write(a));
    }

    static String url(String query) {
        return "http://127.0.0.1:" + gw.port() + "/" + query;
    }

    static List<String> alertIds(WebDriver b) {
        return b.findElements(By.cssSelector("[data-testid=alert-item]")).stream()
                .map(e -> e.getAttribute("data-alert-id"))
                .sorted()
                .toList();
    }

    static String state(WebDriver b) {
        return b.findElement(By.cssSelector("[data-testid=connection-indicator]"))
                .getAttribute("data-state");
    }

    /** Last: it restarts the gateway and adds an alert. */
    @Test
    @Order(3)
    void theWallCyclesDistrictsWithoutControlsAndReconnectsAfterAGatewayRestart() throws Exception {
        WebDriver b = Browser.chromium(1920, 1080);
        try {
            b.get(url(""));
            Browser.waitFor(b)
                    .until(
                            d ->
                                    Browser.js(d)
                                            .executeScript(
                                                    "return document.body.dataset.ready === 'true'"));
            Browser.assertNoAxeViolations(b, "the sign-in page");
            Browser.signIn(b, url("?mode=wall&cycle=5"), "sup1");
            var wait = Browser.waitFor(b);
            assertThat(b.findElement(By.tagName("body")).getAttribute("class")).contains("wall");
            assertThat(b.findElement(By.cssSelector("[data-testid=district-filter]")).isDisplayed())
                    .isFalse();
            assertThat(b.findElement(By.cssSelector("[data-testid=time-slider]")).isDisplayed())
                    .isFalse();
            assertThat(
                            b.findElements(By.cssSelector("[data-testid=alert-ack]")).stream()
                                    .filter(e -> e.isDisplayed()))
                    .isEmpty();
            // large type
            var size =
                    (String)
                            Browser.js(b)
                                    .executeScript(
                                            "return getComputedStyle(document.querySelector('[data-testid=wall-district]')).fontSize;");
            assertThat(Double.parseDouble(size.replace("px", ""))).isGreaterThanOrEqualTo(32);
            var seen = new HashSet<String>();
            wait.withTimeout(Duration.ofSeconds(30))
                    .until(
                            d -> {
                                seen.add(
                                        d.findElement(By.cssSelector("[data-testid=wall-district]"))
                                                .getText());
                                return seen.containsAll(List.of("NORTH", "SOUTH"));
                            });
            wait.until(d -> !alertIds(d).isEmpty());
            Browser.assertNoAxeViolations(b, "the wall");
            Browser.screenshot(b, "console-wall.png");

            // the gateway restarts (same port, same signing key): the wall comes back by itself
            var key = gw.tokens().keys().publicKeyPem();
            gw.close();
            wait.until(d -> !"open".equals(state(d)));
            var j = config.jwt();
            gw =
                    GatewayFixture.start(
                            config.toBuilder()
                                    .jwt(
                                            new GatewayConfig.Jwt(
                                                    key,
                                                    null,
                                                    j.issuer(),
                                                    j.clockSkew(),
                                                    j.audience()))
                                    .build());
            wait.withTimeout(Duration.ofSeconds(60)).until(d -> "open".equals(state(d)));
            var late =
                    alert(
                            "late",
                            Hexes.cellAt(29.4420, -98.4950, 9),
                            "NORTH",
                            2000,
                            Signal.CFS,
                            "SHOOTING",
                            Instant.now());
            publish(late);
            // a district in turn shows it: wait for NORTH's turn
            wait.withTimeout(Duration.ofSeconds(40))
                    .until(d -> alertIds(d).contains(late.alertId()));
            assertThat(b.findElement(By.cssSelector("[data-testid=login-panel]")).isDisplayed())
                    .isFalse();
        } finally {
            b.quit();
        }
    }

    @Test
    @Order(4)
    void signingOutRevokesTheTokenOnTheGatewayNotOnlyInTheTab() throws Exception {
        WebDriver b = Browser.chromium(1440, 900);
        try {
            Browser.signIn(b, url(""), "sup1");
            var token =
                    (String)
                            Browser.js(b)
                                    .executeScript(
                                            "return JSON.parse(sessionStorage.getItem('beatwatch.token'));");
            assertThat(gw.get("/api/alerts", token).statusCode()).isEqualTo(200);
            b.findElement(By.cssSelector("[data-testid=logout-button]")).click();
            var wait = Browser.waitFor(b);
            wait.until(
                    d -> d.findElement(By.cssSelector("[data-testid=login-panel]")).isDisplayed());
            assertThat(b.findElement(By.cssSelector("[data-testid=login-message]")).getText())
                    .contains("signed out");
            // a copy of the token (another tab, a stolen one) is refused too
            assertThat(gw.get("/api/alerts", token).statusCode()).isEqualTo(401);
        } finally {
            b.quit();
        }
    }

    @Test
    @Order(2)
    void onATabletTheConsoleIsOneColumnWithTouchSizedTargets() throws Exception {
        WebDriver b = Browser.chromium(800, 1280);
        try {
            Browser.signIn(b, url(""), "sup1");
            var wait = Browser.waitFor(b);
            wait.until(d -> alertIds(d).size() == 3);
            @SuppressWarnings("unchecked")
            var layout =
                    (Map<String, Object>)
                            Browser.js(b)
                                    .executeScript(
                                            "const m = document.querySelector('.map-pane').getBoundingClientRect();"
                                                    + " const s = document.querySelector('.sidebar').getBoundingClientRect();"
                                                    + " const a = document.querySelector('#alerts-panel').getBoundingClientRect();"
                                                    + " const p = document.querySelector('#patrol-panel').getBoundingClientRect();"
                                                    + " return {mapBottom: m.bottom, sideTop: s.top, sideWidth: s.width, mapWidth: m.width,"
                                                    + " alertsBottom: a.bottom, patrolTop: p.top,"
                                                    + " width: window.innerWidth};");
            assertThat(((Number) layout.get("sideTop")).doubleValue())
                    .isGreaterThanOrEqualTo(((Number) layout.get("mapBottom")).doubleValue() - 1);
            assertThat(((Number) layout.get("sideWidth")).doubleValue()).isGreaterThan(700);
            // the panels follow one another, each as tall as its content
            assertThat(((Number) layout.get("patrolTop")).doubleValue())
                    .isGreaterThanOrEqualTo(
                            ((Number) layout.get("alertsBottom")).doubleValue() - 1);
            @SuppressWarnings("unchecked")
            var clipped =
                    (List<String>)
                            Browser.js(b)
                                    .executeScript(
                                            "const l = document.querySelector('#alerts-panel').getBoundingClientRect();"
                                                    + " return [...document.querySelectorAll('[data-testid=alert-item]')]"
                                                    + ".filter(e => e.getBoundingClientRect().bottom > l.bottom + 1)"
                                                    + ".map(e => e.dataset.alertId);");
            assertThat(clipped).as("alert items outside their panel").isEmpty();
            assertThat(((Number) layout.get("mapWidth")).doubleValue()).isGreaterThan(700);
            @SuppressWarnings("unchecked")
            var small =
                    (List<String>)
                            Browser.js(b)
                                    .executeScript(
                                            "return [...document.querySelectorAll('.topbar button, .topbar select, .topbar summary, .topbar a,"
                                                    + " #alert-list button, #suggestion-list button, .leaflet-bar a')]"
                                                    + ".filter(e => e.offsetParent !== null)"
                                                    + ".filter(e => { const r = e.getBoundingClientRect(); return r.height < 44 || r.width < 44; })"
                                                    + ".map(e => (e.dataset.testid || e.id || e.className) + ' ' + Math.round(e.getBoundingClientRect().width)"
                                                    + " + 'x' + Math.round(e.getBoundingClientRect().height));");
            assertThat(small).as("touch targets under 44 px").isEmpty();
            Browser.assertNoAxeViolations(b, "the console on a tablet");
            Browser.screenshot(b, "console-tablet.png");
        } finally {
            b.quit();
        }
    }

    @Test
    @Order(1)
    void theFiltersLiveInTheUrlSoALinkOpensTheSameView() throws Exception {
        WebDriver b = Browser.chromium(1440, 900);
        try {
            var query = "?severity=high&signal=cfs&types=violence&since=8h&districts=NORTH";
            Browser.signIn(b, url(query), "sup1");
            var wait = Browser.waitFor(b);
            wait.until(d -> alertIds(d).equals(List.of(NORTH_HIGH.alertId())));
            assertThat(
                            b.findElement(By.cssSelector("[data-testid=filter-severity]"))
                                    .getAttribute("value"))
                    .isEqualTo("high");
            Browser.assertNoAxeViolations(b, "the console");

            // widen two filters in the menu: the URL follows
            b.findElement(By.cssSelector("[data-testid=filter-menu] summary")).click();
            new org.openqa.selenium.support.ui.Select(
                            b.findElement(By.cssSelector("[data-testid=filter-severity]")))
                    .selectByValue("all");
            wait.until(d -> !d.getCurrentUrl().contains("severity="));
            // the watch-level alert is a disturbance: still out while the group is violence
            assertThat(alertIds(b)).containsExactly(NORTH_HIGH.alertId());
            new org.openqa.selenium.support.ui.Select(
                            b.findElement(By.cssSelector("[data-testid=filter-types]")))
                    .selectByValue("all");
            wait.until(d -> alertIds(d).size() == 2);
            var shared = b.getCurrentUrl();
            assertThat(shared)
                    .doesNotContain("severity=")
                    .doesNotContain("types=")
                    .contains("signal=cfs")
                    .contains("since=8h")
                    .contains("districts=NORTH");

            // the link, opened again, shows the same view
            b.get(shared);
            wait.until(d -> "open".equals(state(d)));
            wait.until(
                    d ->
                            alertIds(d)
                                    .equals(
                                            List.of(NORTH_HIGH.alertId(), NORTH_WATCH.alertId())
                                                    .stream()
                                                    .sorted()
                                                    .toList()));
            // calls-only: the SOUTH alert with tips stays out even with SOUTH shown
            b.get(url("?signal=cfs&districts=NORTH,SOUTH"));
            wait.until(d -> "open".equals(state(d)));
            wait.until(d -> alertIds(d).size() == 2 && !alertIds(d).contains(SOUTH_HIGH.alertId()));
        } finally {
            b.quit();
        }
    }
}
