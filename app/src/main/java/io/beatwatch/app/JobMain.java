package io.beatwatch.app;

import io.beatwatch.jobs.cli.JobCommand;
import picocli.CommandLine;

/**
 * Entry class of HotspotJob on a Flink cluster (the Kubernetes operator's {@code FlinkDeployment},
 * or {@code standalone-job} in compose): takes the options of {@code bin/beatwatch job} and, unlike
 * {@link Main}, never calls {@code System.exit}, so the cluster ends the JVM after a savepoint.
 */
public final class JobMain {

    private JobMain() {}

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            // an exception, not an exit code, is what fails a Flink application
            throw new IllegalStateException("beatwatch job ended with exit code " + code);
        }
    }

    /** The options this entry point accepts: those of {@code beatwatch job}. */
    public static CommandLine commandLine() {
        return new CommandLine(new JobCommand());
    }
}
