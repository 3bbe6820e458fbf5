package io.beatwatch.load.latency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency harness end to end at smoke size (one low rate, 50 consoles in their own JVM, 15 s):
 * it finishes, writes its three files, the consoles received the seeded alerts and the loss count
 * was computed. Never a time.
 */
class LatencyHarnessIT {

    @Test
    @Timeout(180)
    void measuresAlertsFromTheCallToTheConsolesAtSmokeSize(@TempDir Path out) throws Exception {
        int rc =
                LatencyHarness.run(
                        "--rates", "14",
                        "--consoles", "50",
                        "--duration", "15",
                        "--max-minutes", "3",
                        "--out", out.toString());
        assertThat(rc).isZero();

        JsonNode figures = Json.mapper().readTree(out.resolve(LatencyHarness.FIGURES).toFile());
        assertThat(figures.get("scenarios")).hasSize(1);
        JsonNode s = figures.get("scenarios").get(0);
        assertThat(names(s).subList(0, 10))
                .containsExactly(
                        "eventsPerSec",
                        "consoles",
                        "durationSec",
                        "p50Ms",
                        "p99Ms",
                        "p999Ms",
                        "maxMs",
                        "alertsExpected",
                        "alertsLost",
                        "duplicates");
        assertThat(s.get("eventsPerSec").asInt()).isEqualTo(14);
        assertThat(s.get("consoles").asInt()).isEqualTo(50);
        assertThat(s.get("durationSec").asInt()).isEqualTo(15);
        assertThat(s.get("alertsExpected").asLong()).isPositive();
        assertThat(s.get("alertDeliveries").asLong()).isPositive();
        assertThat(s.get("alertsLost").isIntegralNumber()).isTrue();
        assertThat(s.get("duplicates").isIntegralNumber()).isTrue();
        assertThat(s.get("clustersAlerted").asInt()).isPositive();
        for (String f : List.of("p50Ms", "p99Ms", "p999Ms", "maxMs")) {
            assertThat(s.get(f).isNumber()).as(f).isTrue();
        }
        for (String stage : List.of("kafkaToJob", "jobToRedis", "redisToConsole")) {
            assertThat(s.get("stages").get(stage).get("count").asLong()).as(stage).isPositive();
        }
        assertThat(Files.readString(out.resolve(LatencyHarness.REPORT))).contains("## Per stage");
        assertThat(Files.size(out.resolve(LatencyHarness.CHART))).isPositive();
    }

    private static List<String> names(JsonNode n) {
        return StreamSupport.stream(
                        java.util.Spliterators.spliteratorUnknownSize(n.fieldNames(), 0), false)
                .toList();
    }
}
