package io.beatwatch.load.fanout;

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
 * The fan-out harness end to end at smoke size (50 consoles in their own JVM, the gateway as a
 * process, 5 s phases): it finishes, writes its three files with the named fields, every console
 * came back after the storm and the restart, and nothing was lost or delivered twice. Never a time.
 */
class FanoutHarnessIT {

    @Test
    @Timeout(180)
    void measuresFanOutAndLosesNothingInTheStormOrTheRestartAtSmokeSize(@TempDir Path out)
            throws Exception {
        int rc =
                FanoutHarness.run(
                        "--consoles", "50",
                        "--duration", "5",
                        "--settle", "2",
                        "--warmup", "3",
                        "--drain", "15",
                        "--storm-spread", "2",
                        "--slow-every", "10",
                        "--gateway-heap", "512m",
                        "--fleet-heap", "512m",
                        "--max-minutes", "3",
                        "--out", out.toString());
        assertThat(rc).isZero();

        JsonNode f = Json.mapper().readTree(out.resolve(FanoutHarness.FIGURES).toFile());
        assertThat(names(f).subList(0, 9))
                .containsExactly(
                        "consoles",
                        "pushP99Ms",
                        "pushP50Ms",
                        "heapMbPer1000",
                        "gatewayCpuPercent",
                        "slowConsolesIsolated",
                        "slowConsoles",
                        "reconnectStorm",
                        "gatewayRestart");
        assertThat(f.get("consoles").asInt()).isEqualTo(50);
        assertThat(f.get("pushDeliveries").asLong()).isPositive();
        for (String n : List.of("pushP99Ms", "pushP50Ms", "heapMbPer1000")) {
            assertThat(f.get(n).isNumber()).as(n).isTrue();
        }
        assertThat(f.get("slowConsoles").get("count").asInt()).isEqualTo(5);
        assertThat(f.get("slowConsoles").get("lost").asLong()).isZero();

        assertThat(f.get("slowConsolesIsolated").isBoolean()).isTrue();
        JsonNode storm = f.get("reconnectStorm");
        assertThat(names(storm).subList(0, 4))
                .containsExactly("consoles", "seconds", "lost", "duplicates");
        assertThat(storm.get("consoles").asInt()).isEqualTo(50);
        assertThat(storm.get("reconnected").asInt()).isEqualTo(50);
        assertThat(storm.get("owed").asLong()).isPositive();
        assertThat(storm.get("lost").asLong()).isZero();
        assertThat(storm.get("duplicates").asLong()).isZero();
        assertThat(storm.get("seconds").isNumber()).isTrue();

        JsonNode restart = f.get("gatewayRestart");
        assertThat(restart.get("reconnected").asInt()).isEqualTo(50);
        assertThat(restart.get("owed").asLong()).isPositive();
        assertThat(restart.get("lost").asLong()).isZero();
        assertThat(restart.get("duplicates").asLong()).isZero();
        assertThat(restart.get("recoveredS").isNumber()).isTrue();

        assertThat(f.get("totals").get("lost").asLong()).isZero();
        assertThat(f.get("totals").get("duplicates").asLong()).isZero();
        assertThat(Files.readString(out.resolve(FanoutHarness.REPORT)))
                .contains("## Reconnect storm", "## Gateway restart", "FanoutHarness");
        assertThat(Files.size(out.resolve(FanoutHarness.CHART))).isPositive();
    }

    private static List<String> names(JsonNode n) {
        return StreamSupport.stream(
                        java.util.Spliterators.spliteratorUnknownSize(n.fieldNames(), 0), false)
                .toList();
    }
}
