package io.beatwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The project's files as the tests read them: paths from the repository root, YAML and JSON. */
final class Repo {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    /** Root of the repository (the tests run in {@code deploy/}). */
    static final Path ROOT = findRoot();

    static final Path PROMETHEUS = ROOT.resolve("config/prometheus/prometheus.yml");
    static final Path ALERTS = ROOT.resolve("config/prometheus/alerts.yml");
    static final Path ALERT_TESTS = ROOT.resolve("config/prometheus/alerts.test.yml");
    static final Path DASHBOARD = ROOT.resolve("config/grafana/beatwatch-dashboard.json");
    static final Path GRAFANA_PROVISIONING = ROOT.resolve("config/grafana/provisioning");
    static final Path COMPOSE = ROOT.resolve("deploy/compose/docker-compose.yml");
    static final Path K8S = ROOT.resolve("deploy/k8s");

    private Repo() {}

    private static Path findRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config"))
                    && Files.isRegularFile(p.resolve("deploy/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Beatwatch repository above " + dir);
    }

    /** One YAML or JSON document. */
    static JsonNode read(Path file) {
        try {
            String name = file.getFileName().toString();
            return (name.endsWith(".json") ? JSON : YAML).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /**
     * Every document of a (multi-document) YAML file; empty documents are skipped. Jackson does not
     * expand YAML anchors and aliases, so the manifests do not use them.
     */
    static List<JsonNode> readAll(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            var out = new ArrayList<JsonNode>();
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) out.add(n);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** Every YAML file under a folder, sorted. */
    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Kubernetes object of a kind and name in {@code deploy/k8s}. */
    static JsonNode k8s(String kind, String name) {
        return yamlFiles(K8S).stream()
                .flatMap(f -> readAll(f).stream())
                .filter(n -> kind.equals(n.path("kind").asText()))
                .filter(n -> name.equals(n.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + K8S));
    }
}
