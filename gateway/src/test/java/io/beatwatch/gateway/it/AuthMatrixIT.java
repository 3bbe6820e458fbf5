package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.docs.ReportSection;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.gateway.auth.AttackTokens;
import io.beatwatch.gateway.auth.DevKeys;
import io.beatwatch.gateway.auth.DevTokens;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.http.RestApi;
import io.beatwatch.gateway.http.ServerDeps;
import io.beatwatch.gateway.testing.Alerts;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.gateway.ws.WsHandshake;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The authorization matrix (issue 13 item 4): every role against every HTTP route and every
 * WebSocket message type, allow or deny, from the one table below; every attack token against every
 * protected route. The table must list exactly the routes the router serves and the message types
 * the console session answers, so a new route or message cannot be forgotten. Figures go to {@code
 * docs/reliability/auth.json}.
 */
class AuthMatrixIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** Who calls: the dev users, a validly signed non-staff token, and nobody. */
    enum Who {
        SUPERVISOR("sup1"),
        DISPATCHER_NORTH("disp-north"),
        DISPATCHER_SOUTH("disp-south"),
        ANALYST("analyst1"),
        OPS("ops1"),
        PUBLIC(null),
        NO_TOKEN(null);

        final String devUser;

        Who(String devUser) {
            this.devUser = devUser;
        }

        /** Staff get 403 when refused; a caller without a staff token gets 401. */
        int denyStatus() {
            return devUser == null ? 401 : 403;
        }
    }

    static final Set<Who> EVERYONE = EnumSet.allOf(Who.class);
    static final Set<Who> CONSOLE =
            EnumSet.of(Who.SUPERVISOR, Who.DISPATCHER_NORTH, Who.DISPATCHER_SOUTH, Who.ANALYST);
    static final Set<Who> STAFF =
            EnumSet.of(
                    Who.SUPERVISOR,
                    Who.DISPATCHER_NORTH,
                    Who.DISPATCHER_SOUTH,
                    Who.ANALYST,
                    Who.OPS);
    static final Set<Who> SEES_NORTH =
            EnumSet.of(Who.SUPERVISOR, Who.DISPATCHER_NORTH, Who.ANALYST);

    static final String ALERT = "n1";
    static final String SUGGESTION = "sg-1";
    static final String TIP = "0d9f2a3e-1111-4222-8333-944455556666";
    static final String FEEDBACK_TOPIC = "it.auth.feedback." + System.nanoTime();

    /**
     * One route: method and path as the router has it, the request the matrix sends (against
     * resources of district NORTH), who is allowed, and for allowed callers without NORTH in scope
     * a string that must not appear in the answer (a scope leak).
     */
    record Route(
            String method,
            String path,
            String url,
            String body,
            Set<Who> allowed,
            boolean isPublic,
            String northOnly) {
        String key() {
            return method + " " + path;
        }
    }

    static Route pub(String method, String path, String url, String body) {
        return new Route(method, path, url, body, EVERYONE, true, null);
    }

    static Route prot(String method, String path, String url, String body, Set<Who> allowed) {
        return new Route(method, path, url, body, allowed, false, null);
    }

    static Route scoped(String method, String path, String url, Set<Who> allowed, String north) {
        return new Route(method, path, url, null, allowed, false, north);
    }

    /** THE table. A route the router serves and this does not list fails the test. */
    static final List<Route> ROUTES =
            List.of(
                    pub("GET", "/health/live", "/health/live", null),
                    pub("GET", "/health/ready", "/health/ready", null),
                    pub("GET", "/metrics", "/metrics", null),
                    pub("GET", "/api/openapi.json", "/api/openapi.json", null),
                    pub("GET", "/public/hotspots.geojson", "/public/hotspots.geojson", null),
                    pub("GET", "/public/patrol-minutes.json", "/public/patrol-minutes.json", null),
                    // the transparency page: "/public" redirects, "/public/" is its index
                    pub("GET", "/public", "/public/", null),
                    pub("GET", "/public/daily.json", "/public/daily.json", null),
                    pub(
                            "GET",
                            "/public/downloads/daily-cells.csv",
                            "/public/downloads/daily-cells.csv",
                            null),
                    pub(
                            "GET",
                            "/public/downloads/daily-districts.csv",
                            "/public/downloads/daily-districts.csv",
                            null),
                    pub(
                            "GET",
                            "/public/downloads/daily-cells.geojson",
                            "/public/downloads/daily-cells.geojson",
                            null),
                    pub(
                            "GET",
                            "/public/downloads/data-dictionary.txt",
                            "/public/downloads/data-dictionary.txt",
                            null),
                    pub("GET", "/public/impact.json", "/public/impact.json", null),
                    pub("GET", "/public/tip", "/public/tip", null),
                    // the handover page is static; its data come from /api/handover
                    pub("GET", "/handover", "/handover", null),
                    // one form tip per caller: below the form's rate limit of 10 an hour
                    pub(
                            "POST",
                            "/public/tip",
                            "/public/tip",
                            "{\"category\":\"drugs\",\"lat\":29.42,\"lon\":-98.49,\"when\":\"today\"}"),
                    pub("POST", "/api/dev/login", "/api/dev/login", "{\"user\":\"sup1\"}"),
                    pub(
                            "POST",
                            "/api/tips",
                            "/api/tips",
                            "{\"category\":\"drugs\",\"lat\":29.42,\"lon\":-98.49,\"channel\":\"web\"}"),
                    prot("POST", "/api/ws-ticket", "/api/ws-ticket", "", CONSOLE),
                    scoped("GET", "/api/alerts", "/api/alerts", CONSOLE, "\"" + ALERT + "\""),
                    scoped(
                            "GET",
                            "/api/hotspots.geojson",
                            "/api/hotspots.geojson?window=60",
                            CONSOLE,
                            Alerts.CELL),
                    prot("GET", "/api/config", "/api/config", null, CONSOLE),
                    // derived from the view: a district outside the scope is not outlined
                    scoped(
                            "GET",
                            "/api/districts.geojson",
                            "/api/districts.geojson",
                            CONSOLE,
                            "\"NORTH\""),
                    prot("GET", "/api/cells/:cell", "/api/cells/" + Alerts.CELL, null, SEES_NORTH),
                    prot(
                            "GET",
                            "/api/tips/:tipId",
                            "/api/tips/" + TIP,
                            null,
                            EnumSet.of(Who.SUPERVISOR)),
                    prot(
                            "POST",
                            "/api/alerts/:alertId/:action",
                            "/api/alerts/" + ALERT + "/ack",
                            "{\"note\":\"seen\"}",
                            EnumSet.of(Who.SUPERVISOR)),
                    prot(
                            "GET",
                            "/api/alerts/:alertId/timeline",
                            "/api/alerts/" + ALERT + "/timeline",
                            null,
                            EnumSet.of(Who.SUPERVISOR)),
                    scoped(
                            "GET",
                            "/api/handover",
                            "/api/handover",
                            EnumSet.of(Who.SUPERVISOR),
                            null),
                    prot(
                            "POST",
                            "/api/suggestions/:suggestionId/feedback",
                            "/api/suggestions/" + SUGGESTION + "/feedback",
                            "{\"action\":\"accepted\",\"unit\":\"unit 7\"}",
                            EnumSet.of(Who.SUPERVISOR, Who.DISPATCHER_NORTH)),
                    scoped("GET", "/api/patrol/dosage", "/api/patrol/dosage", CONSOLE, null),
                    prot(
                            "GET",
                            "/api/status",
                            "/api/status",
                            null,
                            EnumSet.of(Who.SUPERVISOR, Who.OPS)),
                    // revoking a user nobody is: harmless to the rest of the matrix
                    prot(
                            "POST",
                            "/api/sessions/revoke",
                            "/api/sessions/revoke",
                            "{\"user\":\"nobody-revoked\"}",
                            EnumSet.of(Who.SUPERVISOR, Who.OPS)),
                    // signs the caller out: checked after everything else (see LAST)
                    prot("POST", "/api/logout", "/api/logout", "", STAFF));

    /** Revokes the caller's own tokens, so it runs once every other case is done. */
    static final String LAST = "POST /api/logout";

    /** One WebSocket case: a client message and who may send it (others cannot even connect). */
    record WsCase(String type, String name, String message, Set<Who> allowed) {}

    static final List<WsCase> WS =
            List.of(
                    new WsCase(
                            WsHandshake.SUBSCRIBE,
                            "subscribe NORTH",
                            "{\"type\":\"subscribe\",\"districts\":[\"NORTH\"]}",
                            SEES_NORTH),
                    new WsCase(
                            WsHandshake.SUBSCRIBE,
                            "subscribe SOUTH",
                            "{\"type\":\"subscribe\",\"districts\":[\"SOUTH\"]}",
                            EnumSet.of(Who.SUPERVISOR, Who.DISPATCHER_SOUTH, Who.ANALYST)),
                    new WsCase(
                            WsHandshake.SUBSCRIBE,
                            "subscribe *",
                            "{\"type\":\"subscribe\",\"districts\":[\"*\"]}",
                            EnumSet.of(Who.SUPERVISOR, Who.ANALYST)),
                    new WsCase(WsHandshake.PING, "ping", "{\"type\":\"ping\"}", CONSOLE));

    static TestServices services;
    static GatewayFixture gw;
    static final Map<Who, String> TOKENS = new LinkedHashMap<>();
    static final List<String> failures = new ArrayList<>();
    static int cases;

    @BeforeAll
    static void start() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        services.kafka().createTopics(1, FEEDBACK_TOPIC, GatewayConfig.Topics.DEFAULT_TIPS);
        var base = GatewayFixture.config(services);
        var t = base.topics();
        gw =
                GatewayFixture.start(
                        base.topics(new GatewayConfig.Topics(t.tips(), FEEDBACK_TOPIC, t.cfs()))
                                .publicPage(
                                        GatewayConfig.PublicPage.defaults()
                                                .withImpactFile(impactFile()))
                                .build());
        for (var w : Who.values()) {
            if (w.devUser != null) {
                TOKENS.put(w, gw.token(w.devUser));
            }
        }
        TOKENS.put(Who.PUBLIC, AttackTokens.publicRole(gw.tokens(), Clock.systemUTC()));
        seed();
    }

    @AfterAll
    static void stop() throws Exception {
        writeFigures();
        if (gw != null) {
            gw.close();
        }
        if (services != null) {
            services.close();
        }
    }

    static void seed() {
        var redis = services.redis();
        redis.sadd(RedisKeys.DISTRICTS, "NORTH", "SOUTH");
        redis.zadd(RedisKeys.ranked("NORTH", 60), 7.5, Alerts.CELL);
        redis.hset(
                RedisKeys.cell(Alerts.CELL, 60),
                Map.of("observed", "9", "expected", "2.5", "score", "7.5", "district", "NORTH"));
        Alerts.open(redis, Alerts.alert(ALERT, "NORTH"));
        redis.set(
                RedisKeys.suggestion(SUGGESTION),
                "{\"v\":1,\"suggestionId\":\""
                        + SUGGESTION
                        + "\",\"district\":\"NORTH\",\"cell\":\""
                        + Alerts.CELL
                        + "\",\"dwellMinutes\":12}");
        redis.set(
                RedisKeys.tip(TIP),
                "{\"v\":1,\"id\":\"" + TIP + "\",\"category\":\"drugs\",\"text\":\"secret\"}");
    }

    static void check(String what, boolean ok, String detail) {
        cases++;
        if (!ok) {
            failures.add(what + ": " + detail);
        }
    }

    static java.net.http.HttpResponse<String> call(Route r, String token) throws Exception {
        return r.method().equals("GET")
                ? gw.get(r.url(), token)
                : gw.post(r.url(), token, r.body());
    }

    @Test
    void theTableListsExactlyTheRoutesOfTheRouterAndTheMessagesOfTheSession() throws Exception {
        var served = new TreeSet<String>();
        var vertx = Vertx.vertx();
        try {
            var config = GatewayConfig.builder().devLogins(true).build();
            var devTokens = new DevTokens(DevKeys.generate(), "beatwatch", Clock.systemUTC());
            var deps =
                    new ServerDeps(
                            config, null, null, devTokens, null, null, null, null, null, null, null,
                            null, null, null, null, null, null, null, null, null, null);
            for (var route : RestApi.router(vertx, deps).getRoutes()) {
                var path = route.getPath();
                var methods = route.methods();
                // prefix handlers (auth, headers, body limits, static files) end with '/'
                if (path == null || path.endsWith("/")) {
                    continue;
                }
                if (methods == null || methods.isEmpty()) {
                    served.add("ANY " + path);
                } else {
                    methods.forEach(m -> served.add(m.name() + " " + path));
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        var listed = new TreeSet<String>();
        ROUTES.forEach(r -> listed.add(r.key()));
        assertThat(listed).as("routes in the matrix table").isEqualTo(served);
        var types = new TreeSet<String>();
        WS.forEach(c -> types.add(c.type()));
        assertThat(types).isEqualTo(new TreeSet<>(WsHandshake.CLIENT_MESSAGE_TYPES));
    }

    @Test
    void everyRoleAgainstEveryRouteAndMessageAndEveryAttackTokenIsRefused() throws Exception {
        int before = failures.size();
        // state-changing calls last, so an allowed ack does not change what later calls see
        for (var r : ROUTES) {
            if (!r.key().equals(LAST)) checkRoute(r);
        }
        var attacks = AttackTokens.all(gw.tokens(), Clock.systemUTC());
        for (var r : ROUTES) {
            if (r.isPublic()) {
                continue;
            }
            for (var a : attacks.entrySet()) {
                int s = call(r, a.getValue()).statusCode();
                check("attack " + a.getKey() + " " + r.key(), s == 401, "got " + s);
            }
            // a token in another scheme or garbage
            int basic =
                    r.method().equals("GET")
                            ? get(r.url(), "Basic c3VwMTpzdXAx")
                            : post(r.url(), "Basic c3VwMTpzdXAx", r.body());
            check("attack basic-auth " + r.key(), basic == 401, "got " + basic);
        }
        for (var c : WS) {
            for (var w : Who.values()) {
                wsCase(c, w);
            }
        }
        ROUTES.stream().filter(r -> r.key().equals(LAST)).forEach(this::checkRoute);
        System.out.printf("auth matrix: %d cases, %d failures%n", cases, failures.size() - before);
        failures.forEach(f -> System.out.println("  FAIL " + f));
        assertThat(failures).isEmpty();
    }

    private void checkRoute(Route r) {
        try {
            for (var w : Who.values()) {
                var res = call(r, TOKENS.get(w));
                int s = res.statusCode();
                var what = w + " " + r.key();
                if (r.allowed().contains(w)) {
                    boolean ok =
                            (s >= 200 && s < 300) || (r.path().equals("/health/ready") && s == 503);
                    check(what, ok, "expected allow, got " + s + " " + res.body());
                    if (ok && r.northOnly() != null && !SEES_NORTH.contains(w)) {
                        check(
                                what + " (scope)",
                                !res.body().contains(r.northOnly()),
                                "answer shows NORTH's " + r.northOnly());
                    }
                } else {
                    check(
                            what,
                            s == w.denyStatus(),
                            "expected " + w.denyStatus() + ", got " + s + " " + res.body());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void wsCase(WsCase c, Who w) throws Exception {
        var what = w + " ws " + c.name();
        var token = TOKENS.get(w);
        var ticketRes = gw.post("/api/ws-ticket", token, "");
        if (!CONSOLE.contains(w)) {
            check(
                    what,
                    ticketRes.statusCode() == w.denyStatus(),
                    "ticket " + ticketRes.statusCode());
            int upgrade = gw.upgradeStatus(null, GatewayFixture.ORIGIN);
            check(what + " (upgrade without ticket)", upgrade == 401, "upgrade " + upgrade);
            return;
        }
        var ticket = GatewayFixture.json(ticketRes).path("ticket").asText();
        try (var console =
                gw.console(
                        ticket,
                        GatewayFixture.ORIGIN,
                        new io.vertx.core.http.WebSocketClientOptions())) {
            console.next("hello");
            console.send(c.message());
            var answer = console.nextOf(Set.of("snapshot", "pong", "error"));
            var type = answer.path("type").asText();
            if (c.allowed().contains(w)) {
                check(what, !type.equals("error"), "expected allow, got " + answer);
            } else {
                check(
                        what,
                        type.equals("error") && answer.path("error").asText().equals("forbidden"),
                        "expected forbidden, got " + answer);
                // and nothing of the refused district follows
                Thread.sleep(100);
                check(
                        what + " (nothing after)",
                        console.drain().stream()
                                .noneMatch(m -> m.path("type").asText().equals("snapshot")),
                        "a snapshot followed the refusal");
            }
            console.socket().close();
            console.closed().get(GatewayFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static int get(String url, String authorization) throws Exception {
        var b =
                java.net.http.HttpRequest.newBuilder(gw.uri(url))
                        .timeout(GatewayFixture.WAIT)
                        .header("Authorization", authorization)
                        .GET();
        return java.net.http.HttpClient.newHttpClient()
                .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static int post(String url, String authorization, String body) throws Exception {
        var b =
                java.net.http.HttpRequest.newBuilder(gw.uri(url))
                        .timeout(GatewayFixture.WAIT)
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(
                                java.net.http.HttpRequest.BodyPublishers.ofString(
                                        body == null ? "" : body));
        return java.net.http.HttpClient.newHttpClient()
                .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** An impact result for {@code GET /public/impact.json} to serve. */
    static Path impactFile() throws Exception {
        var f = Files.createTempFile("figures", ".json");
        f.toFile().deleteOnExit();
        Files.writeString(f, "{\"estimate\":-0.18}");
        return f;
    }

    /** docs/reliability/auth.json, when run inside the repository. */
    static void writeFigures() throws Exception {
        var docs = Path.of("..", "docs");
        if (!Files.isDirectory(docs) || cases == 0) {
            return;
        }
        var dir = docs.resolve("reliability");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("auth.json"),
                String.format(
                        Locale.ROOT, "{\"cases\":%d,\"failures\":%d}%n", cases, failures.size()));
        ReportSection.write(
                dir.resolve("report.md"),
                "auth",
                "AuthMatrixIT",
                String.format(
                        Locale.ROOT,
                        "## Authorization matrix%n%n%,d cases, %d failures (`auth.json`), from the"
                                + " gateway's `AuthMatrixIT`: every role (supervisor, dispatchers of"
                                + " two districts, analyst, ops, a signed non-staff token, no token)"
                                + " against every HTTP route and WebSocket message type of one table"
                                + " that must list exactly what the router serves, and every attack"
                                + " token (alg none, HS256 with the public key, tampered, expired,"
                                + " not yet valid, wrong issuer or audience, foreign key, ...)"
                                + " against every protected route.%n",
                        cases,
                        failures.size()));
    }
}
