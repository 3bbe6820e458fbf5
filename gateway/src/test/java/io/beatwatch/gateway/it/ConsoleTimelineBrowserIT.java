package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.auth.Role;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.testing.Browser;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.gateway.view.Hexes;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * An alert's whole story in two real headless Chromiums against a gateway on a real Redis and
 * Kafka: supervisor A acknowledges, assigns and dismisses an alert on its console while the
 * district's dispatcher reports a patrol visit the alert drove; a second supervisor of the same
 * district, on another console, opens the alert's timeline and sees the same story (every revision
 * with its sparkline, who acknowledged, the unit, the visit and its dosage, the dismissal and its
 * reason), read from the gateway's records and not from the first browser. A supervisor of another
 * district and a dispatcher are refused the timeline. Takes console-timeline.png.
 */
class ConsoleTimelineBrowserIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static final String FEEDBACK_TOPIC = "it.timeline.feedback." + System.nanoTime();
    static final String CELL = Hexes.cellAt(29.4450, -98.4936, 9);
    static final Instant OPENED =
            Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
    static final String ALERT_ID = CELL + "-k1-60-" + OPENED.getEpochSecond();
    static final String SUGGESTION = "p-" + CELL + "-1";
    static final String UNIT = "2A12";
    static final String REASON = "known event: street fair";

    static TestServices services;
    static GatewayFixture gw;

    @BeforeEach
    void needsBrowser() {
        Browser.assumePresent();
    }

    @BeforeAll
    static void start() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        services.kafka().createTopics(1, FEEDBACK_TOPIC);
        var base = GatewayFixture.browserConfig(services);
        var t = base.topics();
        gw =
                GatewayFixture.start(
                        base.topics(
                                        new GatewayConfig.Topics(
                                                t.tips(), FEEDBACK_TOPIC, t.cfs(), t.publicCalls()))
                                .build());
        seed();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) gw.close();
        if (services != null) services.close();
    }

    /** Three revisions of one alert, as the job writes them, and a suggestion it drove. */
    static void seed() {
        var r = services.redis();
        r.sadd(RedisKeys.DISTRICTS, "NORTH");
        HotspotAlert latest = null;
        int[] observed = {7, 9, 12};
        for (int i = 0; i < observed.length; i++) {
            var a =
                    revision(
                            i == 0 ? AlertState.OPENED : AlertState.UPDATED,
                            observed[i],
                            OPENED.plus(Duration.ofMinutes(10L * i)));
            r.xadd(
                    RedisKeys.ALERT_STREAM,
                    Map.of(
                            RedisKeys.STREAM_FIELD_ALERT,
                            Json.write(a),
                            RedisKeys.STREAM_FIELD_EVENT_ID,
                            ALERT_ID + ":" + (i + 1)));
            // other alerts in the stream between the revisions
            r.xadd(
                    RedisKeys.ALERT_STREAM,
                    Map.of(
                            RedisKeys.STREAM_FIELD_ALERT,
                            Json.write(other(i)),
                            RedisKeys.STREAM_FIELD_EVENT_ID,
                            "o" + i));
            latest = a;
        }
        r.hset(RedisKeys.OPEN_ALERTS, ALERT_ID, Json.write(latest));
        r.set(
                RedisKeys.suggestion(SUGGESTION),
                "{\"v\":1,\"suggestionId\":\""
                        + SUGGESTION
                        + "\",\"district\":\"NORTH\",\"cell\":\""
                        + CELL
                        + "\",\"alertId\":\""
                        + ALERT_ID
                        + "\",\"dwellMinutes\":12}");
    }

    static HotspotAlert revision(AlertState state, long observed, Instant at) {
        var c = Hexes.center(CELL);
        return new HotspotAlert(
                HotspotAlert.VERSION,
                ALERT_ID,
                state,
                EmergenceCategory.NEW,
                CELL,
                1,
                List.of(CELL),
                new LatLon(c.lat, c.lng),
                "NORTH",
                Duration.ofMinutes(60),
                observed,
                1.4,
                9.5 + observed,
                400.0,
                Signal.CFS,
                true,
                List.of(new TypeCount("DISTURBANCE", (int) observed)),
                0,
                OPENED,
                at,
                "it-1",
                at.plusSeconds(2));
    }

    static HotspotAlert other(int i) {
        var cell = Hexes.cellAt(29.40, -98.45 + i * 0.01, 9);
        var c = Hexes.center(cell);
        return new HotspotAlert(
                HotspotAlert.VERSION,
                cell + "-k0-60-" + OPENED.getEpochSecond(),
                AlertState.OPENED,
                EmergenceCategory.NEW,
                cell,
                0,
                List.of(cell),
                new LatLon(c.lat, c.lng),
                "SOUTH",
                Duration.ofMinutes(60),
                5,
                1.0,
                6.0,
                40.0,
                Signal.CFS,
                true,
                List.of(),
                0,
                OPENED,
                OPENED,
                "it-1",
                OPENED);
    }

    String url() {
        return "http://127.0.0.1:" + gw.port() + "/";
    }

    static By item() {
        return By.cssSelector("[data-testid=alert-item][data-alert-id='" + ALERT_ID + "']");
    }

    static void click(WebDriver b, String testId) {
        Browser.waitFor(b)
                .until(
                        d -> {
                            var button =
                                    d.findElement(item())
                                            .findElement(
                                                    By.cssSelector("[data-testid=" + testId + "]"));
                            if (!button.isEnabled()) return false;
                            button.click();
                            return true;
                        });
    }

    static void confirm(WebDriver b, String unit, String note) {
        var wait = Browser.waitFor(b);
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=action-dialog]")).isDisplayed());
        if (unit != null) {
            var u = b.findElement(By.cssSelector("[data-testid=assign-unit-input]"));
            u.clear();
            u.sendKeys(unit);
        }
        if (note != null)
            b.findElement(By.cssSelector("[data-testid=action-note-input]")).sendKeys(note);
        b.findElement(By.cssSelector("[data-testid=dialog-confirm]")).click();
        wait.until(
                d -> !d.findElement(By.cssSelector("[data-testid=action-dialog]")).isDisplayed());
    }

    static String status(WebDriver b) {
        var found =
                b.findElement(item()).findElements(By.cssSelector("[data-testid=alert-status]"));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    /** Opens the alert's timeline and waits until it lists at least {@code events} events. */
    static List<WebElement> timeline(WebDriver b, int events) {
        click(b, "alert-timeline");
        Browser.waitFor(b)
                .until(
                        d ->
                                d.findElements(By.cssSelector("[data-testid=timeline-event]"))
                                                .size()
                                        >= events);
        return b.findElements(By.cssSelector("[data-testid=timeline-event]"));
    }

    static void feedback(String action) throws Exception {
        var r =
                gw.post(
                        "/api/suggestions/" + SUGGESTION + "/feedback",
                        gw.token("disp-north"),
                        "{\"action\":\"" + action + "\",\"unit\":\"" + UNIT + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    @Test
    void aSecondConsoleOfTheDistrictSeesTheSameTimelineAfterAckAssignAndDismiss() throws Exception {
        WebDriver a = Browser.chromium(1440, 900);
        WebDriver b = Browser.chromium(1440, 900);
        try {
            var waitA = Browser.waitFor(a);
            Browser.signIn(a, url(), "sup1");
            waitA.until(d -> !d.findElements(item()).isEmpty());

            click(a, "alert-ack");
            waitA.until(d -> status(d).contains("Acknowledged"));
            click(a, "alert-assign");
            confirm(a, UNIT, null);
            waitA.until(d -> status(d).contains("Assigned to " + UNIT));
            // the unit's visit, reported by the district's dispatcher
            feedback("accepted");
            feedback("arrived");
            feedback("done");
            click(a, "alert-dismiss");
            confirm(a, null, REASON);
            // a dismissed alert leaves the list unless closed and dismissed ones are shown
            waitA.until(d -> d.findElements(item()).isEmpty());
            a.findElement(By.cssSelector("[data-testid=show-handled]")).click();
            waitA.until(d -> status(d).contains("Dismissed"));

            // B: another supervisor of NORTH, signed in with its own token, in its own browser
            var token =
                    gw.tokens()
                            .sign(
                                    "sup-north",
                                    Role.SUPERVISOR,
                                    List.of("NORTH"),
                                    Duration.ofHours(1));
            signInWithToken(b, url(), token);
            var waitB = Browser.waitFor(b);
            waitB.until(d -> !d.findElements(item()).isEmpty());
            // the list shows the latest action taken on another console, from the gateway
            waitB.until(d -> status(d).contains("Dismissed") && status(d).contains("by sup1"));
            assertThat(status(b)).contains(REASON);
            // opened, 2 updates, ack, assign, 3 patrol reports, dismiss
            var events = timeline(b, 9);
            var kinds = events.stream().map(e -> e.getAttribute("data-kind")).toList();
            assertThat(kinds)
                    .containsExactly(
                            "opened",
                            "updated",
                            "updated",
                            "acknowledged",
                            "assigned",
                            "patrol.accepted",
                            "patrol.arrived",
                            "patrol.done",
                            "dismissed");
            var story = b.findElement(By.cssSelector("[data-testid=alert-timeline]")).getText();
            assertThat(story)
                    .contains("by sup1")
                    .contains(UNIT)
                    .contains(REASON)
                    .contains("12 min");
            assertThat(
                            b.findElement(By.cssSelector("[data-testid=timeline-sparkline]"))
                                    .getAttribute("data-points"))
                    .isEqualTo("3");
            assertThat(b.findElements(By.cssSelector("[data-testid=timeline-visit]"))).hasSize(1);

            // a note from B reaches A's timeline too
            b.findElement(By.cssSelector("[data-testid=timeline-note-input]"))
                    .sendKeys("unit 2A12 stays until 23:00");
            b.findElement(By.cssSelector("[data-testid=timeline-note-button]")).click();
            waitB.until(
                    d ->
                            d.findElements(By.cssSelector("[data-testid=timeline-event]")).size()
                                    == 10);
            var fromA = timeline(a, 10).stream().map(WebElement::getText).toList();
            var fromB =
                    b.findElements(By.cssSelector("[data-testid=timeline-event]")).stream()
                            .map(WebElement::getText)
                            .toList();
            assertThat(fromA).isEqualTo(fromB);
            assertThat(fromA.get(9)).contains("unit 2A12 stays until 23:00").contains("sup-north");
            Browser.assertNoAxeViolations(b, "the console with an alert's timeline open");
            Browser.screenshot(b, "console-timeline.png");
        } finally {
            a.quit();
            b.quit();
        }
    }

    @Test
    void theTimelineIsForSupervisorsOfTheAlertsDistrictOnly() throws Exception {
        var south =
                gw.tokens()
                        .sign("sup-south", Role.SUPERVISOR, List.of("SOUTH"), Duration.ofHours(1));
        var path = "/api/alerts/" + ALERT_ID + "/timeline";
        var r = gw.get(path, south);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(GatewayFixture.json(r).path("error").isTextual()).isTrue();
        assertThat(gw.get(path, gw.token("disp-north")).statusCode()).isEqualTo(403);
        assertThat(gw.get("/api/alerts/no-such-alert/timeline", gw.token("sup1")).statusCode())
                .isEqualTo(404);
        var ok = GatewayFixture.json(gw.get(path, gw.token("sup1")));
        assertThat(ok.path("district").asText()).isEqualTo("NORTH");
        assertThat(ok.path("series")).hasSize(3);
    }

    static void signInWithToken(WebDriver b, String url, String token) {
        b.get(url);
        var wait = Browser.waitFor(b);
        wait.until(
                d -> Browser.js(d).executeScript("return document.body.dataset.ready === 'true'"));
        b.findElement(By.cssSelector("[data-testid=token-input]")).sendKeys(token);
        b.findElement(By.cssSelector("[data-testid=token-button]")).click();
        Browser.awaitConnected(b);
    }
}
