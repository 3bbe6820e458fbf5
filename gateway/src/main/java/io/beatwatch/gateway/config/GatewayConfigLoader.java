package io.beatwatch.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link GatewayConfig} from an optional YAML or JSON file (the object under a top-level
 * {@code gateway} key if there is one) and then applies {@code BEATWATCH_*} environment overrides.
 * Called once at the edge, by {@code GatewayMain} or the demo.
 */
public final class GatewayConfigLoader {

    /** Environment variable names, each overriding one option. */
    public static final String ENV_HOST = "BEATWATCH_GATEWAY_HOST";

    public static final String ENV_PORT = "BEATWATCH_GATEWAY_PORT";
    public static final String ENV_REDIS_URI = "BEATWATCH_REDIS_URI";
    public static final String ENV_KAFKA_BOOTSTRAP = "BEATWATCH_KAFKA_BOOTSTRAP";
    public static final String ENV_JWT_PUBLIC_KEY = "BEATWATCH_JWT_PUBLIC_KEY";
    public static final String ENV_JWT_PUBLIC_KEY_PATH = "BEATWATCH_JWT_PUBLIC_KEY_PATH";
    public static final String ENV_JWT_ISSUER = "BEATWATCH_JWT_ISSUER";
    public static final String ENV_ALLOWED_ORIGINS = "BEATWATCH_ALLOWED_ORIGINS";
    public static final String ENV_DEV_LOGINS = "BEATWATCH_DEV_LOGINS";
    public static final String ENV_AUDIT_FILE = "BEATWATCH_AUDIT_FILE";
    public static final String ENV_TLS_KEYSTORE = "BEATWATCH_TLS_KEYSTORE";
    public static final String ENV_TLS_KEYSTORE_PASSWORD = "BEATWATCH_TLS_KEYSTORE_PASSWORD";
    public static final String ENV_TLS_CERT = "BEATWATCH_TLS_CERT";
    public static final String ENV_TLS_KEY = "BEATWATCH_TLS_KEY";

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private GatewayConfigLoader() {}

    /** Loads the file (may be null) and applies overrides from the process environment. */
    public static GatewayConfig load(Path file) throws IOException {
        return load(file, System.getenv());
    }

    /** Loads the file (may be null) and applies overrides from the given environment. */
    public static GatewayConfig load(Path file, Map<String, String> env) throws IOException {
        JsonNode root = MissingNode.getInstance();
        if (file != null) {
            var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            var mapper =
                    name.endsWith(".yaml") || name.endsWith(".yml")
                            ? new ObjectMapper(new YAMLFactory())
                            : new ObjectMapper();
            root = mapper.readTree(Files.readAllBytes(file));
            if (root == null) {
                root = MissingNode.getInstance();
            }
            if (root.has("gateway")) {
                root = root.get("gateway");
            }
        }
        return fromTree(root, env);
    }

