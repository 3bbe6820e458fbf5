package io.beatwatch.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.PublicCall;
import io.beatwatch.gateway.config.GatewayConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Which calls the two public aggregators take in, and the newest call time they report. */
class PublicAggregatorsIntakeTest {

    static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");
    static final GatewayConfig.PublicFeed FEED = GatewayConfig.PublicFeed.defaults();

    static PublicCall at(String id, Instant t, double lat, double lon) {
        return new PublicCall(PublicCall.VERSION, id, t, lat, lon, false, false, "NORTH");
    }

    /** Places on the edges of the globe are kept; off it, unknown or Null Island are not. */
    static final double[][] KEPT = {{90, 0}, {-90, 0}, {0, 180}, {0, -180}, {0, 1e-9}, {1e-9, 0}};

    static final double[][] DROPPED = {
        {90.0001, 0},
        {-90.0001, 0},
        {0, 180.0001},
        {0, -180.0001},
        {0, 0},
        {Double.NaN, 0},
        {0, Double.NaN},
        {Double.POSITIVE_INFINITY, 0},
        {0, Double.NEGATIVE_INFINITY}
    };

    @Test
    void theFeedTakesEveryPlaceableCallAndNoOther() {
        var feed = new PublicFeedAggregator(FEED);
        assertThat(feed.newestSeen()).isNull();
        int i = 0;
        for (var p : KEPT) feed.accept(at("k" + i++, T0, p[0], p[1]));
        for (var p : DROPPED) feed.accept(at("d" + i++, T0.plusSeconds(60), p[0], p[1]));
        feed.accept(null);
        assertThat(feed.tracked()).isEqualTo(KEPT.length);
        assertThat(feed.newestSeen()).isEqualTo(T0);
        feed.accept(at("later", T0.plusSeconds(5), 29.42, -98.49));
        feed.accept(at("earlier", T0.minusSeconds(5), 29.42, -98.49));
        assertThat(feed.newestSeen()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void thePageTakesEveryPlaceableCallAndNoOther() {
        var page = new DailyAggregator(FEED, 14, ZoneOffset.UTC);
        assertThat(page.newestSeen()).isNull();
        int i = 0;
        for (var p : KEPT) page.accept(at("k" + i++, T0, p[0], p[1]));
        for (var p : DROPPED) page.accept(at("d" + i++, T0.plusSeconds(60), p[0], p[1]));
        assertThat(page.tracked()).isEqualTo(KEPT.length);
        assertThat(page.newestSeen()).isEqualTo(T0);
        assertThat(page.feedNow(T0.plusSeconds(600))).isEqualTo(T0);
        assertThat(page.feedNow(T0.minusSeconds(600))).isEqualTo(T0.minusSeconds(600));
    }

    @Test
    void anEmptyFeedSaysItIsStarting() {
        var empty = PublicFeedAggregator.empty(T0);
        assertThat(empty.cells()).isZero();
        assertThat(empty.generatedAt()).isEqualTo(T0);
        assertThat(empty.geoJson()).contains("\"status\":\"starting\"").contains("\"features\":[]");
    }
}
