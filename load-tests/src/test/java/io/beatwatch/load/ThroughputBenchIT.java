package io.beatwatch.load;

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
 * The bench end to end at a tiny size (1 synthetic day, 1 round, no warm-up, a small q5 count): the
 * outputs exist and have their shape, and every side consumed its events. Never a speed.
 */
class ThroughputBenchIT {

    private static final long Q5_BIDS = 5_000;

    @Test
    @Timeout(120)
    void writesFiguresOfAllThreeSidesAtATinySize(@TempDir Path out) throws Exception {
        int rc =
                ThroughputBench.run(
                        "--sizes",
                        "1",
                        "--rounds",
                        "1",
                        "--warmup",
                        "0",
                        "--no-real",
                        "--q5-events",
                        String.valueOf(Q5_BIDS),
                        "--job-timeout",
                        "90",
                        "--out",
                        out.toString());
        assertThat(rc).isZero();

        JsonNode figures = Json.mapper().readTree(out.resolve(ThroughputBench.FIGURES).toFile());
        assertThat(names(figures)).containsExactly("runs", "ratioJobQ5", "ratioJobLoop");
        assertThat(figures.get("runs")).hasSize(1);
        JsonNode run = figures.get("runs").get(0);
        assertThat(names(run))
                .containsExactly(
                        "input", "events", "jobEventsPerSec", "q5EventsPerSec", "loopEventsPerSec");
        assertThat(run.get("input").asText()).isEqualTo("synthetic-1d");
        assertThat(run.get("events").asLong()).isPositive();
        for (String side : List.of("jobEventsPerSec", "q5EventsPerSec", "loopEventsPerSec")) {
            assertThat(run.get(side).isNumber()).as(side).isTrue();
            assertThat(run.get(side).asDouble()).as(side).isPositive();
        }
        assertThat(figures.get("ratioJobQ5").asDouble()).isPositive();
        assertThat(figures.get("ratioJobLoop").asDouble()).isPositive();

        String report = Files.readString(out.resolve(ThroughputBench.REPORT));
        long events = run.get("events").asLong();
        // the sanity line counts what each side consumed where it read it
        assertThat(report)
                .contains(String.format("job %,d events in", events))
                .contains(String.format("q5 %,d events in", Q5_BIDS))
                .contains(String.format("loop %,d events in", events));
        assertThat(Files.size(out.resolve(ThroughputBench.PLOT))).isPositive();
    }

    private static List<String> names(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
                .toList();
    }
}
