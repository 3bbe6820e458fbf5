package io.beatwatch.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatwatch.load.faults.FaultResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The fault harness end to end at a small size: two San Antonio days, an undisturbed run and a
 * TaskManager kill -9 on the cluster of processes; the job recovers and the comparison ran. Never a
 * time. Skipped when the San Antonio file is absent.
 */
class FaultHarnessIT {

    static final Path FILE = Path.of("../../shared/data/san-antonio/sapd_calls_for_service.csv.gz");

    @Test
    @Timeout(600)
    void recoversFromATaskManagerKillAndComparesTheRuns() throws Exception {
        assumeTrue(Files.isReadable(FILE), FILE + " is absent: the San Antonio file of ../shared");
        // the packaged module (failsafe runs after package) is what the Flink processes run on
        String cp =
                Path.of("target/beatwatch-load-tests-0.1.0-SNAPSHOT.jar").toAbsolutePath()
                        + ":"
                        + Path.of("target/lib").toAbsolutePath()
                        + "/*";
        // kept after the run: the Flink processes' logs are what explains a failure
        Path work = Files.createTempDirectory(Path.of("target"), "faults-it-");
        var harness = new FaultHarness();
        int rc =
                new CommandLine(harness)
                        .execute(
                                "--file",
                                FILE.toString(),
                                "--from",
                                "2026-07-01",
                                "--to",
                                "2026-07-03",
                                "--rate",
                                "2000",
                                "--checkpoint-seconds",
                                "2",
                                "--faults",
                                "taskmanager-kill",
                                "--fault-after-alerts",
                                "0",
                                "--run-timeout-seconds",
                                // a bound, not a time: the stack starts in 20-100 s here
                                "300",
                                "--work-dir",
                                work.toString(),
                                "--process-classpath",
                                cp,
                                "--no-report");
        assertThat(rc).isZero();
        assertThat(harness.results).hasSize(1);
        FaultResult r = harness.results.get(0);
        assertThat(r.name()).isEqualTo("taskmanager-kill");
        assertThat(r.recovered()).isTrue();
        assertThat(r.recoverySec()).isPositive();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("killed TaskManager "));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("restored from checkpoint"));
        assertThat(Files.readString(work.resolve("taskmanager-kill/view.txt"))).isNotEmpty();
    }
}
