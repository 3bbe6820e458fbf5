package io.beatwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.SyntheticFeed;
import io.lettuce.core.RedisClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium against the whole system in this JVM (Redis, Kafka,
 * Flink, gateway): a supervisor signs in, a cluster of calls produced into Kafka shows up as an
 * alert, and acknowledging it works. Skipped, with the reason, where Debian's chromium and
 * chromium-driver are not installed ({@code bin/beatwatch test} installs them when it can).
 */
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration HISTORY = Duration.ofDays(4);
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static DemoStack stack;
    private static Instant historyEnd;
    private static SyntheticCityConfig city;

    @BeforeAll
    static void startEverything() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: install Debian's chromium and chromium-driver"
                        + " (bin/beatwatch test does it as root)");
        historyEnd = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        city =
                SyntheticCityConfig.defaults()
                        .withPeriod(historyEnd.minus(HISTORY), HISTORY)
                        .withBursts(false);
        var d = HotspotJobConfig.defaults(SyntheticFeed.bounds(city), Set.of()).detection();
        var jobConfig =
                HotspotJobConfig.defaults(SyntheticFeed.bounds(city), Set.of())
                        .withDetection(d.withBaseline(d.baselineDays(), 1, 3))
                        .withSource("browser-it");
        stack =
                DemoStack.start(
                        new DemoStack.Options(
                                0,
                                new SyntheticFeed(city),
                                historyEnd.plus(Duration.ofDays(365)),
                                1,
                                jobConfig),
                        new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) stack.close();
    }

    @Test
    void supervisorSeesAnAlertForCallsProducedIntoKafkaAndAcknowledgesIt() throws Exception {
        awaitHistoryProcessed();
        WebDriver browser = chromium();
        try {
            var wait = new WebDriverWait(browser, WAIT);
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            browser.get("http://localhost:" + stack.gateway().port() + "/");
            wait.until(d -> d.findElement(By.cssSelector("body[data-ready]")));
            WebElement user = browser.findElement(By.cssSelector("[data-testid=login-user]"));
            user.clear();
            user.sendKeys("sup1");
            wait.until(
                            ExpectedConditions.elementToBeClickable(
                                    By.cssSelector("[data-testid=login-button]")))
                    .click();
            wait.until(
                    ExpectedConditions.attributeToBe(
                            By.cssSelector("[data-testid=connection-indicator]"),
                            "data-state",
                            "open"));

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
            assertThat(acknowledgementsInRedis()).isPositive();

            Path shot = Path.of("target", "screenshots", "console-alert-acknowledged.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    private static WebDriver chromium() {
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
        var service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    private static void confirmDialogIfShown(WebDriver browser) {
        var confirm = browser.findElements(By.cssSelector("[data-testid=dialog-confirm]"));
        if (!confirm.isEmpty() && confirm.get(0).isDisplayed()) confirm.get(0).click();
    }

    /** Waits until the job has counted the last hour of history (the view shows it). */
    private static void awaitHistoryProcessed() throws InterruptedException {
        RedisClient client = RedisClient.create(stack.redis().uri());
        try (var c = client.connect()) {
            var r = c.sync();
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            long target = historyEnd.minus(Duration.ofHours(2)).toEpochMilli();
            while (System.nanoTime() < deadline) {
                for (String district : r.smembers(io.beatwatch.core.view.RedisKeys.DISTRICTS)) {
                    for (String cell :
                            r.zrange(
                                    io.beatwatch.core.view.RedisKeys.ranked(district, 180),
                                    0,
                                    -1)) {
                        String at =
                                r.hget(
                                        io.beatwatch.core.view.RedisKeys.cell(cell, 180),
                                        "updatedAt");
                        if (at != null && Long.parseLong(at) >= target) return;
                    }
                }
                Thread.sleep(500);
            }
            throw new AssertionError("the job did not process the history within 4 minutes");
        } finally {
            client.shutdown();
        }
    }

    /** Sixteen calls of mixed types at one quiet cell, just after the history: a new cluster. */
    private static String produceCluster() throws Exception {
        var grid = new SyntheticCity(city).grid();
        String cell = grid.cellOf(29.44, -98.43);
        var centre = io.beatwatch.core.grid.H3Grid.centroid(cell);
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
        try (var producer = stack.kafka().newProducer()) {
            for (int i = 0; i < 16; i++) {
                var call =
                        new CallForService(
                                CallForService.VERSION,
                                "browser-it-" + i,
                                historyEnd.plus(Duration.ofMinutes(1 + i)),
                                types.get(i % types.size()),
                                null,
                                null,
                                null,
                                null,
                                false,
                                null,
                                "EAST",
                                null,
                                centre.lat(),
                                centre.lon(),
                                null,
                                "browser-it");
                producer.send(
                        new ProducerRecord<>(stack.topics().calls(), call.id(), Json.encode(call)));
            }
            producer.flush();
        }
        return cell;
    }

    private static long acknowledgementsInRedis() {
        RedisClient client = RedisClient.create(stack.redis().uri());
        try (var c = client.connect()) {
            return c.sync().hlen(io.beatwatch.core.view.RedisKeys.ALERT_ACTIONS);
        } finally {
            client.shutdown();
        }
    }
}
