package io.beatwatch.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.auth.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    @Test
    void metersUseTheDocumentedNamesAndTags() {
        var registry = new SimpleMeterRegistry();
        var m = new GatewayMetrics(registry);
        m.sessionOpened(Role.SUPERVISOR);
        m.sessionOpened(Role.SUPERVISOR);
        m.sessionClosed(Role.SUPERVISOR);
        m.alertPushed(Duration.ofMillis(12));
        m.alertPushed(Duration.ofMillis(-3));
        m.alertRead(Duration.ofMillis(4), Duration.ofMillis(2));
        m.alertRead(null, Duration.ofMillis(-1));
        m.tipAccepted();
        m.tipRejected("unknown_category");
        m.tipRejected("unknown_category");
        m.httpRequest(404, Duration.ofMillis(1));
        m.httpRequest(200, Duration.ofMillis(1));
        m.wsClosed("slow");

        assertThat(
                        registry.get(GatewayMetrics.WS_SESSIONS)
                                .tag("role", "supervisor")
                                .gauge()
                                .value())
                .isEqualTo(1.0);
        assertThat(registry.get(GatewayMetrics.ALERTS_PUSHED).counter().count()).isEqualTo(2.0);
        assertThat(registry.get(GatewayMetrics.ALERT_PUSH_LATENCY).timer().count()).isEqualTo(2);
        assertThat(registry.get(GatewayMetrics.ALERT_APPEND_LATENCY).timer().count()).isEqualTo(1);
        assertThat(registry.get(GatewayMetrics.ALERT_READ_LATENCY).timer().count()).isEqualTo(2);
        assertThat(registry.get(GatewayMetrics.TIPS_ACCEPTED).counter().count()).isEqualTo(1.0);
        assertThat(
                        registry.get(GatewayMetrics.TIPS_REJECTED)
                                .tag("reason", "unknown_category")
                                .counter()
                                .count())
                .isEqualTo(2.0);
        assertThat(
                        registry.get(GatewayMetrics.HTTP_REQUESTS)
                                .tag("outcome", "CLIENT_ERROR")
                                .timer()
                                .count())
                .isEqualTo(1);
        assertThat(
                        registry.get(GatewayMetrics.HTTP_REQUESTS)
                                .tag("outcome", "SUCCESS")
                                .timer()
                                .count())
                .isEqualTo(1);
        assertThat(registry.get(GatewayMetrics.WS_CLOSED).tag("reason", "slow").counter().count())
                .isEqualTo(1.0);
        assertThat(GatewayMetrics.WS_SESSIONS).isEqualTo("beatwatch.gateway.ws.sessions");
        assertThat(GatewayMetrics.ALERTS_PUSHED).isEqualTo("beatwatch.gateway.alerts.pushed");
        assertThat(GatewayMetrics.ALERT_PUSH_LATENCY)
                .isEqualTo("beatwatch.gateway.alert.push.latency");
        assertThat(GatewayMetrics.ALERT_APPEND_LATENCY)
                .isEqualTo("beatwatch.gateway.alert.append.latency");
        assertThat(GatewayMetrics.ALERT_READ_LATENCY)
                .isEqualTo("beatwatch.gateway.alert.read.latency");
    }
}
