package io.beatwatch.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatwatch.gateway.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {

    static final Map<String, String> DEV = Map.of(GatewayConfigLoader.ENV_DEV_LOGINS, "true");

    @Test
    void defaultsMatchTheDocumentedValues() throws Exception {
        var c = GatewayConfigLoader.load(null, DEV);
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.limits().maxFrameBytes()).isEqualTo(64 * 1024);
        assertThat(c.limits().maxConnectionsPerUser()).isEqualTo(5);
        assertThat(c.limits().maxQueuedMessages()).isEqualTo(1000);
        assertThat(c.limits().tipsPerMinute()).isEqualTo(10);
        assertThat(c.limits().maxBodyBytes()).isEqualTo(16 * 1024);
        assertThat(c.limits().ticketTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.publicFeed().delay()).isEqualTo(Duration.ofMinutes(60));
        assertThat(c.publicFeed().minCount()).isEqualTo(5);
        assertThat(c.publicFeed().resolution()).isEqualTo(8);
        assertThat(c.topics().tips()).isEqualTo("beatwatch.tips");
        assertThat(c.devLogins()).isTrue();
    }

    @Test
    void readsThePublicPageSettings(@TempDir Path dir) throws Exception {
        var file = dir.resolve("beatwatch.yaml");
        Files.writeString(
                file,
                """
                gateway:
                  devLogins: true
                  publicPage:
                    historyDays: 120
                    trendDays: 28
                    baselineDays: 84
                    publisher: City of Example Police
                    licenceName: ODbL 1.0
                    licenceUrl: https://opendatacommons.org/licenses/odbl/1-0/
                    impactFile: docs/impact/example/figures.json
                    tipsPerHour: 3
                    saltRotation: 30m
                """);
        var p = GatewayConfigLoader.load(file, Map.of()).publicPage();
        assertThat(p.historyDays()).isEqualTo(120);
        assertThat(p.baselineDays()).isEqualTo(84);
        assertThat(p.publisher()).isEqualTo("City of Example Police");
        assertThat(p.licenceName()).isEqualTo("ODbL 1.0");
        assertThat(p.impactFile()).isEqualTo(Path.of("docs/impact/example/figures.json"));
        assertThat(p.tipsPerHour()).isEqualTo(3);
        assertThat(p.saltRotation()).isEqualTo(Duration.ofMinutes(30));
        assertThat(GatewayConfigLoader.load(null, DEV).publicPage())
                .isEqualTo(GatewayConfig.PublicPage.defaults());
        assertThatThrownBy(
                        () ->
                                new GatewayConfig.PublicPage(
                                        30, 28, 56, "x", "y", "z", null, 1, Duration.ofHours(1)))
                .hasMessageContaining("historyDays");
    }

    @Test
    void readsTlsFromTheFileOrTheEnvironmentAndNeverPrintsThePassword(@TempDir Path dir)
            throws Exception {
        assertThat(GatewayConfigLoader.load(null, DEV).tls().enabled()).isFalse();
        var file = dir.resolve("beatwatch.yaml");
        Files.writeString(
                file,
                """
                gateway:
                  devLogins: true
                  tls:
                    keyStore: /etc/beatwatch/gateway.p12
                """);
        var tls =
                GatewayConfigLoader.load(
                                file,
                                Map.of(GatewayConfigLoader.ENV_TLS_KEYSTORE_PASSWORD, "s3cret!"))
                        .tls();
        assertThat(tls.enabled()).isTrue();
        assertThat(tls.keyStore()).isEqualTo(Path.of("/etc/beatwatch/gateway.p12"));
        assertThat(tls.keyStorePassword()).isEqualTo("s3cret!");
        assertThat(tls.toString()).doesNotContain("s3cret!").contains("***");

        var pem =
                GatewayConfigLoader.load(
                                null,
                                Map.of(
                                        GatewayConfigLoader.ENV_DEV_LOGINS, "true",
                                        GatewayConfigLoader.ENV_TLS_CERT, "/tls/chain.pem",
                                        GatewayConfigLoader.ENV_TLS_KEY, "/tls/key.pem"))
                        .tls();
        assertThat(pem.enabled()).isTrue();
        assertThat(pem.certPem()).isEqualTo(Path.of("/tls/chain.pem"));

        assertThatThrownBy(() -> GatewayConfigLoader.load(file, Map.of()))
                .hasMessageContaining("tls.keyStorePassword");
        assertThatThrownBy(() -> new GatewayConfig.Tls(null, null, Path.of("c.pem"), null))
                .hasMessageContaining("certPath and keyPath go together");
        assertThatThrownBy(
                        () ->
                                new GatewayConfig.Tls(
                                        Path.of("k.p12"), "x", Path.of("c.pem"), Path.of("k.pem")))
                .hasMessageContaining("not both");
    }

    @Test
    void readsTheBaseLayerAndRefusesOneWithoutAttribution(@TempDir Path dir) throws Exception {
        var file = dir.resolve("beatwatch.yaml");
        Files.writeString(
                file,
                """
                gateway:
                  devLogins: true
                  map:
                    tileUrl: https://tiles.city.example/{z}/{x}/{y}.png
                    tileAttribution: City GIS
                    tileMaxZoom: 18
                    districtsFile: config/cities/example.districts.geojson
                """);
        var m = GatewayConfigLoader.load(file, Map.of()).map();
        assertThat(m.tileUrl()).isEqualTo("https://tiles.city.example/{z}/{x}/{y}.png");
        assertThat(m.tileAttribution()).isEqualTo("City GIS");
        assertThat(m.tileMaxZoom()).isEqualTo(18);
        assertThat(m.boundariesFor("san-antonio"))
                .isEqualTo(Path.of("config/cities/example.districts.geojson"));

        var none = GatewayConfigLoader.load(null, DEV).map();
        assertThat(none.hasTiles()).isFalse();
        assertThat(none.boundariesFor("san-antonio"))
                .isEqualTo(Path.of("config/cities/san-antonio.districts.geojson"));
        assertThat(none.boundariesFor("/etc/some.yaml")).isNull();

        assertThatThrownBy(
                        () ->
                                GatewayConfig.MapLayers.defaults()
                                        .withTiles("https://t.example/{z}/{x}/{y}.png", " ", 19))
                .hasMessageContaining("tileAttribution");
        assertThatThrownBy(
                        () ->
                                GatewayConfig.MapLayers.defaults()
                                        .withTiles("https://t.example/tiles.png", "x", 19))
                .hasMessageContaining("{z}");
    }

    @Test
    void aWmsBaseLayerIsATemplateWithTheBboxOfEachTileAndNeedsItsAttribution(@TempDir Path dir)
            throws Exception {
        var file = dir.resolve("beatwatch.yaml");
        Files.writeString(
                file,
                """
                map:
                  wmsUrl: https://gis.city.example/wms
                  wmsLayers: streets,parcels
                  tileAttribution: City GIS
                """);
        var m = GatewayConfigLoader.load(file, DEV).map();
        assertThat(m.hasTiles()).isTrue();
        assertThat(m.isWms()).isTrue();
        assertThat(m.tileTemplate())
                .startsWith("https://gis.city.example/wms?SERVICE=WMS&REQUEST=GetMap")
                .contains("SRS=EPSG:3857", "WIDTH=256", "HEIGHT=256", "BBOX={bbox}")
                .endsWith("LAYERS=streets%2Cparcels");

        // a GetMap template in tileUrl is taken as it is
        var template = "https://gis.city.example/wms?REQUEST=GetMap&BBOX={bbox}&LAYERS=a";
        var t = GatewayConfig.MapLayers.defaults().withTiles(template, "City GIS", 19);
        assertThat(t.tileTemplate()).isEqualTo(template);
        assertThat(t.isWms()).isTrue();
        assertThat(GatewayConfig.MapLayers.defaults().isWms()).isFalse();

        assertThatThrownBy(
                        () ->
                                GatewayConfig.MapLayers.defaults()
                                        .withWms("https://gis.example/wms", "streets", null, 19))
                .hasMessageContaining("tileAttribution");
        assertThatThrownBy(
                        () ->
                                GatewayConfig.MapLayers.defaults()
                                        .withWms("https://gis.example/wms", " ", "x", 19))
                .hasMessageContaining("wmsLayers");
        assertThatThrownBy(
                        () ->
                                GatewayConfig.MapLayers.defaults()
                                        .withWms("file:///wms", "streets", "x", 19))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(
                        () ->
                                new GatewayConfig.MapLayers(
                                        "https://t.example/{z}/{x}/{y}.png",
                                        "x",
                                        19,
                                        null,
                                        "https://gis.example/wms",
                                        "streets"))
                .hasMessageContaining("one base layer");
    }

    @Test
    void readsYamlUnderAGatewayKeyAndEnvironmentWins(@TempDir Path dir) throws Exception {
        var file = dir.resolve("beatwatch.yaml");
        Files.writeString(
                file,
                """
                gateway:
                  port: 0
                  redisUri: redis://cache:6380
                  allowedOrigins: [https://console.city.gov]
                  limits: { tipsPerMinute: 3, drainTimeout: 5s }
                  publicFeed: { delay: 2h, resolution: 7 }
                  live: { windows: [30, 60], defaultWindow: 30, cellsFlushInterval: 250ms }
                  devLogins: true
                """);
        var c =
                GatewayConfigLoader.load(
                        file,
                        Map.of(
                                GatewayConfigLoader.ENV_REDIS_URI, "redis://override:6379",
                                GatewayConfigLoader.ENV_ALLOWED_ORIGINS,
                                        "https://a.example, https://b.example"));
        assertThat(c.port()).isZero();
        assertThat(c.redisUri()).isEqualTo("redis://override:6379");
        assertThat(c.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(c.limits().tipsPerMinute()).isEqualTo(3);
        assertThat(c.limits().drainTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.publicFeed().delay()).isEqualTo(Duration.ofHours(2));
        assertThat(c.publicFeed().resolution()).isEqualTo(7);
        assertThat(c.live().cellsFlushInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void refusesTheRetiredGatewaySensitiveTypes(@TempDir Path dir) throws Exception {
        var file = dir.resolve("beatwatch.yaml");
        Files.writeString(file, "gateway:\n  publicFeed: { sensitiveTypes: [lewd] }\n");
        assertThatThrownBy(() -> GatewayConfigLoader.load(file, Map.of()))
                .hasMessageContaining("city profile");
    }

    @Test
    void refusesUnsafeOrInconsistentSettings() {
        var b = GatewayConfig.builder().devLogins(true);
        assertThatThrownBy(() -> b.allowedOrigins(List.of("*")).build())
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> b.allowedOrigins(List.of("https://x.org/")).build())
                .hasMessageContaining("origin");
        assertThatThrownBy(() -> GatewayConfig.builder().devLogins(true).port(-1).build())
                .hasMessageContaining("port");
        assertThatThrownBy(() -> GatewayConfig.builder().build()).hasMessageContaining("jwt");
        var pf = GatewayConfig.PublicFeed.defaults();
        assertThatThrownBy(
                        () ->
                                new GatewayConfig.PublicFeed(
                                        pf.delay(),
                                        pf.period(),
                                        pf.minCount(),
                                        9,
                                        false,
                                        pf.refreshInterval(),
                                        null))
                .hasMessageContaining("resolution");
        assertThatThrownBy(
                        () ->
                                new GatewayConfig.PublicFeed(
                                        pf.delay(),
                                        pf.period(),
                                        1,
                                        8,
                                        false,
                                        pf.refreshInterval(),
                                        null))
                .hasMessageContaining("minCount");
        assertThatThrownBy(
                        () ->
                                new GatewayConfig.PublicFeed(
                                        Duration.ofMinutes(5),
                                        pf.period(),
                                        5,
                                        8,
                                        false,
                                        pf.refreshInterval(),
                                        null))
                .hasMessageContaining("delay");
        assertThatThrownBy(() -> GatewayConfigLoader.parseDuration("soon"))
                .hasMessageContaining("duration");
        assertThat(GatewayConfigLoader.parseDuration("PT30S")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsThePatrolMinutesSettingsAndTheCityZone() {
        var defaults = GatewayConfig.PublicFeed.defaults();
        assertThat(defaults.zone()).isNull();
        assertThat(defaults.patrolDays()).isEqualTo(7);
        assertThat(defaults.patrolRoundMinutes()).isEqualTo(5);
        var tree =
                Json.MAPPER
                        .createObjectNode()
                        .set(
                                "publicFeed",
                                Json.MAPPER
                                        .createObjectNode()
                                        .put("zone", "America/Chicago")
                                        .put("patrolDays", 3)
                                        .put("patrolRoundMinutes", "10"));
        var pf = GatewayConfigLoader.fromTree(tree, DEV).publicFeed();
        assertThat(pf.zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(pf.patrolDays()).isEqualTo(3);
        assertThat(pf.patrolRoundMinutes()).isEqualTo(10);
        assertThat(pf.withRefreshInterval(Duration.ofSeconds(1)).zone()).isEqualTo(pf.zone());
    }

    @Test
    void refusesBadPatrolMinutesSettings() {
        for (var bad :
                List.of(
                        Map.of("zone", "Mars/Olympus"),
                        Map.of("patrolDays", "0"),
                        Map.of("patrolDays", "9"),
                        Map.of("patrolRoundMinutes", "0"))) {
            var pf = Json.MAPPER.createObjectNode();
            bad.forEach(pf::put);
            var tree = Json.MAPPER.createObjectNode().set("publicFeed", pf);
            assertThatThrownBy(() -> GatewayConfigLoader.fromTree(tree, DEV))
                    .as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("publicFeed." + bad.keySet().iterator().next());
        }
    }
}
