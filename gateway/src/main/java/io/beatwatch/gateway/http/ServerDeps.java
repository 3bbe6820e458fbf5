package io.beatwatch.gateway.http;

import io.beatwatch.gateway.audit.AuditLog;
import io.beatwatch.gateway.auth.DevTokens;
import io.beatwatch.gateway.auth.OriginPolicy;
import io.beatwatch.gateway.auth.TicketStore;
import io.beatwatch.gateway.auth.TokenVerifier;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.KafkaPublisher;
import io.beatwatch.gateway.live.LiveHub;
import io.beatwatch.gateway.live.LiveState;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.beatwatch.gateway.tips.ClientRateLimiter;
import io.beatwatch.gateway.tips.TipIntake;
import io.beatwatch.gateway.tips.TipService;
import io.beatwatch.gateway.tips.WindowRateLimiter;
import io.beatwatch.gateway.transparency.PatrolMinutesSnapshot;
import io.beatwatch.gateway.transparency.PublicPageSnapshot;
import io.beatwatch.gateway.transparency.PublicSnapshot;
import io.beatwatch.gateway.view.ViewReader;
import io.beatwatch.gateway.ws.SessionRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared services every HTTP verticle instance uses, built once by the gateway and passed in
 * through the constructor. {@code devTokens} is null unless dev logins are on.
 */
public record ServerDeps(
        GatewayConfig config,
        Clock clock,
        TokenVerifier verifier,
        DevTokens devTokens,
        TicketStore tickets,
        OriginPolicy origins,
        ViewReader view,
        KafkaPublisher kafka,
        TipIntake tipIntake,
        TipService tips,
        ClientRateLimiter tipLimiter,
        AuditLog audit,
        GatewayMetrics metrics,
        PrometheusMeterRegistry prometheus,
        LiveHub hub,
        LiveState live,
        SessionRegistry sessions,
        AtomicReference<PublicSnapshot> publicFeed,
        AtomicReference<PatrolMinutesSnapshot> patrolMinutes,
        AtomicReference<PublicPageSnapshot> publicPage,
        WindowRateLimiter tipFormLimiter) {}
