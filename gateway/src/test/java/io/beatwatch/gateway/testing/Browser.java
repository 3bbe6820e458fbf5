package io.beatwatch.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatwatch.gateway.internal.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for the console's browser tests: start it, sign in with a dev user,
 * run axe-core (WCAG 2.1 A/AA) and take screenshots into docs/screenshots/.
 */
public final class Browser {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Duration WAIT = Duration.ofSeconds(30);

    /** axe-core from its WebJar (the version pinned in the parent pom). */
    public static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    public static final List<String> WCAG_21_AA =
            List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private Browser() {}

    public static boolean present() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Skips the test where Debian's chromium and chromium-driver are not installed. */
    public static void assumePresent() {
        assumeTrue(
                present(),
                "browser tests skipped: install Debian's chromium and chromium-driver"
                        + " (bin/beatwatch test does it as root)");
    }

    /** A headless Chromium with the window size given. */
    public static WebDriver chromium(int width, int height) {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--lang=en-US",
                "--window-size=" + width + "," + height);
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    /** A bounded wait that retries past elements a re-render replaced. */
    public static WebDriverWait waitFor(WebDriver browser) {
        var wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    public static JavascriptExecutor js(WebDriver browser) {
        return (JavascriptExecutor) browser;
    }

    /** Opens the console at {@code url} and signs in as a dev user through the sign-in form. */
    public static void signIn(WebDriver browser, String url, String user) {
        browser.get(url);
        var wait = waitFor(browser);
        wait.until(d -> js(d).executeScript("return document.body.dataset.ready === 'true'"));
        var field = browser.findElement(By.cssSelector("[data-testid=login-user]"));
        field.clear();
        field.sendKeys(user);
        browser.findElement(By.cssSelector("[data-testid=login-button]")).click();
        awaitConnected(browser);
    }

    /** Waits until the console's connection indicator says open; fails with what the page said. */
    public static void awaitConnected(WebDriver browser) {
        var indicator = By.cssSelector("[data-testid=connection-indicator]");
        try {
            waitFor(browser)
                    .until(d -> "open".equals(d.findElement(indicator).getAttribute("data-state")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "console not connected: state "
                            + browser.findElement(indicator).getAttribute("data-state")
                            + ", title "
                            + browser.findElement(indicator).getAttribute("title")
                            + ", login message '"
                            + browser.findElement(By.cssSelector("[data-testid=login-message]"))
                                    .getText()
                            + "', browser log "
                            + consoleLog(browser),
                    e);
        }
    }

    /** Runs axe-core in the page at WCAG 2.1 A and AA; fails with every violation listed. */
    public static void assertNoAxeViolations(WebDriver browser, String what) throws Exception {
        var js = js(browser);
        try (var in = Browser.class.getResourceAsStream(AXE)) {
            assertThat(in).as("axe-core WebJar on the test classpath").isNotNull();
            js.executeScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        browser.manage().timeouts().scriptTimeout(WAIT);
        var result =
                (String)
                        js.executeAsyncScript(
                                "const done = arguments[arguments.length - 1];"
                                        + " axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
                                        + " resultTypes: ['violations']})"
                                        + ".then(r => done(JSON.stringify(r.violations.map(v => ({"
                                        + " id: v.id, impact: v.impact, help: v.help,"
                                        + " nodes: v.nodes.map(n => n.target.join(' ') + ' :: '"
                                        + " + n.failureSummary)})))))"
                                        + ".catch(e => done('ERROR ' + e));",
                                WCAG_21_AA);
        assertThat(result).as("axe-core run on " + what).doesNotStartWith("ERROR");
        assertThat(Json.tree(result))
                .as("WCAG 2.1 AA violations on " + what + ": " + result)
                .isEmpty();
    }

    /** A screenshot of the window as it is, into docs/screenshots/ of the repository. */
    public static Path screenshot(WebDriver browser, String name) throws Exception {
        js(browser).executeScript("document.activeElement?.blur();");
        var dir = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("screenshots");
        Files.createDirectories(dir);
        var file = dir.resolve(name);
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Resizes the window (tablet, wall display). */
    public static void resize(WebDriver browser, int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
    }

    /** The browser's console log, for failure messages. */
    public static String consoleLog(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().toString();
    }
}
