package io.beatwatch.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one local (MiniCluster) setup both Flink sides run on, so they differ only in their dataflow:
 * parallelism as given, heap state backend, no checkpoints, REST on a free port.
 */
final class LocalCluster {

    static final String STATE_BACKEND = "hashmap";

    private LocalCluster() {}

    /** A fresh local environment (each run starts its own MiniCluster). */
    static StreamExecutionEnvironment environment(int parallelism) {
        var conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(StateBackendOptions.STATE_BACKEND, STATE_BACKEND);
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }

    /** Waits for a job; cancels it and throws {@link TimeoutException} after {@code seconds}. */
    static JobExecutionResult await(JobClient client, long seconds) throws Exception {
        try {
            return client.getJobExecutionResult().get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            client.cancel().get(60, TimeUnit.SECONDS);
            throw new TimeoutException("did not finish within " + seconds + " s; cancelled");
        }
    }

    /** The 1, 5 and 15 minute load averages, from /proc/loadavg where there is one. */
    static String loadAverage() {
        try {
            String[] f =
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                            .trim()
                            .split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (Exception e) {
            double l =
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage();
            return l < 0 ? "n/a" : String.format("%.2f", l);
        }
    }
}
