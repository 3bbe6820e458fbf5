package io.beatwatch.gateway.ws;

import io.beatwatch.gateway.audit.AuditLog;
import io.beatwatch.gateway.auth.Revocations;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.live.LiveState;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.beatwatch.gateway.view.ViewReader;
import java.time.Clock;

/** What every console session needs, shared by all sessions of a gateway. */
public record SessionDeps(
        ViewReader view,
        LiveState state,
        SessionRegistry registry,
        GatewayMetrics metrics,
        AuditLog audit,
        GatewayConfig.Limits limits,
        GatewayConfig.Live live,
        Clock clock,
        Revocations revocations) {}
