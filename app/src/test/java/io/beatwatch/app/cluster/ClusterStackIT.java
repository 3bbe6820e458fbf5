package io.beatwatch.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code beatwatch cluster}'s stack for real: a JobManager and two TaskManagers as separate
 * processes, Kafka and Redis; the REST API lists HotspotJob RUNNING on two TaskManagers.
 */
class ClusterStackIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void runsHotspotJobOnTwoTaskManagerProcesses() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "cluster-it-");
        // the packaged app (failsafe runs after package): what bin/beatwatch cluster runs on
        String cp =
                Path.of("target/beatwatch.jar").toAbsolutePath()
                        + ":"
                        + Path.of("target/lib").toAbsolutePath()
                        + "/*";
        var spec = new FlinkProcesses.Spec(work, 0, 2, 2, "1g", "1g").withClasspath(cp);
        var config =
                HotspotJobConfig.forProfile(CityProfiles.load("san-antonio"))
                        .withCheckpointInterval(Duration.ofSeconds(2));
        try (var stack = ClusterStack.start(spec, new PrintStream(System.out, true))) {
            var job = stack.submit(config, "cluster-it", null);
            FlinkProcesses flink = stack.flink();
            assertThat(flink.getOrNull("/taskmanagers").path("taskmanagers").size()).isEqualTo(2);

            long deadline = System.nanoTime() + WAIT.toNanos();
            String state = "";
            long completed = 0;
            while (System.nanoTime() < deadline && (!"RUNNING".equals(state) || completed < 1)) {
                JsonNode j = flink.getOrNull("/jobs/" + job.getJobID());
                state = j == null ? "" : j.path("state").asText();
                JsonNode cp2 = flink.getOrNull("/jobs/" + job.getJobID() + "/checkpoints");
                completed = cp2 == null ? 0 : cp2.path("counts").path("completed").asLong();
                Thread.sleep(250);
            }
            assertThat(state).isEqualTo("RUNNING");
            assertThat(completed).as("completed checkpoints").isGreaterThanOrEqualTo(1);
            JsonNode cfg = flink.getOrNull("/jobmanager/config");
            assertThat(cfg.toString()).contains("rocksdb");
            assertThat(flink.pids()).hasSize(3).doesNotContain(-1L);
        }
    }
}
