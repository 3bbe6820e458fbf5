package io.beatwatch.gateway.http;

import io.beatwatch.gateway.ws.SessionDeps;
import io.beatwatch.gateway.ws.SessionGroup;
import io.beatwatch.gateway.ws.WsHandshake;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;

/**
 * One HTTP + WebSocket server instance on one event loop: the REST router, the WebSocket handshake,
 * and the console sessions accepted here. Several instances share the port.
 */
public final class HttpVerticle extends VerticleBase {

    private final ServerDeps deps;
    private final int port;
    private HttpServer server;
    private SessionGroup group;
    private Runnable unregister;

    public HttpVerticle(ServerDeps deps, int port) {
        this.deps = deps;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        var cfg = deps.config();
        var sessionDeps =
                new SessionDeps(
                        deps.view(),
                        deps.live(),
                        deps.sessions(),
                        deps.metrics(),
                        deps.audit(),
                        cfg.limits(),
                        cfg.live(),
                        deps.clock(),
                        deps.verifier().revocations());
        group = new SessionGroup(vertx, context, sessionDeps);
        group.start();
        unregister = deps.hub().register(context, group);
        var options =
                new HttpServerOptions()
                        .setHost(cfg.host())
                        .setPort(port)
                        .setMaxWebSocketFrameSize(cfg.limits().maxFrameBytes())
                        .setMaxWebSocketMessageSize(cfg.limits().maxFrameBytes())
                        .setMaxFormAttributeSize(cfg.limits().maxBodyBytes())
                        .setMaxHeaderSize(16 * 1024);
        var tls = cfg.tls();
        if (tls.enabled()) {
            options.setSsl(true)
                    .setKeyCertOptions(
                            tls.keyStore() != null
                                    ? new PfxOptions()
                                            .setPath(tls.keyStore().toString())
                                            .setPassword(tls.keyStorePassword())
                                    : new PemKeyCertOptions()
                                            .setCertPath(tls.certPem().toString())
                                            .setKeyPath(tls.keyPem().toString()));
        }
        if (cfg.limits().socketSendBufferBytes() > 0) {
            options.setSendBufferSize(cfg.limits().socketSendBufferBytes());
        }
        var handshake =
                new WsHandshake(
                        context,
                        deps.origins(),
                        deps.tickets(),
                        deps.sessions(),
                        group,
                        deps.metrics(),
                        deps.audit(),
                        deps.clock(),
                        hs ->
                                hs.remoteAddress() == null
                                        ? "unknown"
                                        : hs.remoteAddress().hostAddress());
        server =
                vertx.createHttpServer(options)
                        .requestHandler(RestApi.router(vertx, deps))
                        .webSocketHandshakeHandler(handshake)
                        .webSocketHandler(ws -> {});
        return server.listen();
    }

    /**
     * The client address of an upgrade: the TCP peer, or the proxy's X-Forwarded-For if trusted.
     */
    static String remoteOf(
            io.vertx.core.http.ServerWebSocketHandshake hs, boolean trustForwardedFor) {
        if (trustForwardedFor) {
            var xff = hs.headers().get("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                var first = xff.split(",")[0].trim();
                if (!first.isEmpty() && first.length() <= 64) {
                    return first;
                }
            }
        }
        return hs.remoteAddress() == null ? "unknown" : hs.remoteAddress().hostAddress();
    }

    /** The bound port (after start). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        if (unregister != null) {
            unregister.run();
        }
        if (group != null) {
            group.stop();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }
}
