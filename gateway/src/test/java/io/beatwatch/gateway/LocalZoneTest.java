package io.beatwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.config.GatewayConfig;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LocalZoneTest {

    static GatewayConfig.PublicFeed feed(String cityProfile, ZoneId zone) {
        var d = GatewayConfig.PublicFeed.defaults();
        return new GatewayConfig.PublicFeed(
                d.delay(),
                d.period(),
                d.minCount(),
                d.resolution(),
                false,
                d.refreshInterval(),
                cityProfile,
                zone,
                d.patrolDays(),
                d.patrolRoundMinutes());
    }

    @Test
    void theConfiguredZoneWinsThenTheCityProfileThenTheLatestZone() {
        var tokyo = ZoneId.of("Asia/Tokyo");
        assertThat(Gateway.localZone(feed("san-antonio", tokyo))).isEqualTo(tokyo);
        assertThat(Gateway.localZone(feed("san-antonio", null)))
                .isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(Gateway.localZone(feed(null, null)))
                .isEqualTo(GatewayConfig.PublicFeed.LATEST_ZONE);
    }
}
