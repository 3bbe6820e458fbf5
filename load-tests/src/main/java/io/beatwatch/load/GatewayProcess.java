package io.beatwatch.load;

import io.beatwatch.gateway.config.GatewayConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as its own process ({@code GatewayMain} on this JVM's class path, loopback, a fixed
 * port so it can be started again on it), for harnesses that kill it, restart it or measure its CPU
 * and heap apart from their own. Started and awaited until {@code /health/live} answers.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String classpath;
    private final int port;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmOptions;
    private final Path configFile;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /**
     * @param env {@code BEATWATCH_*} overrides beyond host, port, Redis, Kafka and the origin
     * @param configFile a gateway YAML file, or null for the defaults
     */
    public GatewayProcess(
            String classpath,
            int port,
            String redisUri,
            String kafkaBootstrap,
            Map<String, String> env,
            Path configFile,
            List<String> jvmOptions,
            Path log) {
        this.classpath = classpath;
        this.port = port;
        this.env.put(GatewayConfigLoader.ENV_HOST, "127.0.0.1");
        this.env.put(GatewayConfigLoader.ENV_PORT, Integer.toString(port));
        this.env.put(GatewayConfigLoader.ENV_REDIS_URI, redisUri);
        this.env.put(GatewayConfigLoader.ENV_KAFKA_BOOTSTRAP, kafkaBootstrap);
        this.env.put(GatewayConfigLoader.ENV_ALLOWED_ORIGINS, origin());
        this.env.putAll(env);
        this.configFile = configFile;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = log;
    }

    /** Starts the process and waits until it answers {@code /health/live}. */
    public void start() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dlog4j2.configurationFile=config/log4j2.xml");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("io.beatwatch.gateway.GatewayMain");
        if (configFile != null) cmd.add(configFile.toString());
        var pb =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("gateway exited; see " + log);
            try {
                if (get("/health/live").statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("gateway did not answer within " + WAIT);
    }

    /** kill -9 of the gateway process; returns its pid. */
    public long kill() throws InterruptedException {
        long pid = process.pid();
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return pid;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    /** The console origin the gateway allows. */
    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** The gateway's Prometheus text ({@code /metrics}). */
    public String metrics() throws IOException, InterruptedException {
        return get("/metrics").body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(origin() + path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the process (SIGTERM, then kill -9 after 10 s). */
    @Override
    public void close() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
