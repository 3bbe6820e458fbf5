package io.beatwatch.gateway.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real {@code redis-server} from PATH on a free port, no persistence, for integration tests.
 * Stand-in until core's testkit (RedisServerExtension) lands on main.
 */
public final class LocalRedis implements AutoCloseable {

    private final Process process;
    private final int port;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = RedisClient.create(uri());
        this.connection = client.connect();
    }

    public static LocalRedis start() throws Exception {
        var dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "redis");
        int port = freePort();
        var pb =
                new ProcessBuilder(
                                "redis-server",
                                "--port",
                                String.valueOf(port),
                                "--bind",
                                "127.0.0.1",
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--dir",
                                dir.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(new File(dir.toFile(), "redis.log"));
        var process = pb.start();
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                return new LocalRedis(process, port);
            } catch (IOException notYet) {
                Thread.onSpinWait();
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Synchronous commands for test setup and checks. */
    public RedisCommands<String, String> sync() {
        return connection.sync();
    }

    public void flushAll() {
        sync().flushall();
    }

    @Override
    public void close() throws Exception {
        connection.close();
        client.shutdown();
        process.destroy();
        process.waitFor();
    }
}
