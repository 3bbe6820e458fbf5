package io.beatwatch.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.testing.GatewayFixture;
import io.beatwatch.gateway.testing.TestServices;
import io.beatwatch.testkit.KafkaBrokerExtension;
import io.beatwatch.testkit.RedisServerExtension;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway serving HTTPS and WSS itself ({@code tls} in its config), with a self-signed
 * certificate for 127.0.0.1 made by the JDK's keytool: a client that trusts the certificate gets
 * the API and a live console over TLS, a plain-HTTP request on the same port gets nothing.
 */
class TlsIT {

    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static final String PASSWORD = "changeit-" + System.nanoTime();

    @TempDir static Path dir;
    static Path keyStore;
    static Path cert;
    static TestServices services;

    @BeforeAll
    static void makeACertificate() throws Exception {
        services = TestServices.of(REDIS.server(), KAFKA.broker());
        keyStore = dir.resolve("gateway.p12");
        cert = dir.resolve("gateway.crt");
        run(
                keytool(),
                "-genkeypair",
                "-alias",
                "gateway",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD);
        run(
                keytool(),
                "-exportcert",
                "-rfc",
                "-alias",
                "gateway",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                cert.toString());
    }

    @Test
    void servesTheApiAndLiveConsolesOverTlsWithAKeyStore() throws Exception {
        var config =
                GatewayFixture.config(services)
                        .tls(new GatewayConfig.Tls(keyStore, PASSWORD, null, null))
                        .build();
        try (var gw = GatewayFixture.start(config)) {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            var health = get(client, "https://127.0.0.1:" + gw.port() + "/health/live", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");

            String token = gw.token("sup1");
            var alerts = get(client, "https://127.0.0.1:" + gw.port() + "/api/alerts", token);
            assertThat(alerts.statusCode()).isEqualTo(200);

            // a plain-HTTP client on the TLS port gets no answer
            assertThatThrownBy(
                            () ->
                                    get(
                                            HttpClient.newHttpClient(),
                                            "http://127.0.0.1:" + gw.port() + "/health/live",
                                            null))
                    .isInstanceOf(IOException.class);

            // a console over WSS: the handshake, then the server's hello
            var ticket = ticketOverTls(client, gw.port(), token);
            var options = new WebSocketClientOptions().setSsl(true).setTrustAll(true);
            try (var console = gw.console(ticket, GatewayFixture.ORIGIN, options)) {
                assertThat(console.next("hello").path("type").asText()).isEqualTo("hello");
            }
        }
    }

    @Test
    void servesHttpsWithAPemCertificateAndKey() throws Exception {
        assumeTrue(onPath("openssl"), "openssl not on the PATH: the PEM files cannot be made");
        Path certPem = dir.resolve("chain.pem");
        Path keyPem = dir.resolve("key.pem");
        String in = keyStore.toString();
        run(
                "openssl",
                "pkcs12",
                "-in",
                in,
                "-passin",
                "pass:" + PASSWORD,
                "-nokeys",
                "-out",
                certPem.toString());
        run(
                "openssl",
                "pkcs12",
                "-in",
                in,
                "-passin",
                "pass:" + PASSWORD,
                "-nocerts",
                "-nodes",
                "-out",
                keyPem.toString());
        var config =
                GatewayFixture.config(services)
                        .tls(new GatewayConfig.Tls(null, null, certPem, keyPem))
                        .build();
        try (var gw = GatewayFixture.start(config)) {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            var health = get(client, "https://127.0.0.1:" + gw.port() + "/health/live", null);
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    private static String ticketOverTls(HttpClient client, int port, String token)
            throws Exception {
        var r =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create("https://127.0.0.1:" + port + "/api/ws-ticket"))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .timeout(GatewayFixture.WAIT)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return GatewayFixture.json(r).path("ticket").asText();
    }

    private static HttpResponse<String> get(HttpClient client, String url, String token)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url)).timeout(GatewayFixture.WAIT).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(Path certFile) throws Exception {
        var trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certFile)) {
            trust.setCertificateEntry(
                    "gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        var ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }

    private static void run(String... command) throws Exception {
        var p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
