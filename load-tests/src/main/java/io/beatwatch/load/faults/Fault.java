package io.beatwatch.load.faults;

import io.beatwatch.app.cluster.ClusterStack;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import java.time.Duration;

/**
 * One fault the harness injects mid-stream into a running {@link ClusterStack}. {@link #inject}
 * returns the wall-clock time (epoch ms) from which recovery is timed: the injection itself, or for
 * an outage the moment it ends.
 */
public enum Fault {
    /**
     * kill -9 of the TaskManager that runs the detector (the job's state); it is started again once
     * the job has recovered on the other one.
     */
    TASKMANAGER_KILL("taskmanager-kill") {
        @Override
        public long inject(Context c) throws Exception {
            int i = detectorTaskManager(c);
            long t = System.currentTimeMillis();
            long pid = c.stack().flink().killTaskManager(i);
            c.note("killed TaskManager " + i + " (pid " + pid + "), which ran the detector");
            killed = i;
            return t;
        }

        @Override
        public void afterRecovery(Context c) throws Exception {
            c.stack().flink().startTaskManager(killed);
            c.stack().flink().awaitTaskManagers(2);
            c.note("TaskManager " + killed + " started again");
        }
    },
    /** Stop with a canonical savepoint, then submit the job again restored from it (an upgrade). */
    SAVEPOINT_RESTART("savepoint-restart") {
        @Override
        public long inject(Context c) throws Exception {
            long t = System.currentTimeMillis();
            String path = c.stack().stopWithSavepoint();
            c.note("stopped with savepoint " + path);
            c.stack().submit(c.config(), c.jobName(), path);
            c.note("resubmitted from the savepoint as job " + c.stack().job().getJobID());
            return t;
        }
    },
    /** kill -9 of redis-server, started again at once on its append-only file. */
    REDIS_KILL("redis-kill") {
        @Override
        public long inject(Context c) {
            long t = System.currentTimeMillis();
            c.stack().redis().kill();
            c.stack().redis().relaunch();
            c.note("killed redis-server and started it again on its append-only file");
            return t;
        }
    },
    /** redis-server stopped (SIGSTOP) for the outage: its port open, no answer; then SIGCONT. */
    REDIS_UNREACHABLE("redis-unreachable") {
        @Override
        public long inject(Context c) throws InterruptedException {
            c.stack().redis().freeze(true);
            c.note("redis-server frozen (SIGSTOP) for " + c.outage().toSeconds() + " s");
            Thread.sleep(c.outage().toMillis());
            c.stack().redis().freeze(false);
            c.note("redis-server reachable again (SIGCONT)");
            return System.currentTimeMillis();
        }
    },
    /**
     * kill -9 of the gateway process while supervisor consoles are connected; started again after 5
     * s on the same port; each console signs in again and resumes from its last stream id.
     */
    GATEWAY_KILL("gateway-kill") {
        @Override
        public long inject(Context c) throws Exception {
            long t = System.currentTimeMillis();
            c.note(
                    "killed the gateway (pid "
                            + c.gateway().killGateway()
                            + ") with "
                            + c.gateway().consoles().size()
                            + " consoles connected");
            Thread.sleep(5000);
            c.gateway().startGateway();
            c.note("gateway started again");
            return t;
        }

        @Override
        public boolean needsGateway() {
            return true;
        }
    },
    /** The Kafka broker shut down and started again on the same port and log directories. */
    KAFKA_RESTART("kafka-restart") {
        @Override
        public long inject(Context c) throws InterruptedException {
            long t = System.currentTimeMillis();
            c.stack().kafka().restartBroker(Duration.ofSeconds(5));
            c.note("Kafka broker restarted (5 s down)");
            return t;
        }
    };

    private final String id;

    /** The TaskManager index the kill hit (one run at a time). */
    private static volatile int killed;

    Fault(String id) {
        this.id = id;
    }

    /** The name in figures.json and on the command line. */
    public String id() {
        return id;
    }

    /** The fault with this {@link #id}. */
    public static Fault of(String id) {
        for (Fault f : values()) if (f.id.equals(id)) return f;
        throw new IllegalArgumentException("unknown fault " + id);
    }

    public abstract long inject(Context c) throws Exception;

    /** The index of the TaskManager process that runs the detector subtask. */
    static int detectorTaskManager(Context c) throws Exception {
        var flink = c.stack().flink();
        String job = "/jobs/" + c.stack().job().getJobID();
        for (var v : flink.getOrNull(job).path("vertices")) {
            if (!v.path("name").asText().startsWith("detector")) continue;
            var tms = flink.getOrNull(job + "/vertices/" + v.path("id").asText() + "/taskmanagers");
            String rid = tms.path("taskmanagers").get(0).path("taskmanager-id").asText();
            int i = flink.indexOfTaskManager(rid);
            if (i < 0) throw new IllegalStateException("no TaskManager process logged id " + rid);
            return i;
        }
        throw new IllegalStateException("no detector vertex in " + job);
    }

    /** Whether the run starts the gateway with consoles before the feed. */
    public boolean needsGateway() {
        return false;
    }

    /** What to do once the job has recovered (default: nothing). */
    public void afterRecovery(Context c) throws Exception {}

    /** What a fault acts on. */
    public interface Context {
        ClusterStack stack();

        HotspotJobConfig config();

        String jobName();

        Duration outage();

        /** The gateway and its consoles, when {@link #needsGateway}. */
        GatewayConsoles gateway();

        void note(String line);
    }
}
