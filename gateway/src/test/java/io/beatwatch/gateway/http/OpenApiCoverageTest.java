package io.beatwatch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every route the router serves under /api, /public, /health and /metrics is in openapi.json. */
class OpenApiCoverageTest {

    @Test
    void everyRouteIsDocumented() throws Exception {
        var vertx = Vertx.vertx();
        try {
            var config = GatewayConfig.builder().devLogins(true).build();
            var deps =
                    new ServerDeps(
                            config,
                            null,
                            null,
                            new io.beatwatch.gateway.auth.DevTokens(
                                    io.beatwatch.gateway.auth.DevKeys.generate(),
                                    "beatwatch",
                                    java.time.Clock.systemUTC()),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null);
            var router = RestApi.router(vertx, deps);
            var api =
                    Json.tree(
                            OpenApiCoverageTest.class
                                    .getResourceAsStream("/openapi.json")
                                    .readAllBytes());
            var missing = new ArrayList<String>();
            int checked = 0;
            for (var route : router.getRoutes()) {
                var path = route.getPath();
                var methods = route.methods();
                if (path == null || methods == null || methods.isEmpty() || path.endsWith("/")) {
                    continue;
                }
                var documented = path.replaceAll(":([A-Za-z]+)", "{$1}");
                for (var m : methods) {
                    checked++;
                    var op =
                            api.path("paths")
                                    .path(documented)
                                    .path(m.name().toLowerCase(Locale.ROOT));
                    if (op.isMissingNode()) {
                        missing.add(m.name() + " " + documented);
                    }
                }
            }
            assertThat(checked).isGreaterThanOrEqualTo(15);
            assertThat(missing).isEmpty();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
