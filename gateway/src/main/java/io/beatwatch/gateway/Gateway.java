package io.beatwatch.gateway;

import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.gateway.audit.AuditLog;
import io.beatwatch.gateway.auth.DevKeys;
import io.beatwatch.gateway.auth.DevTokens;
import io.beatwatch.gateway.auth.OriginPolicy;
import io.beatwatch.gateway.auth.Revocations;
import io.beatwatch.gateway.auth.TicketStore;
import io.beatwatch.gateway.auth.TokenVerifier;
import io.beatwatch.gateway.auth.TrustedKeys;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.http.HttpVerticle;
import io.beatwatch.gateway.http.ServerDeps;
import io.beatwatch.gateway.internal.Async;
import io.beatwatch.gateway.internal.KafkaPublisher;
import io.beatwatch.gateway.live.AlertStreamVerticle;
import io.beatwatch.gateway.live.LiveHub;
import io.beatwatch.gateway.live.LiveState;
import io.beatwatch.gateway.live.MapPollerVerticle;
import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.beatwatch.gateway.tips.ClientRateLimiter;
import io.beatwatch.gateway.tips.TipIntake;
import io.beatwatch.gateway.tips.TipService;
import io.beatwatch.gateway.tips.WindowRateLimiter;
import io.beatwatch.gateway.transparency.FeedClock;
import io.beatwatch.gateway.transparency.PatrolMinutesAggregator;
import io.beatwatch.gateway.transparency.PatrolMinutesSnapshot;
import io.beatwatch.gateway.transparency.PatrolMinutesVerticle;
import io.beatwatch.gateway.transparency.PublicFeedVerticle;
import io.beatwatch.gateway.transparency.PublicPageSnapshot;
import io.beatwatch.gateway.transparency.PublicPageVerticle;
import io.beatwatch.gateway.transparency.PublicSnapshot;
import io.beatwatch.gateway.view.ViewReader;
import io.beatwatch.gateway.ws.SessionRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and starts a gateway from its configuration: one Vert.x instance, one Redis client, one
 * Kafka producer, the alert stream reader, the map poller, the public feed consumer and N HTTP
 * verticles sharing the port. Embeddable: the demo calls {@link #start} and keeps the handle.
 */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    /** Longest a start may take before it is reported as failed. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** Bound on Lettuce's queue of commands waiting for a connection. */
    public static final int REDIS_REQUEST_QUEUE = 10_000;

    /** Redis command timeout (above the stream reader's block time). */
    public static final Duration REDIS_TIMEOUT = Duration.ofSeconds(10);

    private Gateway() {}

    /** Starts a gateway and waits until it listens; throws if any part fails to start. */
    public static RunningGateway start(GatewayConfig config) throws Exception {
        return start(config, Clock.systemUTC());
    }

    /** Starts a gateway with a given clock (tests). */
    public static RunningGateway start(GatewayConfig config, Clock clock) throws Exception {
        var closer = new ArrayList<AutoCloseable>();
        try {
            return doStart(config, clock, closer);
        } catch (Exception e) {
            for (int i = closer.size() - 1; i >= 0; i--) {
                try {
                    closer.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static RunningGateway doStart(
            GatewayConfig config, Clock clock, List<AutoCloseable> closer) throws Exception {
        var jwt = config.jwt();
        DevTokens devTokens = null;
        if (config.devLogins()) {
            devTokens = new DevTokens(DevKeys.generate(), jwt.issuer(), jwt.audience(), clock);
            LOG.warn("dev logins are ON: anyone reaching /api/dev/login gets a token (demo only)");
        }
        var trusted =
                new TrustedKeys(
                        jwt.publicKeyPem(),
                        jwt.publicKeyPath(),
                        devTokens == null ? null : devTokens.keys().publicKey());
        var keys = trusted.current();

        var cacheDir = Path.of(System.getProperty("java.io.tmpdir"), "beatwatch-vertx-cache");
        var vertx =
                Vertx.vertx(
                        new VertxOptions()
                                .setFileSystemOptions(
                                        new FileSystemOptions()
                                                .setFileCacheDir(cacheDir.toString())));
        closer.add(() -> await(vertx.close()));

        var prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(prometheus);
        new JvmMemoryMetrics().bindTo(prometheus);
        var gc = new JvmGcMetrics();
        gc.bindTo(prometheus);
        closer.add(gc);
        new JvmThreadMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        closer.add(prometheus::close);
        var metrics = new GatewayMetrics(prometheus);

        var redisUri = RedisURI.create(config.redisUri());
        var redis = RedisClient.create();
        redis.setOptions(
                ClientOptions.builder()
                        .requestQueueSize(REDIS_REQUEST_QUEUE)
                        .timeoutOptions(TimeoutOptions.enabled(REDIS_TIMEOUT))
                        .build());
        closer.add(redis::shutdown);
        var connection = redis.connect(StringCodec.UTF8, redisUri);
        closer.add(connection::close);
        var commands = connection.async();

        var kafka = new KafkaPublisher(vertx, config.kafkaBootstrap());
        closer.add(kafka);
        var audit = new AuditLog(clock, config.auditFile());
        closer.add(audit);

        var view = new ViewReader(commands);
        var hub = new LiveHub();
        var live = new LiveState();
        var publicFeed = new AtomicReference<PublicSnapshot>();
        var patrolMinutes = new AtomicReference<PatrolMinutesSnapshot>();
        var feedClock = new FeedClock(clock);
        var publicPage = new AtomicReference<PublicPageSnapshot>();
        var verifier =
                new TokenVerifier(keys, jwt.issuer(), jwt.audience(), jwt.clockSkew(), clock);
        if (trusted.file() != null) {
            long timer =
                    vertx.setPeriodic(
                            jwt.keyReload().toMillis(), id -> reloadKeys(vertx, trusted, verifier));
            closer.add(() -> vertx.cancelTimer(timer));
        }
        long revocationSync =
                vertx.setPeriodic(
                        REVOCATION_SYNC.toMillis(),
                        id -> syncRevocations(vertx, commands, verifier.revocations(), clock));
        closer.add(() -> vertx.cancelTimer(revocationSync));
        var deps =
                new ServerDeps(
                        config,
                        clock,
                        verifier,
                        devTokens,
                        new TicketStore(
                                commands, config.limits().ticketTtl(), verifier.revocations()),
                        new OriginPolicy(config.allowedOrigins()),
                        view,
                        kafka,
                        new TipIntake(config.tips()),
                        new TipService(kafka, commands, config.topics().tips(), config.tips()),
                        new ClientRateLimiter(config.limits().tipsPerMinute(), clock),
                        audit,
                        metrics,
                        prometheus,
                        hub,
                        live,
                        new SessionRegistry(config.limits().maxConnectionsPerUser()),
                        publicFeed,
                        patrolMinutes,
                        publicPage,
                        new WindowRateLimiter(
                                config.publicPage().tipsPerHour(),
                                config.publicPage().saltRotation(),
                                clock));

        var deployments = new ArrayList<String>();
        // Undeploy before the clients they use are closed (closers run in reverse order).
        closer.add(
                () -> {
                    for (int i = deployments.size() - 1; i >= 0; i--) {
                        await(vertx.undeploy(deployments.get(i)));
                    }
                });
        deployments.add(
                await(
                        vertx.deployVerticle(
                                new AlertStreamVerticle(
                                        redis,
                                        redisUri,
                                        hub,
                                        live,
                                        metrics,
                                        config.live(),
                                        clock))));
        deployments.add(
                await(
                        vertx.deployVerticle(
                                new MapPollerVerticle(view, hub, live, config.live(), clock))));
        deployments.add(
                await(
                        vertx.deployVerticle(
                                new PublicFeedVerticle(
                                        config.kafkaBootstrap(),
                                        config.topics().publicCalls(),
                                        config.publicFeed(),
                                        metrics,
                                        clock,
                                        publicFeed,
                                        feedClock))));
        deployments.add(
                await(
                        vertx.deployVerticle(
                                new PatrolMinutesVerticle(
                                        commands,
                                        new PatrolMinutesAggregator(
                                                config.publicFeed(),
                                                localZone(config.publicFeed())),
                                        feedClock,
                                        config.publicFeed().refreshInterval(),
                                        patrolMinutes))));
        deployments.add(
                await(
                        vertx.deployVerticle(
                                new PublicPageVerticle(
                                        config.kafkaBootstrap(),
                                        config.topics().publicCalls(),
                                        config.publicFeed(),
                                        config.publicPage(),
                                        localZone(config.publicFeed()),
                                        clock,
                                        publicPage))));
        int port = deployHttp(vertx, deps, config, deployments);
        LOG.info(
                "gateway listening on {}:{} with {} HTTP instance(s)",
                config.host(),
                port,
                config.httpInstances());
        return new RunningGateway(port, config, devTokens, prometheus, metrics, closer);
    }

    /**
     * The zone of the city's local days: the configured one, else the city profile's, else {@link
     * GatewayConfig.PublicFeed#LATEST_ZONE} (a day is over once it is over everywhere).
     */
    static java.time.ZoneId localZone(GatewayConfig.PublicFeed feed) {
        if (feed.zone() != null) {
            return feed.zone();
        }
        if (feed.cityProfile() != null) {
            return CityProfiles.load(feed.cityProfile()).zone();
        }
        LOG.warn(
                "publicFeed.zone not set and no cityProfile: patrol days end at {} (set the city's"
                        + " zone)",
                GatewayConfig.PublicFeed.LATEST_ZONE);
        return GatewayConfig.PublicFeed.LATEST_ZONE;
    }

    /**
     * Deploys the HTTP verticle as one deployment of N instances sharing the listening socket
     * (Vert.x round-robins connections across their event loops). Vert.x shares only an explicit
     * port, so "any free port" (0) picks one first and retries if another process took it.
     */
    private static int deployHttp(
            Vertx vertx, ServerDeps deps, GatewayConfig config, List<String> deployments)
            throws Exception {
        int attempts = config.port() == 0 ? 5 : 1;
        for (int attempt = 1; ; attempt++) {
            int port = config.port() == 0 ? freePort(config.host()) : config.port();
            try {
                deployments.add(
                        await(
                                vertx.deployVerticle(
                                        () -> new HttpVerticle(deps, port),
                                        new DeploymentOptions()
                                                .setInstances(config.httpInstances()))));
                return port;
            } catch (java.net.BindException e) {
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }

    /** How often each gateway reads the revoked sessions other instances wrote. */
    static final Duration REVOCATION_SYNC = Duration.ofSeconds(2);

    /** Mirrors the revoked sessions from Redis and drops those older than any token. */
    private static void syncRevocations(
            Vertx vertx,
            RedisAsyncCommands<String, String> redis,
            Revocations revocations,
            Clock clock) {
        var context = vertx.getOrCreateContext();
        Async.on(context, redis.hgetall(Revocations.KEY))
                .onSuccess(
                        stored -> {
                            var stale = revocations.replaceWith(stored, clock.instant());
                            if (!stale.isEmpty()) {
                                redis.hdel(Revocations.KEY, stale.toArray(String[]::new));
                            }
                        })
                .onFailure(e -> LOG.debug("revoked sessions not read: {}", e.toString()));
    }

    /** Reads the key file again off the event loop; a bad file keeps the keys trusted now. */
    private static void reloadKeys(Vertx vertx, TrustedKeys trusted, TokenVerifier verifier) {
        vertx.executeBlocking(trusted::reload, false)
                .onSuccess(
                        changed ->
                                changed.ifPresent(
                                        keys -> {
                                            verifier.trust(keys);
                                            LOG.info(
                                                    "trusted keys reloaded from {}: {} key(s)",
                                                    trusted.file(),
                                                    keys.size());
                                        }))
                .onFailure(
                        e ->
                                LOG.warn(
                                        "key file {} not reloaded ({}); still trusting {} key(s)",
                                        trusted.file(),
                                        e.getMessage(),
                                        trusted.current().size()));
    }

    private static int freePort(String host) throws java.io.IOException {
        try (var s = new java.net.ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(host, 0));
            return s.getLocalPort();
        }
    }

    static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage()
                    .toCompletableFuture()
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
