package io.beatwatch.jobs.cli;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Local (MiniCluster) environments for the commands that run a job in this JVM. */
public final class LocalFlink {

    private LocalFlink() {}

    /**
     * A local environment whose checkpoints go to files under {@code checkpointDir} (the default
     * in-memory storage caps state at 5 MB, which a city's state exceeds), with the REST endpoint
     * on a free port.
     */
    public static StreamExecutionEnvironment environment(int parallelism, Path checkpointDir) {
        var conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }
}
