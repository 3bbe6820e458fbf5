package io.beatwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code redis-server} process on a free loopback port, for integration tests: the one on
 * PATH, else the Redis 6.2 binary shipped in {@code com.github.codemonstur:embedded-redis}.
 */
public final class RedisServer implements AutoCloseable {

    /** Host every test server binds to. */
    public static final String HOST = "127.0.0.1";

    /** Upper bound on waiting for a fresh server to answer PING. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    /** How long a stopping server gets after SIGTERM before it is killed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);
    private static final int START_ATTEMPTS = 3;
    private static final Set<RedisServer> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        // Safety net: a JVM that dies between beforeAll and afterAll leaves no server behind.
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> List.copyOf(RUNNING).forEach(RedisServer::close),
                                "beatwatch-redis-shutdown"));
    }

    private final Path executable;
    private final Path workDir;
    private final int port;
    private final boolean appendOnly;
    private volatile Process process;

    private RedisServer(Path executable, Path workDir, int port, boolean appendOnly) {
        this.executable = executable;
        this.workDir = workDir;
        this.port = port;
        this.appendOnly = appendOnly;
    }

    /**
     * Starts a server on a free port and waits until it answers PING.
     *
     * @throws IllegalStateException if no server could be started within {@link #START_TIMEOUT}
     */
    public static RedisServer start() {
        return start(false);
    }

    /**
     * Starts a server that keeps an append-only file ({@code appendfsync always}) in its work dir,
     * so {@link #kill} then {@link #restart} comes back with every acknowledged write.
     */
    public static RedisServer startPersistent() {
        return start(true);
    }

    private static RedisServer start(boolean appendOnly) {
        Path executable = RedisExecutables.resolve();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            // The port can be taken between probing and binding: retry on a fresh one.
            RedisServer server = new RedisServer(executable, newWorkDir(), freePort(), appendOnly);
            try {
                server.launch();
                return server;
            } catch (IllegalStateException e) {
                server.close();
                last = e;
                LOG.warn("redis-server attempt {} failed: {}", attempt, e.getMessage());
            }
        }
        throw last;
    }

    /** Host the server listens on. */
    public String host() {
        return HOST;
    }

    /** TCP port the server listens on. */
    public int port() {
        return port;
    }

    /** Connection URI for Lettuce and friends, e.g. {@code redis://127.0.0.1:6379}. */
    public String uri() {
        return "redis://" + HOST + ":" + port;
    }

    /** The binary this server runs (from PATH or unpacked from embedded-redis). */
    public Path executable() {
        return executable;
    }

    /** Operating-system process id of the running server. */
    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException("redis-server is not running");
        }
        return p.pid();
    }

    /** Whether the server process is alive. */
    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Deletes every key in every database, so tests sharing one server start clean. */
    public void flushAll() {
        String reply = command("FLUSHALL");
        if (!"+OK".equals(reply)) {
            throw new IllegalStateException("FLUSHALL answered " + reply);
        }
    }

    /**
     * Stops the server and starts it again on the same port: with an empty dataset, or, for a
     * {@link #startPersistent} server, with what its append-only file holds.
     */
    public synchronized void restart() {
        stopProcess();
        launch();
    }

    /** kill -9 of the server process, keeping its work dir (and append-only file). */
    public synchronized void kill() {
        Process p = process;
        process = null;
        RUNNING.remove(this);
        if (p == null) return;
        p.destroyForcibly();
        try {
            p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again after {@link #kill} (same port, same work dir). */
    public synchronized void relaunch() {
        if (isRunning()) throw new IllegalStateException("redis-server is running");
        launch();
    }

    /**
     * SIGSTOP ({@code true}) or SIGCONT: a stopped server keeps its port open but answers nothing,
     * like a host that became unreachable.
     */
    public void freeze(boolean stop) {
        try {
            Process k =
                    new ProcessBuilder("kill", stop ? "-STOP" : "-CONT", Long.toString(pid()))
                            .redirectErrorStream(true)
                            .start();
            if (!k.waitFor(5, TimeUnit.SECONDS) || k.exitValue() != 0) {
                throw new IllegalStateException("kill " + (stop ? "-STOP" : "-CONT") + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The work dir (log, append-only file). */
    public Path workDir() {
        return workDir;
    }

    /** Stops the server: SIGTERM, then a forced kill after {@link #STOP_TIMEOUT}. Idempotent. */
    @Override
    public synchronized void close() {
        stopProcess();
        deleteQuietly(workDir);
    }

    @Override
    public String toString() {
        return "RedisServer[" + uri() + ", " + executable + "]";
    }

    /**
     * Sends one command and returns the first line of the reply (e.g. {@code +PONG}); for
     * simple-string, error and integer replies only.
     */
    String command(String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1_000);
            socket.setSoTimeout(5_000);
            StringBuilder out = new StringBuilder().append('*').append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                out.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            socket.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readLine(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("redis command " + args[0] + " failed on " + uri(), e);
        }
    }

    private synchronized void launch() {
        Path log = workDir.resolve("redis.log");
        ProcessBuilder builder =
                new ProcessBuilder(
                                executable.toString(),
                                "--port",
                                Integer.toString(port),
                                "--bind",
                                HOST,
                                "--save",
                                "",
                                "--appendonly",
                                appendOnly ? "yes" : "no",
                                "--appendfsync",
                                "always",
                                "--daemonize",
                                "no",
                                "--dir",
                                workDir.toString())
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + executable, e);
        }
        RUNNING.add(this);
        awaitPing(log);
        LOG.info("redis-server pid {} ready on {} ({})", process.pid(), uri(), executable);
    }

    private void awaitPing(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "redis-server exited with "
                                + process.exitValue()
                                + " on port "
                                + port
                                + ": "
                                + tail(log));
            }
            try {
                if ("+PONG".equals(command("PING"))) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // Not listening yet: poll again shortly, bounded by the deadline.
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for redis-server", e);
            }
        }
        throw new IllegalStateException(
                "redis-server did not answer PING within " + START_TIMEOUT + ": " + tail(log));
    }

    private void stopProcess() {
        Process p = process;
        process = null;
        RUNNING.remove(this);
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("redis-server pid {} ignored SIGTERM: killing it", p.pid());
                p.destroyForcibly();
                p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String readLine(Socket socket) throws IOException {
        var in = socket.getInputStream();
        var line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\r') {
                in.read(); // the '\n' closing every RESP line
                break;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static Path newWorkDir() {
        try {
            return Files.createTempDirectory("beatwatch-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work dir for redis-server", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join(
                    " | ",
                    new ArrayList<>(lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException ignored) {
                                    // Best effort: the build directory is cleaned anyway.
                                }
                            });
        } catch (IOException ignored) {
            // Best effort, as above.
        }
    }
}
