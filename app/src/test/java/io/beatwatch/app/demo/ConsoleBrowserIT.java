package io.beatwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.PatrolFeedback;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.core.patrol.PatrolPlanner;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.SyntheticFeed;
import io.beatwatch.jobs.patrol.PatrolJobConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium against the whole system in this JVM (Redis, Kafka, Flink
 * with the patrol stage, gateway), fed like the demo: four days of synthetic history at full speed,
 * then calls at their own time, so event time follows the clock. A supervisor signs in, a cluster
 * of calls produced into Kafka shows up as an alert, and acknowledging it works; a dispatcher signs
 * in, sees the patrol suggestions of its district only, and accepts, reaches and completes one,
 * which the job then counts in the district's dosage. Skipped, with the reason, where Debian's
 * chromium and chromium-driver are not installed ({@code bin/beatwatch test} installs them when it
 * can).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration HISTORY = Duration.ofDays(4);
    private static final Duration AHEAD = Duration.ofHours(3);
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** Rounds every 5 minutes (the demo: 15), so a fresh suggestion is never far off. */
    private static final Duration CYCLE = Duration.ofMinutes(5);

    /** The dispatcher's district and dev login. */
    private static final String DISTRICT = "NORTH";

    private static final String DISPATCHER = "disp-north";
    private static final String UNIT = "2A12";

    /** A suggestion picked for the dispatcher is valid at least this long after the pick. */
    private static final Duration VALIDITY_MARGIN = Duration.ofMinutes(4);

    private static final Pattern COUNTDOWN = Pattern.compile("On scene · (\\d+):(\\d{2}) left");

    private static DemoStack stack;
    private static Instant liveFrom;
    private static SyntheticCityConfig city;
    private static HotspotJobConfig jobConfig;
    private static PatrolConfig policy;

    /** The newest event time this test produced (the feed itself follows the clock). */
    private static Instant produced = Instant.EPOCH;

    /** Whether Debian's chromium and chromium-driver are here. */
    private static boolean browserPresent() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Per test, so each counts as skipped without a browser (an assumption in {@code @BeforeAll}
     * aborts the class and the reports count 0 run, 0 skipped).
     */
    @BeforeEach
    void needsBrowser() {
        assumeTrue(
                browserPresent(),
                "browser tests skipped: install Debian's chromium and chromium-driver"
                        + " (bin/beatwatch test does it as root)");
    }

    @BeforeAll
    static void startEverything() throws Exception {
        if (!browserPresent()) {
            return;
        }
        liveFrom = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = liveFrom.minus(HISTORY).truncatedTo(ChronoUnit.HOURS);
        city =
                SyntheticCityConfig.defaults()
                        .withPeriod(start, Duration.between(start, liveFrom.plus(AHEAD)))
                        .withBursts(false);
        var d = HotspotJobConfig.defaults(SyntheticFeed.bounds(city), Set.of()).detection();
        jobConfig =
                HotspotJobConfig.defaults(SyntheticFeed.bounds(city), Set.of())
                        .withDetection(d.withBaseline(d.baselineDays(), 1, 3))
                        .withSource("browser-it");
        policy = withCycle(PatrolConfig.defaults(city.timeZone()), CYCLE).withPlaces(2, 1);
        stack =
                DemoStack.start(
                        new DemoStack.Options(
                                0,
                                new SyntheticFeed(city),
                                liveFrom,
                                60,
                                jobConfig,
                                PatrolJobConfig.of(policy)),
                        new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) stack.close();
    }

    @Test
    @Order(1)
    void supervisorSeesAnAlertForCallsProducedIntoKafkaAndAcknowledgesIt() throws Exception {
        awaitHistoryProcessed();
        WebDriver browser = chromium(false);
        try {
            var wait = waitFor(browser);
            signIn(browser, wait, "sup1");

            String cell = produceCluster();
            long producedAt = System.nanoTime();
            // the list re-renders on every alert revision: find the item afresh for each step
            By item = By.cssSelector("[data-testid=alert-item][data-alert-id^='" + cell + "']");
            String text = wait.until(d -> d.findElement(item).getText());
            double seconds = (System.nanoTime() - producedAt) / 1e9;
            System.out.printf(
                    "alert on the console %.1f s after the calls were produced%n", seconds);
            assertThat(text).contains("observed");

            wait.until(
                    d -> {
                        d.findElement(item)
                                .findElement(By.cssSelector("[data-testid=alert-ack]"))
                                .click();
                        return true;
                    });
            confirmDialogIfShown(browser);
            String status =
                    wait.until(
                            d -> {
                                var found =
                                        d.findElement(item)
                                                .findElements(
                                                        By.cssSelector(
                                                                "[data-testid=alert-status]"));
                                return found.isEmpty() ? null : found.get(0).getText();
                            });
            assertThat(status.toLowerCase()).contains("acknowledged");
            long actions = redis(r -> r.hlen(RedisKeys.ALERT_ACTIONS));
            assertThat(actions).isPositive();

            screenshot(browser, "console-alert-acknowledged.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(2)
    void dispatcherSeesItsDistrictsSuggestionsAndCompletesOne() throws Exception {
        awaitHistoryProcessed();
        awaitRedis(
                r -> r.hlen(RedisKeys.suggestions(DISTRICT)) > 0 ? true : null,
                "suggestions on the board of " + DISTRICT);
        // other districts have suggestions on the gateway too: the console must not show them
        long elsewhere =
                redis(
                        r ->
                                SyntheticCity.DISTRICTS.stream()
                                        .filter(x -> !x.equals(DISTRICT))
                                        .mapToLong(x -> r.hlen(RedisKeys.suggestions(x)))
                                        .sum());
        assertThat(elsewhere).isPositive();
        Instant read = Instant.now();
        Set<String> known = new HashSet<>(redis(r -> r.hkeys(RedisKeys.suggestions(DISTRICT))));
        Set<String> boardBefore = Set.copyOf(known);
        awaitGatewayPollStartedAfter(read);

        PatrolSuggestion target;
        String id;
        WebDriver browser = chromium(true);
        try {
            var wait = waitFor(browser);
            signIn(browser, wait, DISPATCHER);
            assertThat(browser.findElement(By.cssSelector("[data-testid=user-chip]")).getText())
                    .contains("dispatcher")
                    .contains(DISTRICT);
            // dispatchers get the patrol panel first
            assertThat(
                            (Boolean)
                                    js(browser)
                                            .executeScript(
                                                    "const p = document.querySelector("
                                                            + "'[data-testid=patrol-panel]');"
                                                            + " return !p.hidden"
                                                            + " && p.parentElement"
                                                            + ".firstElementChild === p;"))
                    .isTrue();
            // alert sounds off, so the last cue played tells whether a patrol cue played
            wait.until(
                    d -> {
                        d.findElement(By.cssSelector("[data-testid=mute-toggle]")).click();
                        return true;
                    });
            wait.until(
                    ExpectedConditions.attributeToBe(
                            By.cssSelector("[data-testid=mute-toggle]"), "aria-pressed", "true"));

            // the suggestions panel fills from the gateway with the district's board
            wait.until(
                    d ->
                            !d.findElements(By.cssSelector("[data-testid=suggestion-item]"))
                                    .isEmpty());
            List<String> shown = assertOnlyOwnDistrict(browser);
            assertShows(wait, suggestionInRedis(shown.get(0)));
            // what was on the board before sign-in comes as a snapshot: no cue, no notice (a
            // round made while signing in may rightly announce its suggestions)
            if (boardBefore.containsAll(shown)) {
                assertThat(String.valueOf(lastCue(browser)))
                        .as("last cue")
                        .doesNotStartWith("suggestion");
                @SuppressWarnings("unchecked")
                List<String> toasts =
                        (List<String>)
                                js(browser)
                                        .executeScript(
                                                "return [...document.querySelectorAll("
                                                        + "'[data-testid=toast]')]"
                                                        + ".map(t => t.textContent);");
                assertThat(toasts).noneMatch(t -> t.startsWith("New patrol suggestion"));
            }
            known.addAll(shown);

            // a new suggestion while signed in: calls in the district open an alert, which gets
            // a patrol place once event time has moved past it (a round may come first)
            String place = placeForAlert();
            var centre = io.beatwatch.core.grid.H3Grid.centroid(place);
            long clustered = System.nanoTime();
            Instant last =
                    produceCluster(centre.lat(), centre.lon(), DISTRICT, "browser-it-north-");
            moveEventTimePast(last);
            target = awaitNewSuggestion(known, clustered);
            id = target.suggestionId();
            By item =
                    By.cssSelector(
                            "[data-testid=suggestion-item][data-suggestion-id='" + id + "']");
            wait.until(d -> d.findElement(item));
            assertThat(assertShows(wait, target)).contains("valid until");
            assertThat(lastCue(browser)).as("last cue").startsWith("suggestion:");
            if (target.alertId() == null) reportNoAlertSuggestion(place, last);
            System.out.printf(
                    "new suggestion (%s) on the console %.1f s after the calls were produced%n",
                    target.alertId() == null ? "round" : "alert",
                    (System.nanoTime() - clustered) / 1e9);
            assertOnlyOwnDistrict(browser);

            // the unit answering, sent with every answer
            WebElement unit = browser.findElement(By.cssSelector("[data-testid=unit-input]"));
            unit.clear();
            unit.sendKeys(UNIT);

            answer(browser, wait, item, "accept", "accepted");
            // answered: its validity no longer applies, the item says when it was accepted
            String accepted = wait.until(d -> d.findElement(item).getText());
            assertThat(accepted).contains("Accepted").doesNotContain("valid until");
            answer(browser, wait, item, "arrived", "arrived");
            // the dwell countdown appears and counts down
            int first = wait.until(d -> countdownSeconds(d, item));
            assertThat(first).isBetween(1, target.dwellMinutes() * 60);
            wait.until(
                    d -> {
                        Integer left = countdownSeconds(d, item);
                        return left != null && left < first ? left : null;
                    });
            screenshot(browser, "console-dispatcher.png");
            answer(browser, wait, item, "done", "done");
            assertThat(browser.findElements(By.cssSelector("[data-testid=suggestion-error]")))
                    .isEmpty();
            assertOnlyOwnDistrict(browser);

            // the gateway answered every click with 202 (Chrome's network log, read until the
            // three answers are in: reading drains it)
            List<Integer> statuses = new ArrayList<>();
            wait.until(
                    d -> {
                        statuses.addAll(feedbackStatuses(d, id));
                        return statuses.size() >= 3;
                    });
            assertThat(statuses).containsExactly(202, 202, 202);
        } finally {
            browser.quit();
        }

        // the gateway published the three answers, in order, keyed and stamped with the district
        List<ConsumerRecord<String, String>> records =
                stack.kafka().consume(stack.topics().patrolFeedback(), 3, WAIT);
        assertThat(records).hasSize(3);
        List<PatrolFeedback> answers = new ArrayList<>();
        for (var rec : records) {
            assertThat(rec.key()).isEqualTo(DISTRICT);
            answers.add(Json.decodeFeedback(rec.value()));
        }
        assertThat(answers)
                .extracting(PatrolFeedback::action)
                .containsExactly(
                        PatrolFeedback.Action.ACCEPTED,
                        PatrolFeedback.Action.ARRIVED,
                        PatrolFeedback.Action.DONE);
        assertThat(answers)
                .allSatisfy(
                        f -> {
                            assertThat(f.suggestionId()).isEqualTo(id);
                            assertThat(f.district()).isEqualTo(DISTRICT);
                            assertThat(f.cell()).isEqualTo(target.cell());
                            assertThat(f.unit()).isEqualTo(UNIT);
                        });

        // end to end: once the watermark passes the answers, the job counts the visit as done
        // (arrived to done, at least a minute) and takes it off the district's board
        Instant arrived = answers.get(1).at();
        Instant done = answers.get(2).at();
        long minutes = Math.round(Duration.between(arrived, done).toMillis() / 60_000.0);
        int expected = (int) Math.max(1, Math.min(2L * target.dwellMinutes(), minutes));
        String date = target.createdAt().atZone(policy.zone()).toLocalDate().toString();
        long moved = System.nanoTime();
        moveEventTimePast(done);
        var summary =
                awaitRedis(
                        r -> {
                            String json = r.hget(RedisKeys.dosageSummary(date), DISTRICT);
                            if (json == null) return null;
                            var s = Json.tree(json);
                            return s.path("doneMinutes").asInt() > 0 ? s : null;
                        },
                        "the done visit in the dosage summary of " + DISTRICT + " on " + date);
        System.out.printf(
                "done visit in the dosage summary %.1f s after Done (%.1f s after event time"
                        + " moved past it)%n",
                Duration.between(done, Instant.now()).toMillis() / 1e3,
                (System.nanoTime() - moved) / 1e9);
        assertThat(summary.get("doneMinutes").asInt()).isEqualTo(expected);
        assertThat(summary.get("visits").asInt()).isPositive();
        if (target.alertId() != null) {
            assertThat(summary.get("fromAlerts").asInt()).isPositive();
        }
        boolean onBoard = redis(r -> r.hexists(RedisKeys.suggestions(DISTRICT), id));
        assertThat(onBoard).as("still on the district's board").isFalse();
        String cellMinutes = redis(r -> r.hget(RedisKeys.dosage(DISTRICT, date), target.cell()));
        assertThat(cellMinutes).isNotNull();
    }

    /** Clicks one answer button of the item and waits until the console shows the new status. */
    private static void answer(
            WebDriver browser, WebDriverWait wait, By item, String button, String status) {
        wait.until(
                d -> {
                    d.findElement(item)
                            .findElement(By.cssSelector("[data-testid=suggestion-" + button + "]"))
                            .click();
                    return true;
                });
        wait.until(
                d -> {
                    WebElement e = d.findElement(item);
                    if (!e.findElements(By.cssSelector("[data-testid=suggestion-error]"))
                            .isEmpty()) {
                        throw new AssertionError(
                                "the console reports an error after "
                                        + button
                                        + ": "
                                        + e.getText());
                    }
                    return status.equals(e.getDomAttribute("data-status"));
                });
    }

    /** Checks the item of a suggestion shows its district, place, reason and dwell. */
    private static String assertShows(WebDriverWait wait, PatrolSuggestion s) {
        By item =
                By.cssSelector(
                        "[data-testid=suggestion-item][data-suggestion-id='"
                                + s.suggestionId()
                                + "']");
        String text = wait.until(d -> d.findElement(item).getText());
        assertThat(text)
                .contains(s.district())
                .contains("Patrol " + s.dwellMinutes() + " min")
                .contains(
                        String.format(
                                java.util.Locale.ROOT,
                                "near %.4f, %.4f",
                                s.centroid().lat(),
                                s.centroid().lon()))
                .contains(s.cell())
                .contains("Why " + s.reason());
        return text;
    }

    private static String lastCue(WebDriver browser) {
        return (String) js(browser).executeScript("return document.body.dataset.lastCue;");
    }

    private static PatrolSuggestion suggestionInRedis(String id) {
        String json = redis(r -> r.get(RedisKeys.suggestion(id)));
        assertThat(json).as("suggestion %s in Redis", id).isNotNull();
        return Json.decodeSuggestion(json);
    }

    /** Seconds left on the item's dwell countdown, or null while it shows none. */
    private static Integer countdownSeconds(WebDriver browser, By item) {
        var found =
                browser.findElement(item)
                        .findElements(By.cssSelector("[data-testid=dwell-countdown]"));
        if (found.isEmpty()) return null;
        Matcher m = COUNTDOWN.matcher(found.get(0).getText());
        return m.find() ? Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2)) : null;
    }

    /**
     * Every suggestion on the console belongs to the dispatcher's district (badge and record).
     * Returns the ids shown.
     */
    private static List<String> assertOnlyOwnDistrict(WebDriver browser) {
        // read in one script: the list may re-render between two WebDriver calls
        @SuppressWarnings("unchecked")
        List<List<String>> shown =
                (List<List<String>>)
                        js(browser)
                                .executeScript(
                                        "return [...document.querySelectorAll("
                                                + "'[data-testid=suggestion-item]')].map(e =>"
                                                + " [e.dataset.suggestionId,"
                                                + " e.querySelector('.district-badge')"
                                                + ".textContent]);");
        assertThat(shown).isNotEmpty();
        for (List<String> s : shown) {
            assertThat(s.get(1)).as("district badge of %s", s.get(0)).isEqualTo(DISTRICT);
            assertThat(suggestionInRedis(s.get(0)).district()).isEqualTo(DISTRICT);
        }
        return shown.stream().map(s -> s.get(0)).toList();
    }

    /** HTTP statuses of the console's feedback calls for a suggestion, in order (Chrome's log). */
    private static List<Integer> feedbackStatuses(WebDriver browser, String id) {
        String path = "/api/suggestions/" + id + "/feedback";
        List<Integer> out = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
            var message = Json.tree(e.getMessage()).path("message");
            if (!"Network.responseReceived".equals(message.path("method").asText())) continue;
            var response = message.path("params").path("response");
            if (response.path("url").asText().endsWith(path)) {
                out.add(response.path("status").asInt());
            }
        }
        return out;
    }

    private static WebDriverWait waitFor(WebDriver browser) {
        var wait = new WebDriverWait(browser, WAIT);
        // re-renders replace elements; a toast may briefly cover a button (the click is retried)
        wait.ignoring(StaleElementReferenceException.class);
        wait.ignoring(ElementClickInterceptedException.class);
        return wait;
    }

    private static void signIn(WebDriver browser, WebDriverWait wait, String user) {
        browser.get("http://localhost:" + stack.gateway().port() + "/");
        wait.until(d -> d.findElement(By.cssSelector("body[data-ready]")));
        WebElement field = browser.findElement(By.cssSelector("[data-testid=login-user]"));
        field.clear();
        field.sendKeys(user);
        wait.until(
                        ExpectedConditions.elementToBeClickable(
                                By.cssSelector("[data-testid=login-button]")))
                .click();
        wait.until(
                ExpectedConditions.attributeToBe(
                        By.cssSelector("[data-testid=connection-indicator]"),
                        "data-state",
                        "open"));
    }

    private static WebDriver chromium(boolean networkLog) {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--window-size=1500,950");
        if (networkLog) {
            var logs = new LoggingPreferences();
            logs.enable(LogType.PERFORMANCE, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            options.setExperimentalOption(
                    "perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        }
        var service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    private static JavascriptExecutor js(WebDriver browser) {
        return (JavascriptExecutor) browser;
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path shot = Path.of("target", "screenshots", name);
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static void confirmDialogIfShown(WebDriver browser) {
        var confirm = browser.findElements(By.cssSelector("[data-testid=dialog-confirm]"));
        if (!confirm.isEmpty() && confirm.get(0).isDisplayed()) confirm.get(0).click();
    }

    /** The policy with rounds every {@code cycle}. */
    private static PatrolConfig withCycle(PatrolConfig p, Duration cycle) {
        return new PatrolConfig(
                cycle,
                p.placesPerCycle(),
                p.placesPerAlert(),
                p.dwellMinutes(),
                p.validFor(),
                p.visitTimeout(),
                p.maxVisitsPerCellPerDay(),
                p.coolDown(),
                p.declineBlock(),
                p.maxCellShare(),
                p.maxNeighbourhoodShare(),
                p.neighbourhoodResolution(),
                p.minSpacingRings(),
                p.poolSize(),
                p.alertWeight(),
                p.riskHalfLife(),
                p.staleAfter(),
                p.quietAfter(),
                p.enforcementTypes(),
                p.ignoredTypes(),
                p.zone(),
                p.seed());
    }

    /** Waits until the job has caught up with the history (the view shows recent cells). */
    private static void awaitHistoryProcessed() throws InterruptedException {
        long target = liveFrom.minus(Duration.ofMinutes(30)).toEpochMilli();
        awaitRedis(
                r -> {
                    for (String district : r.smembers(RedisKeys.DISTRICTS)) {
                        for (String cell : r.zrange(RedisKeys.ranked(district, 180), 0, -1)) {
                            String at = r.hget(RedisKeys.cell(cell, 180), "updatedAt");
                            if (at != null && Long.parseLong(at) >= target) return true;
                        }
                    }
                    return null;
                },
                "the job to process the history");
    }

    /**
     * Waits for a suggestion on the board of the dispatcher's district that is not among {@code
     * known} and stays valid for a while by the clock: one made for an alert, or after a minute
     * (since {@code since}, a nanoTime) any new one (a round's).
     */
    private static PatrolSuggestion awaitNewSuggestion(Set<String> known, long since)
            throws InterruptedException {
        return awaitRedis(
                r -> {
                    Instant until = Instant.now().plus(VALIDITY_MARGIN);
                    boolean any = System.nanoTime() - since > Duration.ofMinutes(1).toNanos();
                    return r.hgetall(RedisKeys.suggestions(DISTRICT)).values().stream()
                            .map(Json::decodeSuggestion)
                            .filter(s -> !known.contains(s.suggestionId()))
                            .filter(s -> s.validUntil().isAfter(until))
                            .filter(s -> any || s.alertId() != null)
                            .max(
                                    Comparator.comparing(
                                                    (PatrolSuggestion s) -> s.alertId() != null)
                                            .thenComparing(PatrolSuggestion::createdAt))
                            .orElse(null);
                },
                "a new suggestion in " + DISTRICT,
                // without one for the alert: the next round, up to a cycle and the watermark's
                // lag away
                CYCLE.plus(Duration.ofMinutes(3)));
    }

    /** What the job made of the cluster when no suggestion came for its alert (for the log). */
    private static void reportNoAlertSuggestion(String place, Instant last) {
        System.out.printf(
                "no suggestion for an alert at %s (calls up to %s) within a minute: a round's"
                        + " instead%n",
                place, last);
        redis(
                r -> {
                    for (var m :
                            r.xrange(
                                    RedisKeys.ALERT_STREAM,
                                    io.lettuce.core.Range.create("-", "+"))) {
                        String a = m.getBody().get(RedisKeys.STREAM_FIELD_ALERT);
                        if (a != null && a.contains(place)) System.out.println("  alert " + a);
                    }
                    return null;
                });
    }

    /**
     * A cell of the dispatcher's district where the planner may send a unit now: no visit there
     * today or yesterday (daily cap, cool-down, active suggestion) and its neighbourhood well under
     * its share of the day's patrol minutes; the nearest such cell to a point in the north.
     */
    private static String placeForAlert() throws InterruptedException {
        LocalDate date = LocalDate.now(policy.zone());
        String today = date.toString();
        String yesterday = date.minusDays(1).toString();
        // the dosage has its own sink, which may lag the boards after the history: wait until
        // today's holds every place on the district's board suggested today
        Map<String, String> minutes =
                awaitRedis(
                        r -> {
                            Map<String, String> m = r.hgetall(RedisKeys.dosage(DISTRICT, today));
                            if (m.isEmpty()) return null;
                            for (String json : r.hvals(RedisKeys.suggestions(DISTRICT))) {
                                var s = Json.decodeSuggestion(json);
                                boolean ofToday =
                                        date.equals(
                                                s.createdAt().atZone(policy.zone()).toLocalDate());
                                if (ofToday && !m.containsKey(s.cell())) return null;
                            }
                            return m;
                        },
                        "the dosage of " + DISTRICT + " on " + today + " to catch up");
        Set<String> visited = new HashSet<>(minutes.keySet());
        visited.addAll(redis(r -> r.hkeys(RedisKeys.dosage(DISTRICT, yesterday))));
        Map<String, Long> byNeighbourhood = new java.util.HashMap<>();
        long total = 0;
        for (var e : minutes.entrySet()) {
            long m = Long.parseLong(e.getValue());
            byNeighbourhood.merge(PatrolPlanner.neighbourhoodOf(e.getKey(), policy), m, Long::sum);
            total += m;
        }
        long cap = (long) (0.15 * total);
        var synthetic = new SyntheticCity(city);
        String start = synthetic.grid().cellOf(29.48, -98.50);
        return io.beatwatch.core.grid.H3Grid.ring(start, 25).stream()
                .sorted(
                        Comparator.comparingLong(
                                c -> io.beatwatch.core.grid.H3Grid.distance(start, c)))
                .filter(
                        c -> {
                            var p = io.beatwatch.core.grid.H3Grid.centroid(c);
                            return DISTRICT.equals(synthetic.districtOf(p.lat(), p.lon()))
                                    && jobConfig.bounds().contains(p.lat(), p.lon());
                        })
                .filter(c -> !visited.contains(c))
                .filter(
                        c ->
                                byNeighbourhood.getOrDefault(
                                                PatrolPlanner.neighbourhoodOf(c, policy), 0L)
                                        <= cap)
                .findFirst()
                .orElse(start);
    }

    /**
     * Waits until the gateway has read the boards from Redis after {@code t}: two map polls ended
     * after it (polls run one after the other, so the second started after {@code t}).
     */
    private static void awaitGatewayPollStartedAfter(Instant t) throws Exception {
        String token = stack.gateway().devTokens().flatMap(x -> x.forDevUser("ops1")).orElseThrow();
        var http = HttpClient.newHttpClient();
        var request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://localhost:"
                                                + stack.gateway().port()
                                                + "/api/status"))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(10))
                        .build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        Instant first = null;
        while (System.nanoTime() < deadline) {
            var body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            var at = Json.tree(body).path("lastMapPoll").asText(null);
            Instant polled = at == null ? null : Instant.parse(at);
            if (polled != null && polled.isAfter(t)) {
                if (first == null) first = polled;
                else if (polled.isAfter(first)) return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the gateway did not poll the view within " + WAIT);
    }

    /** Polls Redis until {@code probe} gives a value (bounded: 5 minutes). */
    private static <T> T awaitRedis(Function<RedisCommands<String, String>, T> probe, String what)
            throws InterruptedException {
        return awaitRedis(probe, what, Duration.ofMinutes(5));
    }

    /** Polls Redis until {@code probe} gives a value, at most {@code limit}. */
    private static <T> T awaitRedis(
            Function<RedisCommands<String, String>, T> probe, String what, Duration limit)
            throws InterruptedException {
        RedisClient client = RedisClient.create(stack.redis().uri());
        try (var c = client.connect()) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                T value = probe.apply(c.sync());
                if (value != null) return value;
                Thread.sleep(500);
            }
            throw new AssertionError("timed out after " + limit + " waiting for " + what);
        } finally {
            client.shutdown();
        }
    }

    private static <T> T redis(Function<RedisCommands<String, String>, T> read) {
        RedisClient client = RedisClient.create(stack.redis().uri());
        try (var c = client.connect()) {
            return read.apply(c.sync());
        } finally {
            client.shutdown();
        }
    }

    /** Sixteen calls of mixed types at one quiet cell of EAST, now: a new cluster. */
    private static String produceCluster() throws Exception {
        String cell = new SyntheticCity(city).grid().cellOf(29.44, -98.43);
        var centre = io.beatwatch.core.grid.H3Grid.centroid(cell);
        produceCluster(centre.lat(), centre.lon(), "EAST", "browser-it-");
        return cell;
    }

    /**
     * Sixteen calls of mixed types at the cell of a point, one a second from now (the feed is live:
     * calls come at their own time, as a CAD system sends them). Returns the last one's time.
     */
    private static Instant produceCluster(double lat, double lon, String district, String prefix)
            throws Exception {
        var centre =
                io.beatwatch.core.grid.H3Grid.centroid(
                        new SyntheticCity(city).grid().cellOf(lat, lon));
        List<String> types =
                List.of(
                        "Burglary",
                        "Assault",
                        "Theft",
                        "Vandalism",
                        "Fight",
                        "Shots Fired",
                        "Disturbance",
                        "Suspicious Person");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant last = now;
        try (var producer = stack.kafka().newProducer()) {
            for (int i = 0; i < 16; i++) {
                last = now.plusSeconds(i);
                var call =
                        call(
                                prefix + i,
                                last,
                                types.get(i % types.size()),
                                district,
                                centre.lat(),
                                centre.lon());
                producer.send(
                        new ProducerRecord<>(stack.topics().calls(), call.id(), Json.encode(call)));
            }
            producer.flush();
        }
        if (last.isAfter(produced)) produced = last;
        return last;
    }

    /**
     * One call late enough that the job's watermark passes {@code t} (and every call this test
     * produced before): the watermark trails the newest event time by the out-of-orderness and
     * moves in steps of 10 s.
     */
    private static void moveEventTimePast(Instant t) throws Exception {
        Instant from = t.isAfter(produced) ? t : produced;
        produceCallAt(from.plus(jobConfig.outOfOrderness()).plus(Duration.ofSeconds(15)));
    }

    /** One call at {@code t} in the south of the city. */
    private static void produceCallAt(Instant t) throws Exception {
        var c =
                call(
                        "browser-it-clock-" + t.toEpochMilli(),
                        t,
                        "Disturbance",
                        "SOUTH",
                        29.36,
                        -98.49);
        try (var producer = stack.kafka().newProducer()) {
            producer.send(new ProducerRecord<>(stack.topics().calls(), c.id(), Json.encode(c)))
                    .get();
        }
        if (t.isAfter(produced)) produced = t;
    }

    private static CallForService call(
            String id, Instant at, String type, String district, double lat, double lon) {
        return new CallForService(
                CallForService.VERSION,
                id,
                at,
                type,
                null,
                null,
                null,
                null,
                false,
                null,
                district,
                null,
                lat,
                lon,
                null,
                "browser-it");
    }
}
