package io.beatwatch.load.latency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The console fleet as a child JVM ({@link ConsoleFleet} on this JVM's class path), so the
 * consoles' CPU, heap and GC are not the gateway's. Started, awaited until its consoles are ready,
 * stopped through stdin; destroyed if it does not stop by itself.
 */
public final class FleetProcess implements AutoCloseable {

    private final Process process;
    private final Writer stdin;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final java.util.concurrent.BlockingQueue<String> acks =
            new java.util.concurrent.LinkedBlockingQueue<>();

    private FleetProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader =
                new Thread(
                        () -> {
                            try (var in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    if (line.startsWith("READY")) ready.complete(null);
                                    if (line.startsWith("DONE")) done.complete(null);
                                    if (line.startsWith("OK ")) acks.add(line.substring(3));
                                }
                            } catch (IOException ignored) {
                                // the process ended
                            }
                            ready.completeExceptionally(
                                    new IllegalStateException("console fleet ended before ready"));
                            done.complete(null);
                        },
                        "console-fleet-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static FleetProcess start(
            int port,
            String origin,
            int consoles,
            Path cells,
            Path out,
            Path log,
            int maxSeconds,
            String heap)
            throws IOException {
        return start(
                List.of(
                        "--port",
                        String.valueOf(port),
                        "--origin",
                        origin,
                        "--consoles",
                        String.valueOf(consoles),
                        "--cells",
                        cells.toString(),
                        "--out",
                        out.toString(),
                        "--max-seconds",
                        String.valueOf(maxSeconds)),
                log,
                heap);
    }

    /** Starts {@link ConsoleFleet} with these options (its {@code --help} lists them). */
    public static FleetProcess start(List<String> fleetOptions, Path log, String heap)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Dlog4j2.configurationFile=log4j2-bench.xml");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ConsoleFleet.class.getName());
        cmd.addAll(fleetOptions);
        var pb =
                new ProcessBuilder(cmd)
                        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new FleetProcess(pb.start());
    }

    /** Waits until every console has its first snapshot. */
    public void awaitReady(long seconds) throws Exception {
        ready.get(seconds, TimeUnit.SECONDS);
    }

    /** Sends one command ({@link ConsoleFleet}) and waits until the fleet has applied it. */
    public void command(String command, long seconds) throws Exception {
        stdin.write(command + "\n");
        stdin.flush();
        String ack = acks.poll(seconds, TimeUnit.SECONDS);
        if (!command.equals(ack)) {
            throw new IllegalStateException("console fleet did not apply " + command + ": " + ack);
        }
    }

    /** Tells the fleet to stop and write its records; waits for it to exit. */
    public int stop(long seconds) throws Exception {
        stdin.write(ConsoleFleet.STOP + "\n");
        stdin.flush();
        done.get(seconds, TimeUnit.SECONDS);
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("console fleet did not exit");
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) process.destroyForcibly();
    }
}
