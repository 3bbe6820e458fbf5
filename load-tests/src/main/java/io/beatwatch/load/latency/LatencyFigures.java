package io.beatwatch.load.latency;

import io.beatwatch.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code figures.json}: {@code {"scenarios":[ScenarioResult...]}}. */
public record LatencyFigures(List<ScenarioResult> scenarios) {

    public void write(Path file) throws IOException {
        Files.writeString(
                file,
                Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }
}
