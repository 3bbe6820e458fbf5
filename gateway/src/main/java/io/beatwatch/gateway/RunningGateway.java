package io.beatwatch.gateway;

import io.beatwatch.gateway.auth.DevTokens;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started gateway: its port, its dev tokens (if dev logins are on), its meters; close to stop.
 */
public final class RunningGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningGateway.class);

    private final int port;
    private final GatewayConfig config;
    private final DevTokens devTokens;
    private final MeterRegistry registry;
    private final GatewayMetrics metrics;
    private final List<AutoCloseable> closers;
    private boolean closed;

    RunningGateway(
            int port,
            GatewayConfig config,
            DevTokens devTokens,
            MeterRegistry registry,
            GatewayMetrics metrics,
            List<AutoCloseable> closers) {
        this.port = port;
        this.config = config;
        this.devTokens = devTokens;
        this.registry = registry;
        this.metrics = metrics;
        this.closers = new ArrayList<>(closers);
    }

    /** The port the gateway listens on (the real one when configured with 0). */
    public int port() {
        return port;
    }

    public GatewayConfig config() {
        return config;
    }

    /** Signs dev tokens; present only when dev logins are on. */
    public Optional<DevTokens> devTokens() {
        return Optional.ofNullable(devTokens);
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Stops everything: sessions, verticles, Vert.x, Kafka, Redis, the audit file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = closers.size() - 1; i >= 0; i--) {
            try {
                closers.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping the gateway: {}", e.toString());
            }
        }
    }
}
