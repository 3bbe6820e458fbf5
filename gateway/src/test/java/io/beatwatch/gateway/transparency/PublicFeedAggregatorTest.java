package io.beatwatch.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.PublicCall;
import io.beatwatch.core.privacy.SensitiveRule;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.view.Hexes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicFeedAggregatorTest {

    static final Instant NOW = Instant.parse("2026-11-21T13:45:00Z");
    static final Instant OLD = NOW.minus(Duration.ofHours(3));
    static final double LAT = 29.4241;
    static final double LON = -98.4936;

    /** The call as the job publishes it: sensitivity decided at decode (here by the defaults). */
    static PublicCall call(
            String id,
            Instant at,
            String type,
            String typeFinal,
            String category,
            boolean officer,
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
                        category,
                        null,
                        officer,
                        null,
                        "NORTH",
                        null,
                        lat,
                        lon,
                        "1 MAIN ST",
                        "test");
        return PublicCall.of(c, SensitiveRule.defaults().isSensitive(c));
    }

    static PublicCall call(String id, Instant at, String type) {
        return call(id, at, type, null, "disorder", false, LAT, LON);
    }

    /**
     * The feed clock is the newest call seen (bounded by the wall clock): a call far away at NOW
     * moves it to NOW without adding to any cell under test.
     */
    static Map<String, Integer> counts(PublicFeedAggregator agg, Instant now) throws Exception {
        agg.accept(call("clock-tick", NOW, "DISTURBANCE", null, "disorder", false, 0.5, 0.5));
        JsonNode fc = Json.tree(agg.build(now).geoJson());
        var out = new HashMap<String, Integer>();
        fc.path("features")
                .forEach(
                        f ->
                                out.put(
                                        f.path("properties").path("cell").asText(),
                                        f.path("properties").path("count").asInt()));
        return out;
    }

    static PublicFeedAggregator aggregator() {
        return new PublicFeedAggregator(GatewayConfig.PublicFeed.defaults());
    }

    @Test
    void countsAtOrAboveKArePublishedBelowAreSuppressed() throws Exception {
        var agg = aggregator();
        for (int i = 0; i < 5; i++) {
            agg.accept(call("a" + i, OLD, "DISTURBANCE"));
            agg.accept(call("b" + i, OLD, "DISTURBANCE", null, "disorder", false, LAT + 0.05, LON));
        }
        // A CAD update of b0 is the same incident: cell B stays at 5.
        agg.accept(call("b0", OLD, "DISTURBANCE", null, "disorder", false, LAT + 0.05, LON));
        for (int i = 0; i < 4; i++) {
            agg.accept(call("c" + i, OLD, "DISTURBANCE", null, "disorder", false, LAT - 0.05, LON));
        }
        var counts = counts(agg, NOW);
        assertThat(counts)
                .containsOnly(
                        Map.entry(Hexes.cellAt(LAT, LON, 8), 5),
                        Map.entry(Hexes.cellAt(LAT + 0.05, LON, 8), 5));
    }

    @Test
    void sensitiveByInitialFinalTypeOrCategoryIsExcluded() throws Exception {
        var agg = aggregator();
        for (int i = 0; i < 5; i++) {
            agg.accept(call("x" + i, OLD, "DISTURBANCE"));
        }
        assertThat(counts(agg, NOW)).containsValue(5);
        // Final type arrives later on one incident: the cell drops below k and disappears.
        agg.accept(
                call("x0", OLD, "DISTURBANCE", "Domestic Violence", "disorder", false, LAT, LON));
        assertThat(counts(agg, NOW)).isEmpty();
        // A later update without the sensitive type does not bring it back.
        agg.accept(call("x0", OLD, "DISTURBANCE", "DISTURBANCE", "disorder", false, LAT, LON));
        agg.accept(call("x5", OLD, "WELFARE CHECK"));
        agg.accept(call("x6", OLD, "NOISE", null, "mental health", false, LAT, LON));
        agg.accept(call("x7", OLD, "JUVENILE PROBLEM"));
        assertThat(counts(agg, NOW)).isEmpty();
    }

    @Test
    void onlyIncidentsOlderThanTheDelayCountAndTheWindowIsHourAligned() throws Exception {
        var agg = aggregator();
        for (int i = 0; i < 5; i++) {
            agg.accept(call("r" + i, NOW.minus(Duration.ofMinutes(30)), "DISTURBANCE"));
        }
        assertThat(counts(agg, NOW)).isEmpty();
        var later = NOW.plus(Duration.ofMinutes(75));
        // The feed clock stays at the newest call seen (NOW) however late the wall clock is.
        assertThat(counts(agg, later)).isEmpty();
        agg.accept(call("tick", later, "DISTURBANCE", null, "disorder", false, LAT + 1, LON));
        assertThat(counts(agg, later)).containsValue(5);
        var snap = agg.build(later);
        assertThat(snap.to()).isEqualTo(Instant.parse("2026-11-21T14:00:00Z"));
        assertThat(snap.from()).isEqualTo(Instant.parse("2026-11-20T14:00:00Z"));
    }

    @Test
    void officerInitiatedAndUnplaceableAreLeftOut() throws Exception {
        var agg = aggregator();
        for (int i = 0; i < 5; i++) {
            agg.accept(call("o" + i, OLD, "TRAFFIC STOP", null, "traffic", true, LAT, LON));
            agg.accept(call("z" + i, OLD, "DISTURBANCE", null, "disorder", false, 0, 0));
            agg.accept(call("n" + i, OLD, "DISTURBANCE", null, "disorder", false, Double.NaN, LON));
        }
        assertThat(counts(agg, NOW)).isEmpty();
        var withOfficers = GatewayConfig.PublicFeed.defaults();
        var cfg =
                new GatewayConfig.PublicFeed(
                        withOfficers.delay(),
                        withOfficers.period(),
                        withOfficers.minCount(),
                        withOfficers.resolution(),
                        true,
                        withOfficers.refreshInterval(),
                        null);
        var agg2 = new PublicFeedAggregator(cfg);
        for (int i = 0; i < 5; i++) {
            agg2.accept(call("o" + i, OLD, "TRAFFIC STOP", null, "traffic", true, LAT, LON));
        }
        assertThat(counts(agg2, NOW)).containsValue(5);
    }

    @Test
    void coarserResolutionAggregatesIntoParents() throws Exception {
        var d = GatewayConfig.PublicFeed.defaults();
        var agg =
                new PublicFeedAggregator(
                        new GatewayConfig.PublicFeed(
                                d.delay(),
                                d.period(),
                                d.minCount(),
                                7,
                                false,
                                d.refreshInterval(),
                                null));
        for (int i = 0; i < 5; i++) {
            agg.accept(
                    call(
                            "p" + i,
                            OLD,
                            "DISTURBANCE",
                            null,
                            "disorder",
                            false,
                            LAT + i * 0.001,
                            LON));
        }
        var counts = counts(agg, NOW);
        assertThat(counts).hasSize(1);
        assertThat(Hexes.h3().getResolution(counts.keySet().iterator().next())).isEqualTo(7);
    }

    @Test
    void feedNeverCarriesTypesAddressesOrIds() throws Exception {
        var agg = aggregator();
        for (int i = 0; i < 6; i++) {
            agg.accept(call("secret-id-" + i, OLD, "BURGLARY"));
        }
        agg.accept(call("clock-tick", NOW, "DISTURBANCE", null, "disorder", false, 0.5, 0.5));
        var text = agg.build(NOW).geoJson();
        JsonNode features = Json.tree(text).path("features");
        // a feed with the six incidents in it, or the checks below prove nothing
        assertThat(features).hasSize(1);
        assertThat(features.get(0).path("properties").path("count").asInt()).isEqualTo(6);
        var keys = new java.util.ArrayList<String>();
        features.get(0).path("properties").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("cell", "count");
        assertThat(text).doesNotContain("secret-id", "clock-tick", OLD.toString());
    }

    @Test
    void aCallTheJobMarkedSensitiveIsNeverCounted() throws Exception {
        var agg = aggregator();
        for (int i = 0; i < 5; i++) {
            var c = call("l" + i, OLD, "Lewd Conduct");
            assertThat(c.sensitive()).as("not in the default terms").isFalse();
            // the job's city profile (San Antonio) lists it: the decision travels on the record
            agg.accept(
                    new PublicCall(
                            c.v(), c.id(), c.receivedAt(), c.lat(), c.lon(), false, true, null));
        }
        assertThat(counts(agg, NOW)).isEmpty();
    }
}
