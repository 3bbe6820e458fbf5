package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.testing.Browser;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.gateway.testing.TileServer;
import io.beatwatch.gateway.view.CellFields;
import io.beatwatch.gateway.view.Hexes;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The console's map in a real headless Chromium against a gateway on a real Redis and Kafka: with
 * no base layer configured it still draws district outlines (derived from the cells of each
 * district), their labels, the city's extent and a scale bar, fetches nothing from another origin,
 * and lets each layer be switched off; with a base layer configured (a local tile server started
 * here) its tiles are requested and shown with their attribution, over the agency's boundaries;
 * beat outlines (derived from each cell's beat) are drawn thinner, labelled and toggled; a WMS base
 * layer asks the same server for each tile's EPSG:3857 bbox. Takes console-outlines.png and
 * console-tiles.png for docs/screenshots/.
 */
class ConsoleMapBrowserIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** Two districts of the synthetic area, 19 res-9 cells each. */
    static final String NORTH_CENTRE = Hexes.cellAt(29.4450, -98.4936, 9);

    static final String SOUTH_CENTRE = Hexes.cellAt(29.4050, -98.4936, 9);

    static TestServices services;

    @BeforeEach
    void needsBrowser() {
        Browser.assumePresent();
    }

    @BeforeAll
    static void start() {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        seedCells("NORTH", NORTH_CENTRE);
        seedCells("SOUTH", SOUTH_CENTRE);
    }

    @AfterAll
    static void stop() {
        if (services != null) services.close();
    }

    /** The cells of a district as the job's view sink writes them: ranked set and cell hashes. */
    static void seedCells(String district, String centre) {
        var r = services.redis();
        r.sadd(RedisKeys.DISTRICTS, district);
        int i = 0;
        for (var cell : Hexes.h3().gridDisk(centre, 2)) {
            if (district.equals("NORTH")) {
                // NORTH's feed carries beats: the disk's centre and first ring N1, the rest N2
                r.hset(RedisKeys.cell(cell, 60), RedisKeys.CELL_FIELD_BEAT, i < 7 ? "N1" : "N2");
            }
            double score = 1 + (i++ % 7);
            var c = Hexes.center(cell);
            r.zadd(RedisKeys.ranked(district, 60), score, cell);
            r.hset(
                    RedisKeys.cell(cell, 60),
                    Map.of(
                            CellFields.OBSERVED, String.valueOf(2 + i % 5),
                            CellFields.EXPECTED, "1.5",
                            CellFields.SCORE, String.valueOf(score),
                            CellFields.RECURRENCE, String.valueOf(score * score * 8),
                            CellFields.DISTRICT, district,
                            CellFields.LAT, String.valueOf(c.lat),
                            CellFields.LON, String.valueOf(c.lng)));
        }
    }

    static GatewayFixture gateway(GatewayConfig.MapLayers map) throws Exception {
        return GatewayFixture.start(GatewayFixture.browserConfig(services).map(map).build());
    }

    static long count(WebDriver b, String css) {
        return (Long)
                Browser.js(b)
                        .executeScript(
                                "return document.querySelectorAll(arguments[0]).length;", css);
    }

    @Test
    void withoutABaseLayerTheConsoleDrawsDerivedOutlinesLabelsExtentAndScaleAndFetchesNothingElse()
            throws Exception {
        try (var gw = gateway(GatewayConfig.MapLayers.defaults())) {
            WebDriver b = Browser.chromium(1440, 900);
            try {
                var wait = Browser.waitFor(b);
                Browser.signIn(b, "http://127.0.0.1:" + gw.port() + "/", "sup1");
                wait.until(d -> count(d, "[data-testid=district-outline]") == 2);
                var labels =
                        b.findElements(By.cssSelector("[data-testid=district-label]")).stream()
                                .map(e -> e.getText().strip())
                                .sorted()
                                .toList();
                assertThat(labels).containsExactly("NORTH", "SOUTH");
                assertThat(
                                b.findElement(By.cssSelector("[data-testid=map]"))
                                        .getAttribute("data-district-source"))
                        .isEqualTo("derived");
                assertThat(count(b, "[data-testid=city-extent]")).isEqualTo(1);
                // NORTH's beats, derived from the beat of each cell, thinner than the districts
                wait.until(d -> count(d, "[data-testid=beat-outline][data-source=derived]") == 2);
                assertThat(beatLabels(b)).containsExactly("N1", "N2");
                assertThat(strokeWidth(b, "beat-outline"))
                        .isLessThan(strokeWidth(b, "district-outline"));
                var scale = b.findElement(By.cssSelector("[data-testid=scale-bar]")).getText();
                assertThat(scale).containsPattern("\\d+ (m|km)");
                wait.until(d -> count(d, "[data-testid=hex]") == 38);
                // no base layer: no tile, and nothing from any other origin
                assertThat(count(b, "img.leaflet-tile")).isZero();
                @SuppressWarnings("unchecked")
                var foreign =
                        (List<String>)
                                Browser.js(b)
                                        .executeScript(
                                                "return performance.getEntriesByType('resource')"
                                                        + ".map(e => e.name)"
                                                        + ".filter(n => !n.startsWith(location.origin));");
                assertThat(foreign).isEmpty();

                // each layer can be switched off and on again
                toggleLayer(b, "Beat outlines");
                wait.until(
                        d ->
                                count(d, "[data-testid=beat-outline]") == 0
                                        && count(d, "[data-testid=beat-label]") == 0);
                assertThat(count(b, "[data-testid=district-outline]")).isEqualTo(2);
                toggleLayer(b, "Beat outlines");
                wait.until(
                        d ->
                                count(d, "[data-testid=beat-outline]") == 2
                                        && count(d, "[data-testid=beat-label]") == 2);
                toggleLayer(b, "District outlines");
                wait.until(d -> count(d, "[data-testid=district-outline]") == 0);
                toggleLayer(b, "Hotspot cells");
                wait.until(d -> count(d, "[data-testid=hex]") == 0);
                toggleLayer(b, "District outlines");
                toggleLayer(b, "Hotspot cells");
                wait.until(
                        d ->
                                count(d, "[data-testid=district-outline]") == 2
                                        && count(d, "[data-testid=district-label]") == 2);
                Browser.assertNoAxeViolations(b, "the console with district outlines");
                Browser.screenshot(b, "console-outlines.png");
            } finally {
                b.quit();
            }
        }
    }

    @Test
    void aConfiguredLocalTileServerIsAskedForTilesThatAreShownWithTheAgencysBoundaries()
            throws Exception {
        var boundaries =
                Files.createTempFile(
                        Path.of(System.getProperty("java.io.tmpdir")), "districts", ".geojson");
        Files.writeString(boundaries, BOUNDARIES);
        try (var tiles = TileServer.start();
                var gw =
                        gateway(
                                GatewayConfig.MapLayers.defaults()
                                        .withTiles(
                                                tiles.urlTemplate(),
                                                "Test tiles © Beatwatch IT",
                                                19)
                                        .withDistrictsFile(boundaries))) {
            WebDriver b = Browser.chromium(1440, 900);
            try {
                var wait = Browser.waitFor(b);
                Browser.signIn(b, "http://127.0.0.1:" + gw.port() + "/", "sup1");
                wait.until(d -> count(d, "img.leaflet-tile-loaded") >= 4);
                assertThat(tiles.requests()).isGreaterThanOrEqualTo(4);
                // every tile shown came from the test server, and loaded as an image
                @SuppressWarnings("unchecked")
                var sources =
                        (List<String>)
                                Browser.js(b)
                                        .executeScript(
                                                "return [...document.querySelectorAll('img.leaflet-tile-loaded')]"
                                                        + ".filter(i => i.naturalWidth === 256).map(i => i.src);");
                assertThat(sources).isNotEmpty();
                assertThat(sources)
                        .allMatch(
                                s ->
                                        s.startsWith(
                                                tiles.urlTemplate()
                                                        .replace("/{z}/{x}/{y}.png", "/")));
                assertThat(b.findElement(By.cssSelector(".leaflet-control-attribution")).getText())
                        .contains("Test tiles © Beatwatch IT");
                wait.until(
                        d -> count(d, "[data-testid=district-outline][data-source=profile]") == 2);
                var labels =
                        b.findElements(By.cssSelector("[data-testid=district-label]")).stream()
                                .map(e -> e.getText().strip())
                                .sorted()
                                .toList();
                assertThat(labels).containsExactly("NORTH", "SOUTH");
                Browser.screenshot(b, "console-tiles.png");

                toggleLayer(b, "Base map");
                wait.until(d -> count(d, "img.leaflet-tile") == 0);
            } finally {
                b.quit();
            }
        }
    }

    @Test
    void aWmsBaseLayerAsksTheServerForEachTilesEpsg3857BboxAndShowsIt() throws Exception {
        try (var tiles = TileServer.start();
                var gw =
                        gateway(
                                GatewayConfig.MapLayers.defaults()
                                        .withWms(
                                                tiles.wmsUrl(),
                                                "streets,parcels",
                                                "Test WMS © Beatwatch IT",
                                                19))) {
            WebDriver b = Browser.chromium(1440, 900);
            try {
                var wait = Browser.waitFor(b);
                Browser.signIn(b, "http://127.0.0.1:" + gw.port() + "/", "sup1");
                wait.until(d -> count(d, "img.leaflet-tile-loaded") >= 4);
                // every request was a GetMap of exactly one tile, none refused
                assertThat(tiles.wmsRejected()).isZero();
                assertThat(tiles.wmsTiles()).hasSizeGreaterThanOrEqualTo(4);
                // the tiles asked for cover the districts: their z/x/y contain the area's centre
                double lat = 29.425, lon = -98.4936;
                var centre =
                        tiles.wmsTiles().stream()
                                .filter(
                                        t -> {
                                            var p = t.split("/");
                                            int z = Integer.parseInt(p[0]);
                                            return Integer.parseInt(p[1]) == tileX(lon, z)
                                                    && Integer.parseInt(p[2]) == tileY(lat, z);
                                        })
                                .toList();
                assertThat(centre).isNotEmpty();
                @SuppressWarnings("unchecked")
                var sources =
                        (List<String>)
                                Browser.js(b)
                                        .executeScript(
                                                "return [...document.querySelectorAll('img.leaflet-tile-loaded')]"
                                                        + ".filter(i => i.naturalWidth === 256).map(i => i.src);");
                assertThat(sources).isNotEmpty();
                assertThat(sources)
                        .allMatch(
                                s ->
                                        s.startsWith(tiles.wmsUrl() + "?SERVICE=WMS")
                                                && s.contains("LAYERS=streets%2Cparcels")
                                                && s.contains("SRS=EPSG:3857"));
                assertThat(b.findElement(By.cssSelector(".leaflet-control-attribution")).getText())
                        .contains("Test WMS © Beatwatch IT");
                toggleLayer(b, "Base map");
                wait.until(d -> count(d, "img.leaflet-tile") == 0);
            } finally {
                b.quit();
            }
        }
    }

    static int tileX(double lon, int z) {
        return (int) Math.floor((lon + 180) / 360 * (1 << z));
    }

    static int tileY(double lat, int z) {
        double r = Math.toRadians(lat);
        return (int)
                Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
    }

    @SuppressWarnings("unchecked")
    static List<String> beatLabels(WebDriver b) {
        return (List<String>)
                Browser.js(b)
                        .executeScript(
                                "return [...document.querySelectorAll('[data-testid=beat-label]')]"
                                        + ".map(e => e.textContent.trim()).sort();");
    }

    static double strokeWidth(WebDriver b, String testid) {
        return ((Number)
                        Browser.js(b)
                                .executeScript(
                                        "return parseFloat(document.querySelector("
                                                + "'[data-testid=' + arguments[0] + ']')"
                                                + ".getAttribute('stroke-width'));",
                                        testid))
                .doubleValue();
    }

    static void toggleLayer(WebDriver b, String name) {
        b.findElements(By.cssSelector("[data-testid=layer-toggle] label")).stream()
                .filter(l -> l.getText().strip().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no layer toggle named " + name))
                .findElement(By.cssSelector("input"))
                .click();
    }

    /** The agency's boundaries: two rectangles split at the latitude between the districts. */
    static final String BOUNDARIES =
            """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"district":"NORTH"},"geometry":{"type":"Polygon",
              "coordinates":[[[-98.52,29.425],[-98.465,29.425],[-98.465,29.465],[-98.52,29.465],[-98.52,29.425]]]}},
             {"type":"Feature","properties":{"district":"SOUTH"},"geometry":{"type":"Polygon",
              "coordinates":[[[-98.52,29.385],[-98.465,29.385],[-98.465,29.425],[-98.52,29.425],[-98.52,29.385]]]}}]}
            """;
}