    /** Binds a tree (missing fields keep their defaults), then applies environment overrides. */
    public static GatewayConfig fromTree(JsonNode n, Map<String, String> env) {
        var b = GatewayConfig.builder();
        text(n, "host").ifPresent(b::host);
        integer(n, "port").ifPresent(b::port);
        integer(n, "httpInstances").ifPresent(b::httpInstances);
        text(n, "redisUri").ifPresent(b::redisUri);
        text(n, "kafkaBootstrap").ifPresent(b::kafkaBootstrap);
        bool(n, "devLogins").ifPresent(b::devLogins);
        bool(n, "trustForwardedFor").ifPresent(b::trustForwardedFor);
        text(n, "auditFile").map(Path::of).ifPresent(b::auditFile);
        if (n.has("allowedOrigins")) {
            b.allowedOrigins(strings(n.get("allowedOrigins")));
        }

        var t = n.path("topics");
        var topics = b.topics();
        b.topics(
                new GatewayConfig.Topics(
                        text(t, "tips").orElse(topics.tips()),
                        text(t, "patrolFeedback").orElse(topics.patrolFeedback()),
                        text(t, "cfs").orElse(topics.cfs()),
                        text(t, "publicCalls").orElse(topics.publicCalls())));

        var j = n.path("jwt");
        var jwt = b.jwt();
        var pem = text(j, "publicKeyPem").orElse(jwt.publicKeyPem());
        var pemPath = text(j, "publicKeyPath").map(Path::of).orElse(jwt.publicKeyPath());
        var issuer = text(j, "issuer").orElse(jwt.issuer());
        var skew = duration(j, "clockSkew").orElse(jwt.clockSkew());
        var audience = text(j, "audience").orElse(jwt.audience());
        var keyReload = duration(j, "keyReload").orElse(jwt.keyReload());

        var l = n.path("limits");
        var lim = b.limits();
        b.limits(
                new GatewayConfig.Limits(
                        integer(l, "maxFrameBytes").orElse(lim.maxFrameBytes()),
                        integer(l, "maxConnectionsPerUser").orElse(lim.maxConnectionsPerUser()),
                        integer(l, "maxQueuedMessages").orElse(lim.maxQueuedMessages()),
                        duration(l, "drainTimeout").orElse(lim.drainTimeout()),
                        integer(l, "tipsPerMinute").orElse(lim.tipsPerMinute()),
                        integer(l, "maxBodyBytes").orElse(lim.maxBodyBytes()),
                        duration(l, "ticketTtl").orElse(lim.ticketTtl()),
                        integer(l, "socketSendBufferBytes").orElse(lim.socketSendBufferBytes()),
                        integer(l, "maxNoteChars").orElse(lim.maxNoteChars())));

        var lv = n.path("live");
        var live = b.live();
        b.live(
                new GatewayConfig.Live(
                        lv.has("windows") ? integers(lv.get("windows")) : live.windows(),
                        integer(lv, "defaultWindow").orElse(live.defaultWindow()),
                        integer(lv, "topCellsPerDistrict").orElse(live.topCellsPerDistrict()),
                        duration(lv, "mapPollInterval").orElse(live.mapPollInterval()),
                        duration(lv, "cellsFlushInterval").orElse(live.cellsFlushInterval()),
                        duration(lv, "pingInterval").orElse(live.pingInterval()),
                        integer(lv, "streamBatch").orElse(live.streamBatch()),
                        duration(lv, "streamBlock").orElse(live.streamBlock()),
                        integer(lv, "replayPage").orElse(live.replayPage())));

        var tp = n.path("tips");
        var tips = b.tips();
        b.tips(
                new GatewayConfig.Tips(
                        tp.has("categories") ? strings(tp.get("categories")) : tips.categories(),
                        tp.has("channels") ? strings(tp.get("channels")) : tips.channels(),
                        integer(tp, "maxTextChars").orElse(tips.maxTextChars()),
                        integer(tp, "cellResolution").orElse(tips.cellResolution()),
                        duration(tp, "detailTtl").orElse(tips.detailTtl())));

        var pf = n.path("publicFeed");
        if (pf.has("sensitiveTypes")) {
            // a deployment's extra terms must not be dropped silently
            throw new IllegalArgumentException(
                    "publicFeed.sensitiveTypes is no longer read: sensitivity is decided by the job"
                            + " at decode; list the types under 'sensitive' in the city profile"
                            + " the job runs with");
        }
        var feed = b.publicFeed();
        b.publicFeed(
                new GatewayConfig.PublicFeed(
                        duration(pf, "delay").orElse(feed.delay()),
                        duration(pf, "period").orElse(feed.period()),
                        integer(pf, "minCount").orElse(feed.minCount()),
                        integer(pf, "resolution").orElse(feed.resolution()),
                        bool(pf, "includeOfficerInitiated").orElse(feed.includeOfficerInitiated()),
                        duration(pf, "refreshInterval").orElse(feed.refreshInterval()),
                        text(pf, "cityProfile").orElse(feed.cityProfile()),
                        text(pf, "zone").map(v -> zone("publicFeed.zone", v)).orElse(feed.zone()),
                        integer(pf, "patrolDays").orElse(feed.patrolDays()),
                        integer(pf, "patrolRoundMinutes").orElse(feed.patrolRoundMinutes())));

        var pp = n.path("publicPage");
        var page = b.publicPage();
        b.publicPage(
                new GatewayConfig.PublicPage(
                        integer(pp, "historyDays").orElse(page.historyDays()),
                        integer(pp, "trendDays").orElse(page.trendDays()),
                        integer(pp, "baselineDays").orElse(page.baselineDays()),
                        text(pp, "publisher").orElse(page.publisher()),
                        text(pp, "licenceName").orElse(page.licenceName()),
                        text(pp, "licenceUrl").orElse(page.licenceUrl()),
                        text(pp, "impactFile").map(Path::of).orElse(page.impactFile()),
                        integer(pp, "tipsPerHour").orElse(page.tipsPerHour()),
                        duration(pp, "saltRotation").orElse(page.saltRotation())));

        var mp = n.path("map");
        var map = b.map();
        b.map(
                new GatewayConfig.MapLayers(
                        text(mp, "tileUrl").orElse(map.tileUrl()),
                        text(mp, "tileAttribution").orElse(map.tileAttribution()),
                        integer(mp, "tileMaxZoom").orElse(map.tileMaxZoom()),
                        text(mp, "districtsFile").map(Path::of).orElse(map.districtsFile()),
                        text(mp, "wmsUrl").orElse(map.wmsUrl()),
                        text(mp, "wmsLayers").orElse(map.wmsLayers())));

        var tl = n.path("tls");
        var tls = b.tls();
        Path keyStore = text(tl, "keyStore").map(Path::of).orElse(tls.keyStore());
        String password = text(tl, "keyStorePassword").orElse(tls.keyStorePassword());
        Path cert = text(tl, "certPath").map(Path::of).orElse(tls.certPem());
        Path key = text(tl, "keyPath").map(Path::of).orElse(tls.keyPem());

        // Environment overrides win over the file.
        env(env, ENV_HOST).ifPresent(b::host);
        env(env, ENV_PORT).map(v -> parseInt(ENV_PORT, v)).ifPresent(b::port);
        env(env, ENV_REDIS_URI).ifPresent(b::redisUri);
        env(env, ENV_KAFKA_BOOTSTRAP).ifPresent(b::kafkaBootstrap);
        env(env, ENV_ALLOWED_ORIGINS)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).toList())
                .ifPresent(b::allowedOrigins);
        env(env, ENV_DEV_LOGINS).map(v -> parseBool(ENV_DEV_LOGINS, v)).ifPresent(b::devLogins);
        env(env, ENV_AUDIT_FILE).map(Path::of).ifPresent(b::auditFile);
        keyStore = env(env, ENV_TLS_KEYSTORE).map(Path::of).orElse(keyStore);
        password = env(env, ENV_TLS_KEYSTORE_PASSWORD).orElse(password);
        cert = env(env, ENV_TLS_CERT).map(Path::of).orElse(cert);
        key = env(env, ENV_TLS_KEY).map(Path::of).orElse(key);
        b.tls(new GatewayConfig.Tls(keyStore, password, cert, key));
        pem = env(env, ENV_JWT_PUBLIC_KEY).orElse(pem);
        pemPath = env(env, ENV_JWT_PUBLIC_KEY_PATH).map(Path::of).orElse(pemPath);
        issuer = env(env, ENV_JWT_ISSUER).orElse(issuer);
        b.jwt(new GatewayConfig.Jwt(pem, pemPath, issuer, skew, audience, keyReload));
        return b.build();
    }

    /**
     * Parses a duration written as ISO-8601 ({@code PT30S}) or short form ({@code 500ms}, {@code
     * 30s}, {@code 60m}, {@code 1h}, {@code 2d}).
     */
    public static Duration parseDuration(String text) {
        var s = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(s);
        if (m.matches()) {
            long v = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                case "h" -> Duration.ofHours(v);
                default -> Duration.ofDays(v);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: " + text, e);
        }
    }

    private static Optional<String> env(Map<String, String> env, String name) {
        var v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private static Optional<String> text(JsonNode n, String field) {
        var v = n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(field + " must be a scalar");
        }
        return Optional.of(v.asText());
    }

    private static Optional<Integer> integer(JsonNode n, String field) {
        return text(n, field).map(v -> parseInt(field, v));
    }

    private static Optional<Boolean> bool(JsonNode n, String field) {
        return text(n, field).map(v -> parseBool(field, v));
    }

    private static Optional<Duration> duration(JsonNode n, String field) {
        return text(n, field).map(GatewayConfigLoader::parseDuration);
    }

    private static ZoneId zone(String field, String v) {
        try {
            return ZoneId.of(v.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " must be a time zone id: " + v, e);
        }
    }

    private static int parseInt(String field, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be an integer", e);
        }
    }

    private static boolean parseBool(String field, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(field + " must be true or false");
        };
    }

    private static List<String> strings(JsonNode n) {
        return list(n, JsonNode::asText);
    }

    private static List<Integer> integers(JsonNode n) {
        return list(n, v -> parseInt("list entry", v.asText()));
    }

    private static <T> List<T> list(JsonNode n, Function<JsonNode, T> f) {
        if (!n.isArray()) {
            throw new IllegalArgumentException("expected a list");
        }
        var out = new ArrayList<T>();
        n.forEach(v -> out.add(f.apply(v)));
        return out;
    }
}
