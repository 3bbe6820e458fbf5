package io.beatwatch.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * docs/reliability/figures.json: one file that merges every writer's figures. A writer changes its
 * own entry ({@code faults}, {@code mutation}); the others stay, and {@code fuzz} and {@code auth}
 * are copied afresh from {@code fuzz.json} and {@code auth.json} (written by FuzzHarness and
 * AuthMatrixIT) each time.
 */
public final class ReliabilityFigures {

    private ReliabilityFigures() {}

    /** Reads figures.json in {@code dir} (if any), applies {@code own}, refreshes fuzz and auth. */
    public static void update(Path dir, Consumer<ObjectNode> own) throws IOException {
        Files.createDirectories(dir);
        Path figures = dir.resolve("figures.json");
        ObjectNode root =
                Files.exists(figures)
                        ? (ObjectNode) Json.tree(Files.readString(figures))
                        : Json.mapper().createObjectNode();
        own.accept(root);
        JsonNode fuzz = read(dir, "fuzz.json");
        if (fuzz != null) {
            JsonNode f = fuzz.path("fuzz");
            root.putObject("fuzz")
                    .put("inputs", f.path("inputs").asLong())
                    .put("crashes", f.path("crashes").asLong())
                    .put("hangs", f.path("hangs").asLong());
        }
        JsonNode auth = read(dir, "auth.json");
        if (auth != null) {
            root.putObject("auth")
                    .put("cases", auth.path("cases").asLong())
                    .put("failures", auth.path("failures").asLong());
        }
        Files.writeString(
                figures,
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    private static JsonNode read(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Json.tree(Files.readString(p)) : null;
    }
}
