package io.beatwatch.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink session cluster as child processes on this host: one JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and N TaskManagers ({@code TaskManagerRunner}), started from
 * the jars on this JVM's classpath with a generated {@code config.yaml}, every address on loopback.
 * Kill or restart a TaskManager with {@link #killTaskManager} / {@link #startTaskManager}.
 */
public final class FlinkProcesses implements AutoCloseable {

    static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String HOST = "127.0.0.1";

    /** Upper bound on the JobManager's REST API coming up and TaskManagers registering. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to start.
     *
     * @param workDir config, logs, checkpoints and savepoints go under it
     * @param restPort REST API and web UI port (0: a free one)
     * @param taskManagers how many TaskManager processes
     * @param slotsPerTaskManager task slots of each
     * @param taskManagerMemory process size of each TaskManager, e.g. {@code 2g}
     * @param jobManagerMemory process size of the JobManager, e.g. {@code 1600m}
     * @param classpath the processes' classpath (null: this JVM's)
     */
    public record Spec(
            Path workDir,
            int restPort,
            int taskManagers,
            int slotsPerTaskManager,
            String taskManagerMemory,
            String jobManagerMemory,
            String classpath) {

        public static final int DEFAULT_TASK_MANAGERS = 2;
        public static final int DEFAULT_SLOTS = 2;
        public static final String DEFAULT_TM_MEMORY = "2g";
        public static final String DEFAULT_JM_MEMORY = "1600m";

        public Spec {
            if (taskManagers < 1) throw new IllegalArgumentException("taskManagers must be >= 1");
            if (slotsPerTaskManager < 1) throw new IllegalArgumentException("slots must be >= 1");
            workDir = workDir.toAbsolutePath();
        }

        /** Every process on this JVM's classpath. */
        public Spec(
                Path workDir,
                int restPort,
                int taskManagers,
                int slotsPerTaskManager,
                String taskManagerMemory,
                String jobManagerMemory) {
            this(
                    workDir,
                    restPort,
                    taskManagers,
                    slotsPerTaskManager,
                    taskManagerMemory,
                    jobManagerMemory,
                    null);
        }

        /** The defaults: two TaskManagers of 2 GB with 2 slots each, REST on {@code restPort}. */
        public static Spec defaults(Path workDir, int restPort) {
            return new Spec(
                    workDir,
                    restPort,
                    DEFAULT_TASK_MANAGERS,
                    DEFAULT_SLOTS,
                    DEFAULT_TM_MEMORY,
                    DEFAULT_JM_MEMORY);
        }

        /** A copy whose processes run on {@code cp}. */
        public Spec withClasspath(String cp) {
            return new Spec(
                    workDir,
                    restPort,
                    taskManagers,
                    slotsPerTaskManager,
                    taskManagerMemory,
                    jobManagerMemory,
                    cp);
        }
    }

    private final Spec spec;
    private final int restPort;
    private final Path confDir;
    private final String classpath;
    private final String javaBin;
    private final Path tmpDir;
    private Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FlinkProcesses(Spec spec, int restPort, Path confDir) {
        this.spec = spec;
        this.restPort = restPort;
        this.confDir = confDir;
        this.classpath = spec.classpath() != null ? spec.classpath() : absoluteClasspath();
        this.tmpDir = shortTempDir();
        this.javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Writes the config, starts the JobManager and the TaskManagers, waits until all registered.
     */
    public static FlinkProcesses start(Spec spec) throws IOException, InterruptedException {
        int rest = spec.restPort() == 0 ? freePort() : spec.restPort();
        Path conf = spec.workDir().resolve("conf");
        Files.createDirectories(conf);
        var flink = new FlinkProcesses(spec, rest, conf);
        try {
            flink.writeConfig();
            flink.startJobManager();
            for (int i = 0; i < spec.taskManagers(); i++) {
                flink.taskManagers.add(null);
                flink.startTaskManager(i);
            }
            flink.awaitTaskManagers(spec.taskManagers());
            return flink;
        } catch (IOException | InterruptedException | RuntimeException e) {
            flink.close();
            throw e;
        }
    }

    /** The settings every process reads (also what a client needs: the REST address). */
    Map<String, String> settings() {
        Path dir = spec.workDir();
        var s = new LinkedHashMap<String, String>();
        s.put("jobmanager.rpc.address", HOST);
        s.put("jobmanager.rpc.port", Integer.toString(freePort()));
        s.put("jobmanager.bind-host", HOST);
        s.put("jobmanager.memory.process.size", spec.jobManagerMemory());
        s.put("rest.address", HOST);
        s.put("rest.bind-address", HOST);
        s.put("rest.port", Integer.toString(restPort));
        s.put("blob.server.port", "0");
        s.put("taskmanager.host", HOST);
        s.put("taskmanager.bind-host", HOST);
        s.put("taskmanager.rpc.port", "0");
        s.put("taskmanager.data.port", "0");
        s.put("taskmanager.numberOfTaskSlots", Integer.toString(spec.slotsPerTaskManager()));
        s.put("taskmanager.memory.process.size", spec.taskManagerMemory());
        s.put("parallelism.default", "2");
        // a job's two slots on two TaskManagers (the default fills one first): killing either
        // TaskManager then hits the job
        s.put("taskmanager.load-balance.mode", "SLOTS");
        s.put("state.backend.type", "rocksdb");
        s.put("execution.checkpointing.incremental", "true");
        s.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        s.put(
                "execution.checkpointing.savepoint-dir",
                dir.resolve("savepoints").toUri().toString());
        s.put("execution.checkpointing.num-retained", "3");
        // RocksDB names its log file after the whole instance path under io.tmp.dirs: a deep
        // work dir (a test's temp dir) made that name longer than 255 bytes and every stateful
        // task failed to open; a short root keeps it well under
        s.put("io.tmp.dirs", tmpDir.toString());
        s.put("state.backend.rocksdb.log.dir", dir.resolve("log").resolve("rocksdb").toString());
        // a killed TaskManager is noticed in seconds, not after the 50 s default
        s.put("heartbeat.interval", "2000");
        s.put("heartbeat.timeout", "10000");
        s.put("restart-strategy.type", "exponential-delay");
        s.put("restart-strategy.exponential-delay.initial-backoff", "1 s");
        s.put("restart-strategy.exponential-delay.max-backoff", "10 s");
        s.put("restart-strategy.exponential-delay.attempts-before-reset-backoff", "1000000");
        s.put("web.submit.enable", "false");
        s.put("web.cancel.enable", "true");
        return s;
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(spec.workDir().resolve("log").resolve("rocksdb"));
        Files.createDirectories(spec.workDir().resolve("tmp"));
        var yaml =
                new StringBuilder("# written by beatwatch cluster; regenerated on every start\n");
        settings().forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        Files.writeString(confDir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME), yaml);
        Files.writeString(
                confDir.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.type = File",
                        "appender.file.name = file",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.append = true",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x"
                                + " - %m%n",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        "logger.netty.name = org.apache.flink.shaded.netty4",
                        "logger.netty.level = WARN",
                        ""));
    }

    private static String quote(String v) {
        return v.matches("[A-Za-z0-9._/:-]+") ? v : "\"" + v + "\"";
    }

    private Configuration loadedConfig() {
        return GlobalConfiguration.loadConfiguration(confDir.toString());
    }

    private void startJobManager() throws IOException {
        var conf = loadedConfig();
        var memory = JobManagerProcessUtils.processSpecFromConfig(conf);
        String jvm = JobManagerProcessUtils.generateJvmParametersStr(memory, conf);
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        for (String d : JobManagerProcessUtils.generateDynamicConfigsStr(memory).split(" ")) {
            if (!d.isBlank()) args.add(d);
        }
        jobManager = launch("jobmanager", jvm, JOB_MANAGER_MAIN, args);
    }

    /** Starts TaskManager {@code index} (again, after a kill). */
    public synchronized void startTaskManager(int index) throws IOException {
        Process old = taskManagers.get(index);
        if (old != null && old.isAlive()) {
            throw new IllegalStateException("taskmanager " + index + " is running");
        }
        var memory = TaskExecutorProcessUtils.processSpecFromConfig(loadedConfig());
        String jvm = ProcessMemoryUtils.generateJvmParametersStr(memory);
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        for (String d : TaskExecutorProcessUtils.generateDynamicConfigsStr(memory).split(" ")) {
            if (!d.isBlank()) args.add(d);
        }
        taskManagers.set(index, launch("taskmanager-" + index, jvm, TASK_MANAGER_MAIN, args));
    }

    /**
     * Index of the running TaskManager process with this Flink resource id (as the REST API names
     * it), read from the line each TaskManager logs at start; -1 when none.
     */
    public int indexOfTaskManager(String resourceId) throws IOException {
        for (int i = 0; i < taskManagers.size(); i++) {
            Path log = spec.workDir().resolve("log").resolve("taskmanager-" + i + ".log");
            if (!Files.exists(log)) continue;
            String last = null;
            for (String line : Files.readAllLines(log)) {
                int at = line.indexOf("Starting TaskManager with ResourceID: ");
                if (at >= 0) last = line.substring(at + 38).trim();
            }
            if (resourceId.equals(last)) return i;
        }
        return -1;
    }

    /** kill -9 of TaskManager {@code index}; returns its pid. */
    public synchronized long killTaskManager(int index) throws InterruptedException {
        Process p = taskManagers.get(index);
        long pid = p.pid();
        p.destroyForcibly();
        p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return pid;
    }

    private Process launch(String name, String jvm, String main, List<String> args)
            throws IOException {
        Path log = spec.workDir().resolve("log").resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin);
        for (String o : jvm.trim().split("\\s+")) {
            if (!o.isBlank()) cmd.add(o);
        }
        cmd.add("-XX:+UseParallelGC");
        cmd.add("-Djava.io.tmpdir=" + spec.workDir().resolve("tmp"));
        cmd.add("-Dlog.file=" + log);
        cmd.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        cmd.add("-Dlog4j2.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main);
        cmd.addAll(args);
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(
                                spec.workDir().resolve("log").resolve(name + ".out").toFile()))
                .start();
    }

    /** Waits until the REST API answers and lists {@code n} TaskManagers. */
    public void awaitTaskManagers(int n) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException(
                        "the JobManager exited with "
                                + jobManager.exitValue()
                                + "; see "
                                + spec.workDir().resolve("log"));
            }
            JsonNode tms = getOrNull("/taskmanagers");
            if (tms != null && tms.path("taskmanagers").size() >= n) return;
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                n
                        + " TaskManagers did not register within "
                        + START_TIMEOUT
                        + "; see logs in "
                        + spec.workDir().resolve("log"));
    }

    /** GET on the REST API; null when it does not answer (yet). */
    public JsonNode getOrNull(String path) {
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(restUrl() + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code http://127.0.0.1:PORT}: the web UI and the REST API. */
    public String restUrl() {
        return "http://" + HOST + ":" + restPort;
    }

    public int restPort() {
        return restPort;
    }

    public Path workDir() {
        return spec.workDir();
    }

    public Spec spec() {
        return spec;
    }

    /** Process ids: the JobManager first, then each TaskManager (-1 when not running). */
    public synchronized List<Long> pids() {
        List<Long> out = new ArrayList<>();
        out.add(jobManager == null ? -1 : jobManager.pid());
        for (Process p : taskManagers) out.add(p == null || !p.isAlive() ? -1 : p.pid());
        return out;
    }

    /** Stops the TaskManagers, then the JobManager: SIGTERM, then SIGKILL after a bound. */
    @Override
    public synchronized void close() {
        List<Process> all = new ArrayList<>(taskManagers);
        all.add(jobManager);
        for (Process p : all) if (p != null) p.destroy();
        for (Process p : all) {
            if (p == null) continue;
            try {
                if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteTree(tmpDir);
    }

    private static String absoluteClasspath() {
        StringBuilder cp = new StringBuilder();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.isBlank()) continue;
            if (cp.length() > 0) cp.append(File.pathSeparator);
            cp.append(Path.of(e).toAbsolutePath());
        }
        return cp.toString();
    }

    /** A free TCP port on 127.0.0.1 (free when asked: bind it soon). */
    public static int freeLoopbackPort() {
        return freePort();
    }

    private static Path shortTempDir() {
        try {
            Path root = Path.of("/tmp");
            return Files.isDirectory(root)
                    ? Files.createTempDirectory(root, "bw-flink-")
                    : Files.createTempDirectory("bw-flink-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for Flink", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
