package io.beatwatch.load.latency;

import io.beatwatch.core.synth.SyntheticCity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The consoles of the latency harness, in their own JVM (started by {@link FleetProcess}): {@code
 * --consoles} WebSocket consoles on one Vert.x instance, spread over roles and districts ({@link
 * #identity}). Prints {@code READY n} once every console has its first snapshot, then records until
 * it reads {@code STOP} on stdin (or {@code --max-seconds} pass), writes {@code --out} and prints
 * {@code DONE}. Other stdin commands, each answered {@code OK <command>}: {@code PAUSE} (the slow
 * consoles stop reading), {@code RESUME}, {@code STORM spreadMs} (every console drops its socket
 * and reconnects with resume after a random delay up to {@code spreadMs}).
 */
@Command(name = "console-fleet", mixinStandardHelpOptions = true)
public final class ConsoleFleet implements Callable<Integer> {

    /** The stdin commands. */
    public static final String STOP = "STOP";

    public static final String PAUSE = "PAUSE";
    public static final String RESUME = "RESUME";
    public static final String STORM = "STORM";

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--origin", required = true)
    String origin;

    @Option(names = "--consoles", defaultValue = "1000")
    int consoles;

    @Option(names = "--cells", description = "file of seeded cells to record updates of")
    Path cells;

    @Option(names = "--out", required = true)
    Path out;

    @Option(names = "--max-seconds", defaultValue = "900")
    int maxSeconds;

    @Option(names = "--connect-parallelism", defaultValue = "25")
    int connectParallelism;

    @Option(
            names = "--tokens",
            description = "file of bearer tokens, line i for console i (else dev logins)")
    Path tokens;

    @Option(
            names = "--slow-every",
            defaultValue = "0",
            description = "console i is slow if i % N == N / 2 (0: none); see isSlow")
    int slowEvery;

    @Option(
            names = "--slow-receive-buffer",
            defaultValue = "4096",
            description = "SO_RCVBUF of the slow consoles (a slow link)")
    int slowReceiveBuffer;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConsoleFleet()).execute(args));
    }

    /**
     * Console {@code i}: one in ten a supervisor ({@code sup1}, all districts), one in ten an
     * analyst ({@code analyst1}, all), the rest dispatchers of one district each, round-robin.
     */
    public static FleetConsole.Identity identity(int i) {
        List<String> districts = SyntheticCity.DISTRICTS;
        return switch (i % 10) {
            case 0 -> new FleetConsole.Identity(i, "sup1", List.of("*"));
            case 1 -> new FleetConsole.Identity(i, "analyst1", List.of("*"));
            default -> {
                String d = districts.get((i / 10 * 8 + i % 10 - 2) % districts.size());
                yield new FleetConsole.Identity(
                        i, "disp-" + d.toLowerCase(java.util.Locale.ROOT), List.of(d));
            }
        };
    }

    /** Whether console {@code i} is one of the slow ones (1 in {@code every}; 0: none). */
    public static boolean isSlow(int i, int every) {
        return every > 0 && i % every == every / 2;
    }

    @Override
    public Integer call() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        Set<String> tracked = new HashSet<>();
        if (cells != null) tracked.addAll(Files.readAllLines(cells));
        var vertx =
                Vertx.vertx(
                        new VertxOptions()
                                .setEventLoopPoolSize(2)
                                .setBlockedThreadCheckInterval(10_000));
        var http =
                vertx.createHttpClient(
                        new HttpClientOptions().setKeepAlive(true),
                        new PoolOptions().setHttp1MaxSize(connectParallelism));
        var wsClient =
                vertx.createWebSocketClient(
                        new WebSocketClientOptions()
                                .setMaxConnections(consoles + 10)
                                .setMaxFrameSize(1 << 20)
                                .setMaxMessageSize(64 << 20));
        // a small receive buffer, as a console on a slow link: its socket fills in seconds
        var slowClient =
                vertx.createWebSocketClient(
                        new WebSocketClientOptions()
                                .setMaxConnections(consoles + 10)
                                .setMaxFrameSize(1 << 20)
                                .setMaxMessageSize(64 << 20)
                                .setReceiveBufferSize(slowReceiveBuffer));
        List<String> tokenLines = tokens == null ? List.of() : Files.readAllLines(tokens);
        var records = new FleetRecords(consoles);
        var fleet = new ArrayList<FleetConsole>();
        for (int i = 0; i < consoles; i++) {
            fleet.add(
                    new FleetConsole(
                            identity(i),
                            vertx,
                            http,
                            isSlow(i, slowEvery) ? slowClient : wsClient,
                            port,
                            origin,
                            tracked,
                            records,
                            i < tokenLines.size() ? tokenLines.get(i) : null));
        }
        // sign in a few at a time, as consoles of a shift coming on
        for (int from = 0; from < consoles; from += connectParallelism) {
            var batch = new ArrayList<Future<Void>>();
            for (int i = from; i < Math.min(consoles, from + connectParallelism); i++) {
                batch.add(fleet.get(i).start());
            }
            Future.all(batch).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        System.out.println("READY " + consoles);
        System.out.flush();

        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        var random = new java.util.Random(seed);
        var stop =
                new Thread(
                        () -> {
                            try {
                                String line;
                                while ((line = in.readLine()) != null
                                        && !line.trim().equals(STOP)) {
                                    command(line.trim().split(" "), fleet, random);
                                    System.out.println("OK " + line.trim());
                                    System.out.flush();
                                }
                            } catch (java.io.IOException ignored) {
                                // stdin closed: the harness is gone, stop as well
                            }
                        });
        stop.setDaemon(true);
        stop.start();
        stop.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        int rc = stop.isAlive() ? 2 : 0;
        fleet.forEach(FleetConsole::stop);
        records.write(out);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("DONE");
        System.out.flush();
        return rc;
    }

    private void command(String[] cmd, List<FleetConsole> fleet, java.util.Random random) {
        switch (cmd[0]) {
            case PAUSE -> {
                for (int i = 0; i < fleet.size(); i++) {
                    if (isSlow(i, slowEvery)) fleet.get(i).pause();
                }
            }
            case RESUME -> fleet.forEach(FleetConsole::resume);
            case STORM -> {
                long spread = Long.parseLong(cmd[1]);
                for (FleetConsole c : fleet) {
                    c.dropAndReconnect(spread <= 0 ? 1 : 1 + (long) (random.nextDouble() * spread));
                }
            }
            default ->
                    System.err.println("console fleet: unknown command " + String.join(" ", cmd));
        }
    }
}
