package io.beatwatch.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Typed, validated configuration of one gateway instance. Built once at the edge (file plus
 * environment, see {@link GatewayConfigLoader}) and passed into constructors; nothing below reads
 * the environment.
 */
public record GatewayConfig(
        String host,
        int port,
        int httpInstances,
        String redisUri,
        String kafkaBootstrap,
        Topics topics,
        Jwt jwt,
        List<String> allowedOrigins,
        Limits limits,
        Live live,
        Tips tips,
        PublicFeed publicFeed,
        boolean devLogins,
        Path auditFile,
        boolean trustForwardedFor,
        PublicPage publicPage,
        MapLayers map,
        Tls tls) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_REDIS_URI = "redis://localhost:6379";
    public static final String DEFAULT_KAFKA_BOOTSTRAP = "localhost:9092";
    public static final List<String> DEFAULT_ALLOWED_ORIGINS = List.of("http://localhost:8080");

    public GatewayConfig {
        requireText(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = any free port)");
        }
        if (httpInstances < 1 || httpInstances > 64) {
            throw new IllegalArgumentException("httpInstances must be 1..64");
        }
        requireText(redisUri, "redisUri");
        if (!redisUri.startsWith("redis://") && !redisUri.startsWith("rediss://")) {
            throw new IllegalArgumentException("redisUri must start with redis:// or rediss://");
        }
        requireText(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(tips, "tips");
        Objects.requireNonNull(publicPage, "publicPage");
        Objects.requireNonNull(publicFeed, "publicFeed");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(tls, "tls");
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
        if (allowedOrigins.isEmpty()) {
            throw new IllegalArgumentException("allowedOrigins must list at least one origin");
        }
        allowedOrigins.forEach(GatewayConfig::requireExactOrigin);
        // A healthy console must be able to absorb one stream batch or replay page without
        // tripping the slow-console cap.
        if (live.streamBatch() * 2 > limits.maxQueuedMessages()
                || live.replayPage() * 2 > limits.maxQueuedMessages()) {
            throw new IllegalArgumentException(
                    "live.streamBatch and live.replayPage must be at most half of"
                            + " limits.maxQueuedMessages");
        }
        if (!devLogins && !jwt.hasKey()) {
            throw new IllegalArgumentException(
                    "jwt.publicKeyPem or jwt.publicKeyPath is required unless devLogins is on");
        }
    }

    /** A builder preloaded with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preloaded with this configuration's values. */
    public Builder toBuilder() {
        var b = new Builder();
        b.host = host;
        b.port = port;
        b.httpInstances = httpInstances;
        b.redisUri = redisUri;
        b.kafkaBootstrap = kafkaBootstrap;
        b.topics = topics;
        b.jwt = jwt;
        b.allowedOrigins = new ArrayList<>(allowedOrigins);
        b.limits = limits;
        b.live = live;
        b.tips = tips;
        b.publicFeed = publicFeed;
        b.devLogins = devLogins;
        b.auditFile = auditFile;
        b.trustForwardedFor = trustForwardedFor;
        b.publicPage = publicPage;
        b.map = map;
        b.tls = tls;
        return b;
    }

    /**
     * An origin is compared byte for byte with the browser's {@code Origin} header, so it must be
     * exactly {@code scheme://host[:port]}: no wildcard, path or trailing slash.
     */
    static void requireExactOrigin(String origin) {
        requireText(origin, "allowedOrigins entry");
        if (origin.contains("*")) {
            throw new IllegalArgumentException("wildcard origins are not allowed: " + origin);
        }
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an origin: " + origin, e);
        }
        var scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null
                || !origin.equals(origin.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "origin must be lower-case scheme://host[:port]: " + origin);
        }
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }

    static void requireRange(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max);
        }
    }

    /** Kafka topics the gateway writes (tips, patrol feedback) and reads (calls, public feed). */
    public record Topics(String tips, String patrolFeedback, String cfs, String publicCalls) {
        public static final String DEFAULT_TIPS = "beatwatch.tips";
        public static final String DEFAULT_PATROL_FEEDBACK = "beatwatch.patrol-feedback";
        public static final String DEFAULT_CFS = "beatwatch.cfs";

        /**
         * What the public feed reads: the job's calls with sensitivity decided at decode (core
         * {@code PublicCall}), never the raw {@code cfs} topic.
         */
        public static final String DEFAULT_PUBLIC_CALLS = "beatwatch.public-calls";

        public Topics {
            requireText(tips, "topics.tips");
            requireText(patrolFeedback, "topics.patrolFeedback");
            requireText(cfs, "topics.cfs");
            requireText(publicCalls, "topics.publicCalls");
        }

        /** The given topics with the default public-calls topic. */
        public Topics(String tips, String patrolFeedback, String cfs) {
            this(tips, patrolFeedback, cfs, DEFAULT_PUBLIC_CALLS);
        }

        public static Topics defaults() {
            return new Topics(DEFAULT_TIPS, DEFAULT_PATROL_FEEDBACK, DEFAULT_CFS);
        }
    }

    /**
     * How bearer tokens are checked: RS256 only, with these public keys (inline PEM or a file; each
     * may hold several {@code BEGIN PUBLIC KEY} blocks), issuer and audience (the token's {@code
     * aud} must name it, so a token the identity provider minted for another service is refused),
     * allowing a small clock skew. The key file is read again every {@code keyReload}: to rotate,
     * add the new key to the file, move the identity provider to it, then remove the old one;
     * tokens signed by a removed key are refused from the next reload on, without a restart.
     */
    public record Jwt(
            String publicKeyPem,
            Path publicKeyPath,
            String issuer,
            Duration clockSkew,
            String audience,
            Duration keyReload) {
        public static final String DEFAULT_ISSUER = "beatwatch";
        public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
        public static final String DEFAULT_AUDIENCE = "beatwatch-gateway";
        public static final Duration DEFAULT_KEY_RELOAD = Duration.ofSeconds(60);

        /** With the default key reload interval. */
        public Jwt(
                String publicKeyPem,
                Path publicKeyPath,
                String issuer,
                Duration clockSkew,
                String audience) {
            this(publicKeyPem, publicKeyPath, issuer, clockSkew, audience, DEFAULT_KEY_RELOAD);
        }

        public Jwt {
            Objects.requireNonNull(keyReload, "jwt.keyReload");
            if (keyReload.compareTo(Duration.ofMillis(100)) < 0
                    || keyReload.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("jwt.keyReload must be 100 ms..24 h");
            }
            requireText(issuer, "jwt.issuer");
            requireText(audience, "jwt.audience");
            Objects.requireNonNull(clockSkew, "jwt.clockSkew");
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("jwt.clockSkew must be 0..5 minutes");
            }
            if (publicKeyPem != null && publicKeyPem.isBlank()) {
                publicKeyPem = null;
            }
        }

        public boolean hasKey() {
            return publicKeyPem != null || publicKeyPath != null;
        }

        public static Jwt defaults() {
            return new Jwt(null, null, DEFAULT_ISSUER, DEFAULT_CLOCK_SKEW, DEFAULT_AUDIENCE);
        }
    }

    /** Size, rate and queue limits that keep one client from hurting the others. */
    public record Limits(
            int maxFrameBytes,
            int maxConnectionsPerUser,
            int maxQueuedMessages,
            Duration drainTimeout,
            int tipsPerMinute,
            int maxBodyBytes,
            Duration ticketTtl,
            int socketSendBufferBytes,
            int maxNoteChars) {
        public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
        public static final int DEFAULT_MAX_CONNECTIONS_PER_USER = 5;
        public static final int DEFAULT_MAX_QUEUED_MESSAGES = 1000;
        public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
        public static final int DEFAULT_TIPS_PER_MINUTE = 10;
        public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;
        public static final Duration DEFAULT_TICKET_TTL = Duration.ofSeconds(30);
        public static final int DEFAULT_SOCKET_SEND_BUFFER_BYTES = 0;
        public static final int DEFAULT_MAX_NOTE_CHARS = 500;

        public Limits {
            requireRange(maxFrameBytes, 1024, 1 << 20, "limits.maxFrameBytes");
            requireRange(maxConnectionsPerUser, 1, 1000, "limits.maxConnectionsPerUser");
            requireRange(maxQueuedMessages, 1, 1_000_000, "limits.maxQueuedMessages");
            requirePositive(drainTimeout, "limits.drainTimeout");
            requireRange(tipsPerMinute, 1, 10_000, "limits.tipsPerMinute");
            requireRange(maxBodyBytes, 256, 1 << 20, "limits.maxBodyBytes");
            requirePositive(ticketTtl, "limits.ticketTtl");
            if (ticketTtl.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("limits.ticketTtl must be at most 5 minutes");
            }
            requireRange(socketSendBufferBytes, 0, 64 << 20, "limits.socketSendBufferBytes");
            requireRange(maxNoteChars, 1, 10_000, "limits.maxNoteChars");
        }

        public static Limits defaults() {
            return new Limits(
                    DEFAULT_MAX_FRAME_BYTES,
                    DEFAULT_MAX_CONNECTIONS_PER_USER,
                    DEFAULT_MAX_QUEUED_MESSAGES,
                    DEFAULT_DRAIN_TIMEOUT,
                    DEFAULT_TIPS_PER_MINUTE,
                    DEFAULT_MAX_BODY_BYTES,
                    DEFAULT_TICKET_TTL,
                    DEFAULT_SOCKET_SEND_BUFFER_BYTES,
                    DEFAULT_MAX_NOTE_CHARS);
        }
    }

    /** How the live view is read from Redis and pushed to consoles. */
    public record Live(
            List<Integer> windows,
            int defaultWindow,
            int topCellsPerDistrict,
            Duration mapPollInterval,
            Duration cellsFlushInterval,
            Duration pingInterval,
            int streamBatch,
            Duration streamBlock,
            int replayPage) {
        public static final List<Integer> DEFAULT_WINDOWS = List.of(30, 60, 180);
        public static final int DEFAULT_WINDOW = 60;
        public static final int DEFAULT_TOP_CELLS = 200;
        public static final Duration DEFAULT_MAP_POLL = Duration.ofSeconds(1);
        public static final Duration DEFAULT_CELLS_FLUSH = Duration.ofMillis(500);
        public static final Duration DEFAULT_PING = Duration.ofSeconds(20);
        public static final int DEFAULT_STREAM_BATCH = 200;
        public static final Duration DEFAULT_STREAM_BLOCK = Duration.ofSeconds(1);
        public static final int DEFAULT_REPLAY_PAGE = 200;

        public Live {
            windows = List.copyOf(Objects.requireNonNull(windows, "live.windows"));
            if (windows.isEmpty() || windows.stream().anyMatch(w -> w <= 0 || w > 7 * 24 * 60)) {
                throw new IllegalArgumentException("live.windows must be positive minutes");
            }
            if (!windows.contains(defaultWindow)) {
                throw new IllegalArgumentException("live.defaultWindow must be one of windows");
            }
            requireRange(topCellsPerDistrict, 1, 10_000, "live.topCellsPerDistrict");
            requirePositive(mapPollInterval, "live.mapPollInterval");
            requirePositive(cellsFlushInterval, "live.cellsFlushInterval");
            requirePositive(pingInterval, "live.pingInterval");
            requireRange(streamBatch, 1, 10_000, "live.streamBatch");
            requirePositive(streamBlock, "live.streamBlock");
            requireRange(replayPage, 1, 10_000, "live.replayPage");
        }

        public static Live defaults() {
            return new Live(
                    DEFAULT_WINDOWS,
                    DEFAULT_WINDOW,
                    DEFAULT_TOP_CELLS,
                    DEFAULT_MAP_POLL,
                    DEFAULT_CELLS_FLUSH,
                    DEFAULT_PING,
                    DEFAULT_STREAM_BATCH,
                    DEFAULT_STREAM_BLOCK,
                    DEFAULT_REPLAY_PAGE);
        }
    }

    /** Tips intake: accepted categories and channels, text cap, how long tip detail is kept. */
    public record Tips(
            List<String> categories,
            List<String> channels,
            int maxTextChars,
            int cellResolution,
            Duration detailTtl) {
        public static final List<String> DEFAULT_CATEGORIES =
                List.of("drugs", "violence", "weapons", "property", "disorder", "traffic", "other");
        public static final List<String> DEFAULT_CHANNELS = List.of("web", "app", "sms", "phone");
        public static final int DEFAULT_MAX_TEXT_CHARS = 1000;
        public static final int DEFAULT_CELL_RESOLUTION = 9;
        public static final Duration DEFAULT_DETAIL_TTL = Duration.ofHours(72);

        public Tips {
            categories = List.copyOf(Objects.requireNonNull(categories, "tips.categories"));
            channels = List.copyOf(Objects.requireNonNull(channels, "tips.channels"));
            if (categories.isEmpty() || channels.isEmpty()) {
                throw new IllegalArgumentException(
                        "tips.categories and tips.channels are required");
            }
            requireRange(maxTextChars, 0, 10_000, "tips.maxTextChars");
            requireRange(cellResolution, 0, 15, "tips.cellResolution");
            requirePositive(detailTtl, "tips.detailTtl");
        }

        public static Tips defaults() {
            return new Tips(
                    DEFAULT_CATEGORIES,
                    DEFAULT_CHANNELS,
                    DEFAULT_MAX_TEXT_CHARS,
                    DEFAULT_CELL_RESOLUTION,
                    DEFAULT_DETAIL_TTL);
        }
    }

    /**
     * The public transparency feed (ARCHITECTURE section 7): resolution 8 or coarser, published
     * with a delay, small counts suppressed, sensitive calls excluded (decided by the job at decode
     * from its city profile and carried on {@code PublicCall}: the gateway never decides it, so no
     * gateway config can forget it). The same delay and k apply to the patrol minutes per district
     * and day ({@code patrolDays} complete local days in {@code zone}, minutes rounded to {@code
     * patrolRoundMinutes}). {@code zone} null means the city profile's zone if one is named, else
     * {@link #LATEST_ZONE}.
     */
    public record PublicFeed(
            Duration delay,
            Duration period,
            int minCount,
            int resolution,
            boolean includeOfficerInitiated,
            Duration refreshInterval,
            String cityProfile,
            ZoneId zone,
            int patrolDays,
            int patrolRoundMinutes) {
        public static final Duration DEFAULT_DELAY = Duration.ofMinutes(60);
        public static final Duration DEFAULT_PERIOD = Duration.ofHours(24);
        public static final int DEFAULT_MIN_COUNT = 5;
        public static final int DEFAULT_RESOLUTION = 8;
        public static final int MAX_RESOLUTION = 8;
        public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(1);
        public static final int DEFAULT_PATROL_DAYS = 7;
        public static final int DEFAULT_PATROL_ROUND_MINUTES = 5;

        /**
         * The day boundaries used when neither {@code zone} nor a city profile is configured: the
         * last offset on Earth (UTC-12), so a local day counts as over only once it is over in
         * every time zone and an unconfigured gateway never publishes part of the current day.
         */
        public static final ZoneId LATEST_ZONE = ZoneOffset.ofHours(-12);

        /** The job keeps a day's dosage summary this many days (RedisKeys.DOSAGE_TTL). */
        public static final int MAX_PATROL_DAYS = 8;

        public PublicFeed {
            Objects.requireNonNull(delay, "publicFeed.delay");
            if (delay.compareTo(Duration.ofMinutes(15)) < 0) {
                throw new IllegalArgumentException("publicFeed.delay must be at least 15 minutes");
            }
            requirePositive(period, "publicFeed.period");
            if (period.compareTo(Duration.ofHours(1)) < 0
                    || period.toMinutes() % 60 != 0
                    || period.compareTo(Duration.ofDays(31)) > 0) {
                throw new IllegalArgumentException(
                        "publicFeed.period must be whole hours, 1 h .. 31 days");
            }
            requireRange(minCount, 2, 1000, "publicFeed.minCount");
            requireRange(resolution, 0, MAX_RESOLUTION, "publicFeed.resolution (8 or coarser)");
            requirePositive(refreshInterval, "publicFeed.refreshInterval");
            if (cityProfile != null && cityProfile.isBlank()) {
                cityProfile = null;
            }
            requireRange(patrolDays, 1, MAX_PATROL_DAYS, "publicFeed.patrolDays");
            requireRange(patrolRoundMinutes, 1, 60, "publicFeed.patrolRoundMinutes");
        }

        /** The hotspot settings with the default zone and patrol-minutes settings. */
        public PublicFeed(
                Duration delay,
                Duration period,
                int minCount,
                int resolution,
                boolean includeOfficerInitiated,
                Duration refreshInterval,
                String cityProfile) {
            this(
                    delay,
                    period,
                    minCount,
                    resolution,
                    includeOfficerInitiated,
                    refreshInterval,
                    cityProfile,
                    null,
                    DEFAULT_PATROL_DAYS,
                    DEFAULT_PATROL_ROUND_MINUTES);
        }

        /** The same settings with another refresh interval (tests, demo). */
        public PublicFeed withRefreshInterval(Duration interval) {
            return new PublicFeed(
                    delay,
                    period,
                    minCount,
                    resolution,
                    includeOfficerInitiated,
                    interval,
                    cityProfile,
                    zone,
                    patrolDays,
                    patrolRoundMinutes);
        }

        /** The same settings with another time zone for local days (tests, demo). */
        public PublicFeed withZone(ZoneId newZone) {
            return new PublicFeed(
                    delay,
                    period,
                    minCount,
                    resolution,
                    includeOfficerInitiated,
                    refreshInterval,
                    cityProfile,
                    newZone,
                    patrolDays,
                    patrolRoundMinutes);
        }

        public static PublicFeed defaults() {
            return new PublicFeed(
                    DEFAULT_DELAY,
                    DEFAULT_PERIOD,
                    DEFAULT_MIN_COUNT,
                    DEFAULT_RESOLUTION,
                    false,
                    DEFAULT_REFRESH,
                    null,
                    null,
                    DEFAULT_PATROL_DAYS,
                    DEFAULT_PATROL_ROUND_MINUTES);
        }
    }

    /**
     * The public transparency page and tip form at {@code /public/} (built on the public feed's
     * rules): how many complete local days of daily aggregates it keeps ({@code historyDays}), the
     * trend windows (the last {@code trendDays} against the {@code baselineDays} before), the open
     * licence and publisher named on the page and in every download, the impact result shown if the
     * file exists ({@code impactFile}, null for none), and the tip form's rate limit per client
     * ({@code tipsPerHour}, keyed by a hash under a salt replaced every {@code saltRotation}).
     */
    public record PublicPage(
            int historyDays,
            int trendDays,
            int baselineDays,
            String publisher,
            String licenceName,
            String licenceUrl,
            Path impactFile,
            int tipsPerHour,
            Duration saltRotation) {
        public static final int DEFAULT_HISTORY_DAYS = 84;
        public static final int DEFAULT_TREND_DAYS = 28;
        public static final int DEFAULT_BASELINE_DAYS = 56;
        public static final String DEFAULT_PUBLISHER = "Beatwatch demo agency";
        public static final String DEFAULT_LICENCE_NAME = "CC BY 4.0";
        public static final String DEFAULT_LICENCE_URL =
                "https://creativecommons.org/licenses/by/4.0/";
        public static final Path DEFAULT_IMPACT_FILE =
                Path.of("docs/impact/san-antonio/figures.json");
        public static final int DEFAULT_TIPS_PER_HOUR = 10;
        public static final Duration DEFAULT_SALT_ROTATION = Duration.ofHours(1);

        public PublicPage {
            requireRange(historyDays, 7, 400, "publicPage.historyDays");
            requireRange(trendDays, 7, 92, "publicPage.trendDays");
            requireRange(baselineDays, 7, 364, "publicPage.baselineDays");
            if (trendDays + baselineDays > historyDays) {
                throw new IllegalArgumentException(
                        "publicPage.trendDays + baselineDays must be at most historyDays");
            }
            requireText(publisher, "publicPage.publisher");
            requireText(licenceName, "publicPage.licenceName");
            requireText(licenceUrl, "publicPage.licenceUrl");
            requireRange(tipsPerHour, 1, 10_000, "publicPage.tipsPerHour");
            requirePositive(saltRotation, "publicPage.saltRotation");
        }

        public static PublicPage defaults() {
            return new PublicPage(
                    DEFAULT_HISTORY_DAYS,
                    DEFAULT_TREND_DAYS,
                    DEFAULT_BASELINE_DAYS,
                    DEFAULT_PUBLISHER,
                    DEFAULT_LICENCE_NAME,
                    DEFAULT_LICENCE_URL,
                    DEFAULT_IMPACT_FILE,
                    DEFAULT_TIPS_PER_HOUR,
                    DEFAULT_SALT_ROTATION);
        }

        /** The same settings with another impact file (null: none). */
        public PublicPage withImpactFile(Path file) {
            return new PublicPage(
                    historyDays,
                    trendDays,
                    baselineDays,
                    publisher,
                    licenceName,
                    licenceUrl,
                    file,
                    tipsPerHour,
                    saltRotation);
        }
    }

    /**
     * HTTPS and WSS for the gateway itself (off by default: a reverse proxy usually terminates
     * TLS). Either a PKCS#12 key store with its password, or a PEM certificate chain and its PEM
     * private key (PKCS#8). The password is never printed ({@link #toString}).
     */
    public record Tls(Path keyStore, String keyStorePassword, Path certPem, Path keyPem) {

        public static final Tls OFF = new Tls(null, null, null, null);

        public Tls {
            if (keyStore != null && (certPem != null || keyPem != null)) {
                throw new IllegalArgumentException(
                        "tls: configure keyStore or certPath + keyPath, not both");
            }
            if ((certPem == null) != (keyPem == null)) {
                throw new IllegalArgumentException("tls: certPath and keyPath go together");
            }
            if (keyStore != null && keyStorePassword == null) {
                throw new IllegalArgumentException(
                        "tls.keyStorePassword (or BEATWATCH_TLS_KEYSTORE_PASSWORD) is required with"
                                + " tls.keyStore");
            }
        }

        /** Whether the gateway serves HTTPS / WSS. */
        public boolean enabled() {
            return keyStore != null || certPem != null;
        }

        @Override
        public String toString() {
            return "Tls[keyStore="
                    + keyStore
                    + ", keyStorePassword="
                    + (keyStorePassword == null ? null : "***")
                    + ", certPem="
                    + certPem
                    + ", keyPem="
                    + keyPem
                    + "]";
        }
    }

    /**
     * What the console draws under the hotspots. {@code tileUrl}: an XYZ raster tile template
     * ({@code https://tiles.agency.example/{z}/{x}/{y}.png}) of a server the agency chooses, or a
     * WMS GetMap template with {@code {bbox}} (EPSG:3857 west,south,east,north of each 256 px
     * tile); or {@code wmsUrl} with {@code wmsLayers}: the agency's WMS endpoint, asked for 256 px
     * EPSG:3857 PNG tiles. Either needs its {@code tileAttribution}; {@code tileMaxZoom} caps both.
     * None draws no base layer, so nothing is fetched from outside unless configured. {@code
     * districtsFile}: the agency's district (and beat) boundaries (GeoJSON); null falls back to the
     * city profile's {@code config/cities/<profile>.districts.geojson} if it exists, else outlines
     * derived from the cells of each district in the view.
     */
    public record MapLayers(
            String tileUrl,
            String tileAttribution,
            int tileMaxZoom,
            Path districtsFile,
            String wmsUrl,
            String wmsLayers) {
        public static final int DEFAULT_TILE_MAX_ZOOM = 19;

        /** Where city profiles keep their boundaries, relative to the working directory. */
        public static final Path PROFILE_DIR = Path.of("config", "cities");

        /** The WMS tile the console asks for: one 256 px EPSG:3857 PNG per tile of the map. */
        static final String WMS_GETMAP =
                "SERVICE=WMS&REQUEST=GetMap&VERSION=1.1.1&STYLES=&FORMAT=image/png"
                        + "&TRANSPARENT=false&SRS=EPSG:3857&WIDTH=256&HEIGHT=256&BBOX={bbox}&LAYERS=";

        public MapLayers {
            if (tileUrl != null && tileUrl.isBlank()) {
                tileUrl = null;
            }
            if (wmsUrl != null && wmsUrl.isBlank()) {
                wmsUrl = null;
            }
            if (tileUrl != null && wmsUrl != null) {
                throw new IllegalArgumentException(
                        "map.tileUrl and map.wmsUrl are alternatives: configure one base layer");
            }
            if (tileUrl != null) {
                if (!(tileUrl.startsWith("https://") || tileUrl.startsWith("http://"))) {
                    throw new IllegalArgumentException("map.tileUrl must be an http(s) URL");
                }
                boolean xyz =
                        tileUrl.contains("{z}")
                                && tileUrl.contains("{x}")
                                && tileUrl.contains("{y}");
                if (!xyz && !tileUrl.contains("{bbox}")) {
                    throw new IllegalArgumentException(
                            "map.tileUrl must contain {z}, {x} and {y} (XYZ) or {bbox} (WMS): "
                                    + tileUrl);
                }
            }
            if (wmsUrl != null) {
                if (!(wmsUrl.startsWith("https://") || wmsUrl.startsWith("http://"))) {
                    throw new IllegalArgumentException("map.wmsUrl must be an http(s) URL");
                }
                if (wmsUrl.contains("{")) {
                    throw new IllegalArgumentException(
                            "map.wmsUrl is the service's base URL; a template goes in map.tileUrl");
                }
                requireText(wmsLayers, "map.wmsLayers (required with map.wmsUrl)");
            }
            if (tileUrl != null || wmsUrl != null) {
                // tile licences require it, and the console shows it on the map
                requireText(
                        tileAttribution,
                        "map.tileAttribution (required with map.tileUrl or map.wmsUrl)");
            }
            requireRange(tileMaxZoom, 0, 24, "map.tileMaxZoom");
        }

        public static MapLayers defaults() {
            return new MapLayers(null, null, DEFAULT_TILE_MAX_ZOOM, null, null, null);
        }

        /** The same with a base layer (an XYZ or {@code {bbox}} template). */
        public MapLayers withTiles(String url, String attribution, int maxZoom) {
            return new MapLayers(url, attribution, maxZoom, districtsFile, null, null);
        }

        /** The same with a WMS base layer: the service's URL and its comma-separated layers. */
        public MapLayers withWms(String url, String layers, String attribution, int maxZoom) {
            return new MapLayers(null, attribution, maxZoom, districtsFile, url, layers);
        }

        /**
         * The template the console fills per tile: {@code tileUrl} as configured, or the WMS GetMap
         * request of {@code wmsUrl} with {@code {bbox}}; null without a base layer.
         */
        public String tileTemplate() {
            if (tileUrl != null) {
                return tileUrl;
            }
            if (wmsUrl == null) {
                return null;
            }
            return wmsUrl
                    + (wmsUrl.contains("?")
                            ? (wmsUrl.endsWith("?") || wmsUrl.endsWith("&") ? "" : "&")
                            : "?")
                    + WMS_GETMAP
                    + java.net.URLEncoder.encode(
                            wmsLayers.strip(), java.nio.charset.StandardCharsets.UTF_8);
        }

        /** Whether the template is a WMS one (the console computes each tile's bbox). */
        public boolean isWms() {
            var t = tileTemplate();
            return t != null && t.contains("{bbox}");
        }

        /** The same with a boundaries file (null: the profile's, else derived). */
        public MapLayers withDistrictsFile(Path file) {
            return new MapLayers(tileUrl, tileAttribution, tileMaxZoom, file, wmsUrl, wmsLayers);
        }

        public boolean hasTiles() {
            return tileUrl != null || wmsUrl != null;
        }

        /**
         * The boundaries file to read: the configured one, else the city profile's by convention (a
         * profile given by name), else null.
         */
        public Path boundariesFor(String cityProfile) {
            if (districtsFile != null) {
                return districtsFile;
            }
            if (cityProfile == null || !cityProfile.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                return null;
            }
            return PROFILE_DIR.resolve(cityProfile + ".districts.geojson");
        }
    }

    /** Mutable builder with every default filled in; {@link #build()} validates. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int httpInstances = Math.max(1, Runtime.getRuntime().availableProcessors());
        private String redisUri = DEFAULT_REDIS_URI;
        private String kafkaBootstrap = DEFAULT_KAFKA_BOOTSTRAP;
        private Topics topics = Topics.defaults();
        private Jwt jwt = Jwt.defaults();
        private List<String> allowedOrigins = new ArrayList<>(DEFAULT_ALLOWED_ORIGINS);
        private Limits limits = Limits.defaults();
        private Live live = Live.defaults();
        private Tips tips = Tips.defaults();
        private PublicFeed publicFeed = PublicFeed.defaults();
        private boolean devLogins;
        private Path auditFile;
        private boolean trustForwardedFor;
        private PublicPage publicPage = PublicPage.defaults();
        private MapLayers map = MapLayers.defaults();
        private Tls tls = Tls.OFF;

        private Builder() {}

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder httpInstances(int v) {
            httpInstances = v;
            return this;
        }

        public Builder redisUri(String v) {
            redisUri = v;
            return this;
        }

        public Builder kafkaBootstrap(String v) {
            kafkaBootstrap = v;
            return this;
        }

        public Builder topics(Topics v) {
            topics = v;
            return this;
        }

        public Builder jwt(Jwt v) {
            jwt = v;
            return this;
        }

        public Builder allowedOrigins(List<String> v) {
            allowedOrigins = new ArrayList<>(v);
            return this;
        }

        public Builder limits(Limits v) {
            limits = v;
            return this;
        }

        public Builder live(Live v) {
            live = v;
            return this;
        }

        public Builder tips(Tips v) {
            tips = v;
            return this;
        }

        public Builder publicFeed(PublicFeed v) {
            publicFeed = v;
            return this;
        }

        public Builder devLogins(boolean v) {
            devLogins = v;
            return this;
        }

        public Builder auditFile(Path v) {
            auditFile = v;
            return this;
        }

        public Builder trustForwardedFor(boolean v) {
            trustForwardedFor = v;
            return this;
        }

        public Builder publicPage(PublicPage v) {
            publicPage = v;
            return this;
        }

        public PublicPage publicPage() {
            return publicPage;
        }

        public Builder map(MapLayers v) {
            map = v;
            return this;
        }

        public Builder tls(Tls v) {
            tls = v;
            return this;
        }

        public Tls tls() {
            return tls;
        }

        public MapLayers map() {
            return map;
        }

        public Topics topics() {
            return topics;
        }

        public Jwt jwt() {
            return jwt;
        }

        public Limits limits() {
            return limits;
        }

        public Live live() {
            return live;
        }

        public Tips tips() {
            return tips;
        }

        public PublicFeed publicFeed() {
            return publicFeed;
        }

        public GatewayConfig build() {
            return new GatewayConfig(
                    host,
                    port,
                    httpInstances,
                    redisUri,
                    kafkaBootstrap,
                    topics,
                    jwt,
                    allowedOrigins,
                    limits,
                    live,
                    tips,
                    publicFeed,
                    devLogins,
                    auditFile,
                    trustForwardedFor,
                    publicPage,
                    map,
                    tls);
        }
    }
}
