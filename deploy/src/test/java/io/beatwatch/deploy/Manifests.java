package io.beatwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What the tests read out of the manifests, in one place. */
final class Manifests {

    /** The job's input counter as Flink's Prometheus reporter names it. */
    static final String FLINK_EVENTS_IN = "flink_taskmanager_job_task_operator_events_in";

    private Manifests() {}

    /** The gateway's configuration in the ConfigMap (the object under {@code gateway:}). */
    static JsonNode gatewayConfigTree() {
        try {
            String yaml =
                    Repo.k8s("ConfigMap", "beatwatch-gateway")
                            .path("data")
                            .path("gateway.yaml")
                            .asText();
            JsonNode root = Repo.YAML.readTree(yaml);
            return root.has("gateway") ? root.get("gateway") : root;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code spec.job.args} of a FlinkDeployment. */
    static List<String> jobArgs(JsonNode flinkDeployment) {
        var out = new ArrayList<String>();
        flinkDeployment.path("spec").path("job").path("args").forEach(a -> out.add(a.asText()));
        return out;
    }
}
