package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.PublicCall;
import io.beatwatch.core.privacy.SensitiveRule;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.testing.Browser;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.gateway.transparency.DailyDownloads;
import io.beatwatch.gateway.view.Hexes;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public transparency page and the anonymous tip form in a real headless Chromium, against a
 * gateway fed ten weeks of calls through a real Kafka broker (and patrol minutes through a real
 * Redis). Checks the map, its table, the district trends, patrol minutes and downloads; that no
 * cell below k, no sensitive or officer-initiated call and nothing of the day in progress reaches
 * the page or a download; the language switch; a tip sent from the form reaching the tips topic
 * scrubbed and as a cell centre, and never appearing on the public page; and axe-core (WCAG 2.1
 * A/AA) with zero violations on both pages in both languages. Takes the screenshots of
 * docs/screenshots/. Skipped where Debian's chromium and chromium-driver are not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicPageBrowserIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** The job's public calls (sensitivity decided at decode), the page's only input. */
    static final String PUBLIC_CALLS_TOPIC = "it.public.calls." + System.nanoTime();

    /** How the job decides sensitivity at decode (a city without a profile). */
    static final SensitiveRule RULE = SensitiveRule.defaults();

    static final String TIPS_TOPIC = "it.public.tips." + System.nanoTime();
    static final int HISTORY_DAYS = 70;
    static final int RECENT_DAYS = 28;

    /** The middle of the synthetic area, and the districts by position. */
    static final double LAT = 29.4241;

    static final double LON = -98.4936;

    /** Traps: cells whose calls must never be published. */
    static final String LOW = Hexes.cellAt(29.3300, -98.4936, 8);

    static final String SENSITIVE = Hexes.cellAt(29.3300, -98.4400, 8);
    static final String OFFICER = Hexes.cellAt(29.3300, -98.5500, 8);
    static final String TODAY = Hexes.cellAt(29.3000, -98.4936, 8);

    /** The tip's text: a phone number the gateway must scrub. */
    static final String TIP_TEXT =
            "people dealing from a white van every evening, call 210-555-0147";

    static final String TIP_MARKER = "white van every evening";

    static TestServices services;
    static GatewayFixture gw;
    static Instant now;
    static LocalDate lastDay;

    /** The published cell-days the data must show: cell to date to count. */
    static final Map<String, Map<LocalDate, Integer>> EXPECTED = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        Browser.assumePresent();
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        services.kafka().createTopics(2, PUBLIC_CALLS_TOPIC);
        services.kafka().createTopics(1, TIPS_TOPIC);
        now = Instant.now();
        var feed = GatewayConfig.PublicFeed.defaults();
        // the last published day: the last one over by the delay
        lastDay = now.minus(feed.delay()).atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
        services.produce(PUBLIC_CALLS_TOPIC, history());
        patrolMinutes();
        var base = GatewayFixture.config(services);
        var t = base.topics();
        gw =
                GatewayFixture.start(
                        base.topics(
                                        new GatewayConfig.Topics(
                                                TIPS_TOPIC,
                                                t.patrolFeedback(),
                                                t.cfs(),
                                                PUBLIC_CALLS_TOPIC))
                                .publicFeed(
                                        feed.withRefreshInterval(Duration.ofSeconds(1))
                                                .withZone(ZoneOffset.UTC))
                                .publicPage(
                                        GatewayConfig.PublicPage.defaults()
                                                .withImpactFile(impactFile()))
                                .build());
        awaitAllHistoryPublished();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) gw.close();
        if (services != null) services.close();
    }

    /** A small planted result, as {@code bin/beatwatch impact} writes it. */
    static Path impactFile() throws Exception {
        var f =
                Files.createTempFile(
                        Path.of(System.getProperty("java.io.tmpdir")), "figures", ".json");
        Files.writeString(
                f, "{\"planted\":-0.2,\"estimate\":-0.18,\"ci95\":[-0.27,-0.09],\"wdq\":0.31}");
        return f;
    }

    static String district(String cell) {
        var c = Hexes.center(cell);
        return c.lat >= LAT ? "NORTH" : c.lng >= LON ? "EAST" : "SOUTH";
    }

    /**
     * Ten weeks of calls: 37 cells around the centre with 6..10 calls a day, NORTH's up by half and
     * EAST's down by 3 in the last four weeks (so some EAST cell-days fall below k), plus the
     * traps.
     */
    static List<Map.Entry<String, String>> history() {
        var out = new ArrayList<Map.Entry<String, String>>();
        var cells = new ArrayList<>(Hexes.h3().gridDisk(Hexes.cellAt(LAT, LON, 8), 3));
        cells.sort(null);
        int seq = 0;
        for (int day = 0; day < HISTORY_DAYS; day++) {
            var date = lastDay.minusDays(HISTORY_DAYS - 1 - day);
            boolean recent = day >= HISTORY_DAYS - RECENT_DAYS;
            var noon = date.atTime(12, 0).toInstant(ZoneOffset.UTC);
            for (int i = 0; i < cells.size(); i++) {
                var cell = cells.get(i);
                var d = district(cell);
                int n = 6 + (i * 7 + day * 3) % 5;
                if (recent && d.equals("NORTH")) n = n * 3 / 2;
                if (recent && d.equals("EAST")) n -= 3;
                var c = Hexes.center(cell);
                for (int j = 0; j < n; j++) {
                    out.add(
                            call(
                                    "h" + seq++,
                                    noon.plusSeconds(j * 60L),
                                    "DISTURBANCE",
                                    null,
                                    false,
                                    d,
                                    c.lat,
                                    c.lng));
                }
                if (n >= 5) EXPECTED.computeIfAbsent(cell, x -> new TreeMap<>()).put(date, n);
            }
            trap(out, LOW, 4, noon, "THEFT", null, false);
            trap(out, SENSITIVE, 8, noon, "DOMESTIC DISTURBANCE", null, false);
            trap(out, SENSITIVE, 6, noon.plusSeconds(3600), "DISTURBANCE", "SEXUAL ASSAULT", false);
            trap(out, OFFICER, 7, noon, "TRAFFIC STOP", null, true);
        }
        // the day in progress is never published
        var midnight = now.truncatedTo(ChronoUnit.DAYS);
        var today = midnight.plus(Duration.between(midnight, now).dividedBy(2));
        trap(out, TODAY, 9, today, "DISTURBANCE", null, false);
        return out;
    }

    static void trap(
            List<Map.Entry<String, String>> out,
            String cell,
            int n,
            Instant at,
            String type,
            String typeFinal,
            boolean officer) {
        var c = Hexes.center(cell);
        for (int j = 0; j < n; j++) {
            var e =
                    call(
                            "t-" + cell + "-" + at + "-" + j,
                            at.plusSeconds(j),
                            type,
                            typeFinal,
                            officer,
                            "SOUTH",
                            c.lat,
                            c.lng);
            // the sensitive trap is hidden because the job marks it so, and only that trap is
            boolean sensitive = e.getValue().contains("\"sensitive\":true");
            if (sensitive != cell.equals(SENSITIVE)) {
                throw new AssertionError(type + "/" + typeFinal + " marked sensitive=" + sensitive);
            }
            out.add(e);
        }
    }

    static Map.Entry<String, String> call(
            String id,
            Instant at,
            String type,
            String typeFinal,
            boolean officer,
            String district,
            double lat,
            double lon) {
        var c =
                new CallForService(
                        CallForService.VERSION,
                        id,
                        at,
                        type,
                        type,
                        typeFinal,
                        "disorder",
                        2,
                        officer,
                        null,
                        district,
                        null,
                        lat,
                        lon,
                        "100 BLOCK OF SECRET ST",
                        "browser-it");
        // what the job writes at decode: sensitivity decided there (the default rule here)
        var pc = PublicCall.of(c, RULE.isSensitive(c));
        return Map.entry(id, Json.write(pc));
    }

    /** Dosage summaries of the last week, as the patrol job writes them. */
    static void patrolMinutes() {
        var r = services.redis();
        for (int i = 0; i < 7; i++) {
            var date = lastDay.minusDays(i).toString();
            r.hset(
                    RedisKeys.dosageSummary(date),
                    "NORTH",
                    "{\"minutes\":" + (90 + i * 10) + ",\"visits\":8}");
            r.hset(RedisKeys.dosageSummary(date), "SOUTH", "{\"minutes\":45,\"visits\":5}");
            // too few visits to publish
            r.hset(RedisKeys.dosageSummary(date), "EAST", "{\"minutes\":30,\"visits\":2}");
        }
    }

    static int expectedCellDays() {
        return EXPECTED.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Set-up, not a measurement: the public page builds the history from Kafka at its own pace,
     * which on a loaded machine (CI beside other runs) took longer than a browser wait.
     */
    static void awaitAllHistoryPublished() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int rows = -1;
        while (System.nanoTime() < deadline) {
            var csv = gw.get("/public/downloads/daily-cells.csv", null).body();
            rows = (int) csv.lines().count() - 1;
            if (rows == expectedCellDays()) return;
            Thread.sleep(250);
        }
        throw new AssertionError(
                "published " + rows + " cell-days, expected " + expectedCellDays());
    }

    @Test
    @Order(1)
    void theDataAndDownloadsPublishOnlyCompleteDaysAtOrAboveKWithoutSensitiveCalls()
            throws Exception {
        var data = Json.tree(gw.get("/public/daily.json", null).body());
        assertThat(data.path("metadata").path("to").asText()).isEqualTo(lastDay.toString());
        assertThat(data.path("metadata").path("licence").path("name").asText())
                .isEqualTo("CC BY 4.0");
        var published = new TreeMap<String, Map<LocalDate, Integer>>();
        for (var day : data.path("days")) {
            var date = LocalDate.parse(day.path("date").asText());
            day.path("cells")
                    .fields()
                    .forEachRemaining(
                            e ->
                                    published
                                            .computeIfAbsent(e.getKey(), x -> new TreeMap<>())
                                            .put(date, e.getValue().asInt()));
        }
        assertThat(published).isEqualTo(EXPECTED);

        var csv = download("/public/downloads/daily-cells.csv", "text/csv");
        var geo = download("/public/downloads/daily-cells.geojson", "application/geo+json");
        var districts = download("/public/downloads/daily-districts.csv", "text/csv");
        var dictionary = download("/public/downloads/data-dictionary.txt", "text/plain");
        assertThat(csv.body().lines().findFirst()).contains(DailyDownloads.CELLS_HEADER);
        assertThat(
                        csv.body()
                                .lines()
                                .skip(1)
                                .mapToInt(
                                        l -> Integer.parseInt(l.substring(l.lastIndexOf(',') + 1))))
                .allMatch(n -> n >= 5)
                .hasSize(expectedCellDays());
        assertThat(Json.tree(geo.body()).path("features").size()).isEqualTo(expectedCellDays());
        assertThat(districts.body().lines()).first().isEqualTo(DailyDownloads.DISTRICTS_HEADER);
        assertThat(dictionary.body()).contains("CC BY 4.0");
        assertThat(csv.headers().firstValue("Link"))
                .hasValueSatisfying(v -> assertThat(v).contains("license"));
        for (var text : List.of(data.toString(), csv.body(), geo.body(), districts.body())) {
            assertThat(text)
                    .doesNotContain(LOW)
                    .doesNotContain(SENSITIVE)
                    .doesNotContain(OFFICER)
                    .doesNotContain(TODAY)
                    .doesNotContain("\"date\":\"" + now.atZone(ZoneOffset.UTC).toLocalDate())
                    .doesNotContain("\n" + now.atZone(ZoneOffset.UTC).toLocalDate() + ",")
                    .doesNotContain("SECRET")
                    .doesNotContain("DISTURBANCE")
                    .doesNotContain("TRAFFIC");
        }
        // the four-week trend: NORTH up by about half, SOUTH unchanged
        var trends = new HashMap<String, JsonNode>();
        data.path("trends")
                .path("districts")
                .forEach(d -> trends.put(d.path("district").asText(), d));
        assertThat(trends.get("NORTH").path("verdict").asText()).isEqualTo("higher");
        assertThat(trends.get("SOUTH").path("verdict").asText()).isEqualTo("unclear");
        assertThat(trends.get("EAST").path("verdict").asText()).isEqualTo("lower");
    }

    static HttpResponse<String> download(String path, String type) throws Exception {
        var r = gw.get(path, null);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith(type));
        return r;
    }

    @Test
    @Order(2)
    void publicPageShowsTheMapTrendsPatrolsAndDownloadsInEnglishThenSpanish() throws Exception {
        var browser = Browser.chromium(1280, 900);
        try {
            var wait = new WebDriverWait(browser, Browser.WAIT);
            browser.get(url("/public/?lang=en"));
            awaitReady(browser, wait);
            assertThat(browser.findElement(By.tagName("h1")).getText())
                    .isEqualTo("Public safety in numbers");

            // the map: one hexagon per cell with published calls in the default range (4 weeks)
            var from = lastDay.minusDays(RECENT_DAYS - 1);
            long inRange =
                    EXPECTED.values().stream()
                            .filter(m -> m.keySet().stream().anyMatch(d -> !d.isBefore(from)))
                            .count();
            assertThat(browser.findElements(By.cssSelector("[data-testid=map-hex]")))
                    .hasSize((int) inRange);
            assertThat(browser.findElements(By.cssSelector("[data-testid=legend] li")))
                    .isNotEmpty();
            int total =
                    EXPECTED.values().stream()
                            .flatMap(m -> m.entrySet().stream())
                            .filter(e -> !e.getKey().isBefore(from))
                            .mapToInt(Map.Entry::getValue)
                            .sum();
            assertThat(text(browser, "map-period"))
                    .contains(String.format(java.util.Locale.US, "%,d calls", total));
            // the same figures in the table
            browser.findElement(By.cssSelector("[data-testid=map-table-details] summary")).click();
            var counts = browser.findElements(By.cssSelector("[data-testid=map-row-count]"));
            assertThat(counts).hasSize((int) inRange);
            assertThat(
                            counts.stream()
                                    .mapToInt(c -> Integer.parseInt(c.getText().replace(",", "")))
                                    .sum())
                    .isEqualTo(total);

            // the map is keyboard operable
            var map = browser.findElement(By.cssSelector("[data-testid=map]"));
            map.sendKeys(Keys.ARROW_RIGHT);
            assertThat(text(browser, "map-focus")).startsWith("Area ").contains("calls");

            // a narrower date range: a single day
            setDate(browser, "range-from", lastDay);
            setDate(browser, "range-to", lastDay);
            long thatDay = EXPECTED.values().stream().filter(m -> m.containsKey(lastDay)).count();
            wait.until(
                    d -> d.findElements(By.cssSelector("[data-testid=map-hex]")).size() == thatDay);

            // trends by district, in name order, with their reading
            var rows = browser.findElements(By.cssSelector("[data-testid=trend-row]"));
            assertThat(rows)
                    .extracting(r -> r.getAttribute("data-district"))
                    .containsExactly("EAST", "NORTH", "SOUTH");
            assertThat(
                            rows.get(1)
                                    .findElement(By.cssSelector("[data-testid=trend-verdict]"))
                                    .getText())
                    .isEqualTo("Higher than before");
            assertThat(rows.get(2).getText()).contains("No clear change");
            // patrol minutes: NORTH and SOUTH, never EAST (too few visits)
            var patrols = browser.findElements(By.cssSelector("[data-testid=patrol-row]"));
            assertThat(patrols)
                    .extracting(WebElementText::of)
                    .anyMatch(s -> s.startsWith("NORTH"))
                    .noneMatch(s -> s.startsWith("EAST"));
            // the impact slot shows the latest result
            assertThat(text(browser, "impact-estimate")).contains("-0.18").contains("-0.27");
            // downloads link to the same figures, and the licence is named
            for (var id :
                    List.of(
                            "download-cells-csv",
                            "download-cells-geojson",
                            "download-districts-csv",
                            "download-dictionary")) {
                var href =
                        browser.findElement(By.cssSelector("[data-testid=" + id + "]"))
                                .getAttribute("href");
                assertThat(gw.get(java.net.URI.create(href).getPath(), null).statusCode())
                        .isEqualTo(200);
            }
            assertThat(text(browser, "licence-link")).isEqualTo("CC BY 4.0");

            // back to four weeks for the screenshot and the accessibility check
            setDate(browser, "range-from", from);
            Browser.assertNoAxeViolations(browser, "public page, English");
            screenshot(browser, "public-en.png");

            // Spanish
            new Select(browser.findElement(By.cssSelector("[data-testid=lang-select]")))
                    .selectByValue("es");
            wait.until(d -> "es".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            wait.until(
                    d ->
                            d.findElement(By.tagName("h1"))
                                    .getText()
                                    .equals("Seguridad pública en cifras"));
            assertThat(
                            browser.findElement(
                                            By.cssSelector(
                                                    "[data-testid=trend-row][data-district=NORTH]"))
                                    .getText())
                    .contains("Más que antes");
            assertThat(text(browser, "map-period")).contains("llamadas");
            assertThat(browser.getCurrentUrl()).contains("lang=es");
            // the table stays open across the switch: axe checks it in Spanish too
            assertThat(
                            browser.findElement(By.cssSelector("[data-testid=map-table-details]"))
                                    .getAttribute("open"))
                    .isNotNull();
            Browser.assertNoAxeViolations(browser, "public page, Spanish");
            screenshot(browser, "public-es.png");
            // the choice is kept on the next visit
            browser.get(url("/public/"));
            awaitReady(browser, wait);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                    .isEqualTo("es");
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(3)
    void aTipFromTheFormReachesTheTipsTopicScrubbedAndNeverThePublicPage() throws Exception {
        var before = gw.get("/public/daily.json", null).body();
        var browser = Browser.chromium(1280, 900);
        try {
            var wait = new WebDriverWait(browser, Browser.WAIT);
            browser.get(url("/public/tip?lang=en"));
            awaitReady(browser, wait);
            assertThat(text(browser, "tip-kept")).contains("Not kept: your internet address");
            // no contact field unless the tipster asks for one
            assertThat(
                            browser.findElement(By.cssSelector("[data-testid=tip-contact]"))
                                    .isDisplayed())
                    .isFalse();
            Browser.assertNoAxeViolations(browser, "tip form, English");
            screenshot(browser, "tip-en.png");

            new Select(browser.findElement(By.cssSelector("[data-testid=tip-category]")))
                    .selectByValue("drugs");
            browser.findElement(By.cssSelector("[data-testid=tip-text]")).sendKeys(TIP_TEXT);
            browser.findElement(By.cssSelector("[data-testid=tip-place]"))
                    .sendKeys("behind the laundromat");
            // pick with the keyboard: focus the map, move one step east, confirm
            var map = browser.findElement(By.cssSelector("[data-testid=tip-map]"));
            map.sendKeys(Keys.ARROW_RIGHT);
            map.sendKeys(Keys.ENTER);
            assertThat(text(browser, "tip-picked")).startsWith("Area picked");
            browser.findElement(By.cssSelector("[data-testid=tip-submit]")).click();
            var result =
                    wait.until(
                            d -> {
                                var r = d.findElement(By.cssSelector("[data-testid=tip-result]"));
                                return r.getText().isEmpty() ? null : r;
                            });
            assertThat(result.getText()).startsWith("Thank you");
            var reference = result.getAttribute("data-reference");
            assertThat(reference).matches("BW-[0-9A-F]{4}-[0-9A-F]{4}");

            // the tip on the topic: the reference's id, a cell centre, the phone removed
            var records = services.kafka().consume(TIPS_TOPIC, 1, Browser.WAIT);
            assertThat(records).hasSize(1);
            var tip = Json.tree(records.get(0).value());
            var id = tip.path("id").asText();
            assertThat(reference).isEqualTo(io.beatwatch.gateway.tips.TipForm.reference(id));
            var fields = new ArrayList<String>();
            tip.fieldNames().forEachRemaining(fields::add);
            assertThat(fields)
                    .containsExactlyInAnyOrder(
                            "v", "id", "receivedAt", "category", "lat", "lon", "text", "channel");
            assertThat(tip.path("text").asText())
                    .contains(TIP_MARKER)
                    .contains("[removed]")
                    .doesNotContain("555")
                    .contains("Place: behind the laundromat")
                    .contains("When: now");
            // the centre of a cell (to the intake's 5 decimals), not the point picked
            var cell = Hexes.cellAt(tip.path("lat").asDouble(), tip.path("lon").asDouble(), 9);
            var centre = Hexes.center(cell);
            assertThat(tip.path("lat").asDouble()).isCloseTo(centre.lat, within(1e-5));
            assertThat(tip.path("lon").asDouble()).isCloseTo(centre.lng, within(1e-5));

            // ...and never on the public page or its downloads
            Thread.sleep(2500); // two refreshes of the page's data
            var after = gw.get("/public/daily.json", null).body();
            assertThat(Json.tree(after).path("days")).isEqualTo(Json.tree(before).path("days"));
            for (var path :
                    List.of(
                            "/public/daily.json",
                            "/public/downloads/daily-cells.csv",
                            "/public/downloads/daily-cells.geojson",
                            "/public/downloads/daily-districts.csv",
                            "/public/hotspots.geojson")) {
                assertThat(gw.get(path, null).body())
                        .as(path)
                        .doesNotContain(TIP_MARKER)
                        .doesNotContain(id)
                        .doesNotContain(cell);
            }
            browser.get(url("/public/?lang=en"));
            awaitReady(browser, wait);
            assertThat(browser.getPageSource()).doesNotContain(TIP_MARKER).doesNotContain(id);

            // the form in Spanish
            browser.get(url("/public/tip?lang=es"));
            awaitReady(browser, wait);
            assertThat(browser.findElement(By.tagName("h1")).getText())
                    .isEqualTo("Enviar un aviso anónimo");
            browser.findElement(By.cssSelector("[data-testid=tip-contact-optin]")).click();
            assertThat(
                            browser.findElement(By.cssSelector("[data-testid=tip-contact]"))
                                    .isDisplayed())
                    .isTrue();
            Browser.assertNoAxeViolations(browser, "tip form, Spanish");
            screenshot(browser, "tip-es.png");
        } finally {
            browser.quit();
        }
    }

    /** Text of an element for the assertions on lists. */
    static final class WebElementText {
        static String of(org.openqa.selenium.WebElement e) {
            return e.getText();
        }
    }

    static String url(String path) {
        return "http://127.0.0.1:" + gw.port() + path;
    }

    static String text(WebDriver browser, String testId) {
        return browser.findElement(By.cssSelector("[data-testid=" + testId + "]")).getText();
    }

    static void awaitReady(WebDriver browser, WebDriverWait wait) {
        try {
            wait.until(
                    d ->
                            "true"
                                    .equals(
                                            d.findElement(By.tagName("body"))
                                                    .getAttribute("data-ready")));
        } catch (org.openqa.selenium.TimeoutException e) {
            var logs = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER);
            var probe =
                    ((JavascriptExecutor) browser)
                            .executeAsyncScript(
                                    "const done = arguments[arguments.length - 1];"
                                            + " Promise.all(['/public/i18n/languages.json',"
                                            + " '/public/i18n/en.json', '/public/daily.json',"
                                            + " '/public/js/page.js', '/public/js/i18n.js',"
                                            + " '/public/js/hexmap.js']"
                                            + ".map(u => fetch(u).then(r => u + ' ' + r.status"
                                            + " + ' ' + r.headers.get('content-type'))"
                                            + ".catch(x => u + ' ' + x)))"
                                            + ".then(a => done(a.join(' | ')));");
            throw new AssertionError(
                    "page not ready; browser console: "
                            + logs.getAll()
                            + "; fetches: "
                            + probe
                            + "; page: "
                            + browser.getCurrentUrl()
                            + " "
                            + java.util.regex.Pattern.compile("ERR_[A-Z_]+")
                                    .matcher(browser.getPageSource())
                                    .results()
                                    .map(java.util.regex.MatchResult::group)
                                    .distinct()
                                    .toList(),
                    e);
        }
    }

    static void setDate(WebDriver browser, String testId, LocalDate date) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "const e = document.querySelector('[data-testid=' + arguments[0] + ']');"
                                + " e.value = arguments[1];"
                                + " e.dispatchEvent(new Event('change', {bubbles: true}));",
                        testId,
                        date.toString());
    }

    static void screenshot(WebDriver browser, String name) throws Exception {
        // full page: size the window to the document first
        var js = (JavascriptExecutor) browser;
        long height =
                (Long)
                        js.executeScript(
                                "return Math.min(4000, document.documentElement.scrollHeight);");
        var size = browser.manage().window().getSize();
        browser.manage()
                .window()
                .setSize(new org.openqa.selenium.Dimension(size.getWidth(), (int) height + 120));
        js.executeScript("window.scrollTo(0, 0);");
        Browser.screenshot(browser, name);
        browser.manage().window().setSize(size);
    }
}
