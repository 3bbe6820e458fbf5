package io.beatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.Gateway;
import io.beatwatch.gateway.RunningGateway;
import io.beatwatch.gateway.config.GatewayConfigLoader;
import io.beatwatch.testkit.KafkaBroker;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a real gateway from the Kubernetes ConfigMap's configuration (Redis, Kafka, port and key
 * overridden by the environment, as the Deployment does for the key), against a real Redis server
 * and Kafka broker: the Deployment's probe paths answer 200, and every {@code beatwatch_*}, {@code
 * jvm_*} and {@code process_*} series of the alert rules and the dashboard is in its {@code
 * /metrics}.
 */
class GatewayMetricsIT {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

    static final JsonNode DEPLOYMENT = Repo.k8s("Deployment", "beatwatch-gateway");

    static RunningGateway gateway;
    static String base;

    @BeforeAll
    static void start(@TempDir Path keys) throws Exception {
        KafkaBroker kafka = KAFKA.broker();
        kafka.createTopics("beatwatch.tips", "beatwatch.patrol-feedback", "beatwatch.cfs");
        Path publicKey = keys.resolve("jwt-public.pem");
        Files.writeString(publicKey, newPublicKeyPem());
        var env =
                Map.of(
                        GatewayConfigLoader.ENV_REDIS_URI, REDIS.server().uri(),
                        GatewayConfigLoader.ENV_KAFKA_BOOTSTRAP, kafka.bootstrapServers(),
                        GatewayConfigLoader.ENV_HOST, "127.0.0.1",
                        GatewayConfigLoader.ENV_PORT, "0",
                        GatewayConfigLoader.ENV_JWT_PUBLIC_KEY_PATH, publicKey.toString());
        gateway = Gateway.start(GatewayConfigLoader.fromTree(Manifests.gatewayConfigTree(), env));
        base = "http://127.0.0.1:" + gateway.port();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
    }

    @Test
    void theDeploymentsProbePathsAnswer200WithRedisAndKafkaUp() {
        var container =
                DEPLOYMENT.path("spec").path("template").path("spec").path("containers").get(0);
        var paths = new ArrayList<String>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            paths.add(container.path(probe).path("httpGet").path("path").asText());
        }
        assertThat(paths).containsExactly("/health/live", "/health/live", "/health/ready");
        for (String path : paths) {
            assertThat(Scrapes.get(base + path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void everyGatewaySeriesOfTheRulesAndTheDashboardIsExported() throws Exception {
        materializeTaggedMeters();
        var scrape = PromText.parse(Scrapes.get(base + "/metrics").body());
        assertThat(MonitoringFiles.problems(scrape, List.of("beatwatch_", "jvm_", "process_")))
                .isEmpty();
    }

    /**
     * Tagged meters appear on first use. Real requests make the tips and HTTP ones; the
     * slow-console close reasons come from the gateway's own constants (so renaming one breaks this
     * test, not an alert); the rest are used once through {@code GatewayMetrics}.
     */
    private static void materializeTaggedMeters() throws Exception {
        var http = HttpClient.newHttpClient();
        var tip =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/tips"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(tip.statusCode()).isEqualTo(400);
        var metrics = gateway.metrics();
        var session = Class.forName("io.beatwatch.gateway.ws.ConsoleSession");
        int reasons = 0;
        for (var f : session.getDeclaredFields()) {
            if (f.getName().startsWith("CLOSED_")
                    && Modifier.isStatic(f.getModifiers())
                    && f.getType() == String.class) {
                f.setAccessible(true);
                metrics.wsClosed((String) f.get(null));
                reasons++;
            }
        }
        assertThat(reasons).as("ConsoleSession.CLOSED_* reasons").isPositive();
        metrics.wsRejected("test");
        metrics.snapshot("test");
        metrics.alertPushed(Duration.ofMillis(5));
        metrics.httpRequest(500, Duration.ofMillis(1));
    }

    private static String newPublicKeyPem() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] der = generator.generateKeyPair().getPublic().getEncoded();
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }
}
