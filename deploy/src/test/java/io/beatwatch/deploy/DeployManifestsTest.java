package io.beatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.app.JobMain;
import io.beatwatch.app.Main;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.config.GatewayConfigLoader;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The manifests in {@code deploy/} say what the code accepts: every YAML parses, commands and job
 * arguments parse with the real command line, the gateway's configuration and environment load with
 * its real loader, ports, probes, volumes and scrape targets line up, and Flink options use Flink
 * 2.2's key names.
 */
class DeployManifestsTest {

    private static final Pattern COMPOSE_VARIABLE =
            Pattern.compile("\\$\\{([A-Z_]+)(:?[-?])([^}]*)\\}");

    @Test
    void everyYamlInDeployParses() {
        var files = Repo.yamlFiles(Repo.ROOT.resolve("deploy"));
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        for (Path f : files) {
            assertThat(Repo.readAll(f)).as(f.toString()).isNotEmpty();
        }
    }

    @Test
    void kustomizationsListExistingFilesOfWellFormedObjects() {
        for (Path dir : List.of(Repo.K8S, Repo.K8S.resolve("monitoring"))) {
            JsonNode k = Repo.read(dir.resolve("kustomization.yaml"));
            var listed = new HashSet<String>();
            for (JsonNode r : k.path("resources")) {
                Path f = dir.resolve(r.asText());
                assertThat(f).as("resource of " + dir).exists();
                listed.add(f.getFileName().toString());
                for (JsonNode o : Repo.readAll(f)) {
                    assertThat(o.path("apiVersion").asText()).as(f.toString()).isNotBlank();
                    assertThat(o.path("kind").asText()).as(f.toString()).isNotBlank();
                    assertThat(o.path("metadata").path("name").asText())
                            .as(f.toString())
                            .isNotBlank();
                }
            }
            // every manifest of the folder is applied (kustomize's own files aside)
            try (var s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".yaml"))
                        .map(p -> p.getFileName().toString())
                        .filter(
                                n ->
                                        !n.equals("kustomization.yaml")
                                                && !n.equals("kustomizeconfig.yaml"))
                        .forEach(n -> assertThat(listed).as(dir + " lists " + n).contains(n));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void theGatewayConfigMapLoadsAndMatchesTheDeployment() {
        JsonNode container = gatewayContainer();
        GatewayConfig config =
                GatewayConfigLoader.fromTree(
                        Manifests.gatewayConfigTree(), containerEnv(container));
        assertThat(config.devLogins()).isFalse();
        assertThat(config.port()).isEqualTo(containerPort(container, "http"));

        // args: `beatwatch gateway <file>`, the file being the ConfigMap key where it is mounted
        var args = strings(container.path("args"));
        var parsed = new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("gateway");
        Path file = Path.of(args.get(1));
        assertThat(file.getFileName().toString()).isEqualTo("gateway.yaml");
        assertThat(mountOf(container, "config")).isEqualTo(file.getParent().toString());
        assertThat(volume("config").path("configMap").path("name").asText())
                .isEqualTo("beatwatch-gateway");

        // the key is the Secret's item where the jwt volume is mounted
        Path key = config.jwt().publicKeyPath();
        JsonNode jwt = volume("jwt");
        assertThat(jwt.path("secret").path("secretName").asText()).isEqualTo("beatwatch-jwt");
        assertThat(
                        Path.of(
                                mountOf(container, "jwt"),
                                jwt.path("secret").path("items").get(0).path("path").asText()))
                .isEqualTo(key);
    }

    @Test
    void gatewayProbesUseTheHealthRoutesAndWaitForTheReadinessCheck() throws Exception {
        JsonNode c = gatewayContainer();
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health/ready");
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health/live");
        assertThat(c.path("readinessProbe").path("httpGet").path("port").asText())
                .isEqualTo("http");
        var field =
                Class.forName("io.beatwatch.gateway.http.OpsRoutes")
                        .getDeclaredField("READY_TIMEOUT_MS");
        field.setAccessible(true);
        long checkMs = field.getLong(null);
        assertThat(c.path("readinessProbe").path("timeoutSeconds").asLong() * 1000)
                .as("probe timeout above the readiness check's own Redis/Kafka timeout")
                .isGreaterThan(checkMs);
    }

    @Test
    void serviceHpaAndPdbPointAtTheGateway() {
        JsonNode deployment = Repo.k8s("Deployment", "beatwatch-gateway");
        JsonNode podLabels =
                deployment.path("spec").path("template").path("metadata").path("labels");
        JsonNode service = Repo.k8s("Service", "beatwatch-gateway");
        service.path("spec")
                .path("selector")
                .fields()
                .forEachRemaining(
                        e ->
                                assertThat(podLabels.path(e.getKey()).asText())
                                        .isEqualTo(e.getValue().asText()));
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText())
                .isEqualTo("http");
        JsonNode hpa = Repo.k8s("HorizontalPodAutoscaler", "beatwatch-gateway");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText())
                .isEqualTo("beatwatch-gateway");
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode pdb = Repo.k8s("PodDisruptionBudget", "beatwatch-gateway");
        pdb.path("spec")
                .path("selector")
                .path("matchLabels")
                .fields()
                .forEachRemaining(
                        e ->
                                assertThat(podLabels.path(e.getKey()).asText())
                                        .isEqualTo(e.getValue().asText()));
        // the ServiceMonitor scrapes this Service's port
        JsonNode sm = Repo.k8s("ServiceMonitor", "beatwatch-gateway");
        assertThat(sm.path("spec").path("endpoints").get(0).path("port").asText())
                .isEqualTo("http");
        assertThat(sm.path("spec").path("endpoints").get(0).path("path").asText())
                .isEqualTo("/metrics");
        sm.path("spec")
                .path("selector")
                .path("matchLabels")
                .fields()
                .forEachRemaining(
                        e ->
                                assertThat(
                                                service.path("metadata")
                                                        .path("labels")
                                                        .path(e.getKey())
                                                        .asText())
                                        .isEqualTo(e.getValue().asText()));
    }

    @Test
    void theFlinkDeploymentRunsJobMainWithArgumentsItAccepts() {
        JsonNode fd = Repo.k8s("FlinkDeployment", "beatwatch-hotspot");
        JsonNode job = fd.path("spec").path("job");
        assertThat(job.path("entryClass").asText()).isEqualTo(JobMain.class.getName());
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("jarURI").asText())
                .isEqualTo("local:///opt/flink/usrlib/beatwatch.jar");
        var parsed = JobMain.commandLine().parseArgs(Manifests.jobArgs(fd).toArray(String[]::new));
        assertThat(parsed.unmatched()).isEmpty();
        CityProfiles.load(parsed.matchedOptionValue("--profile", ""));
        int parallelism = parsed.matchedOptionValue("--parallelism", 2);
        // the job sets its parallelism from --parallelism: keep the spec's in step
        assertThat(job.path("parallelism").asInt()).isEqualTo(parallelism);
        int slots =
                fd.path("spec")
                        .path("flinkConfiguration")
                        .path(TaskManagerOptions.NUM_TASK_SLOTS.key())
                        .asInt();
        assertThat(slots).isPositive();
    }

    @Test
    void theFlinkDeploymentUsesFlink2KeysForStateHaAndMetrics() {
        JsonNode fd = Repo.k8s("FlinkDeployment", "beatwatch-hotspot");
        JsonNode conf = fd.path("spec").path("flinkConfiguration");
        String checkpoints = conf.path(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key()).asText();
        String savepoints = conf.path(CheckpointingOptions.SAVEPOINT_DIRECTORY.key()).asText();
        String ha = conf.path(HighAvailabilityOptions.HA_STORAGE_PATH.key()).asText();
        assertThat(conf.path(HighAvailabilityOptions.HA_MODE.key()).asText())
                .isEqualTo("kubernetes");
        assertThat(conf.path(StateBackendOptions.STATE_BACKEND.key()).asText()).isNotBlank();
        // all three on the mounted claim
        JsonNode pod = fd.path("spec").path("podTemplate").path("spec");
        JsonNode main = pod.path("containers").get(0);
        assertThat(main.path("name").asText()).isEqualTo("flink-main-container");
        String mount = main.path("volumeMounts").get(0).path("mountPath").asText();
        for (String dir : List.of(checkpoints, savepoints, ha)) {
            assertThat(dir).startsWith("file://" + mount + "/");
        }
        assertThat(
                        pod.path("volumes")
                                .get(0)
                                .path("persistentVolumeClaim")
                                .path("claimName")
                                .asText())
                .isEqualTo(
                        Repo.k8s("PersistentVolumeClaim", "beatwatch-flink-data")
                                .path("metadata")
                                .path("name")
                                .asText());
        // the reporter listens on the container port the PodMonitor scrapes
        int reporterPort = conf.path("metrics.reporter.prom.port").asInt();
        assertThat(containerPort(main, "metrics")).isEqualTo(reporterPort);
        JsonNode pm = Repo.k8s("PodMonitor", "beatwatch-flink");
        assertThat(pm.path("spec").path("podMetricsEndpoints").get(0).path("port").asText())
                .isEqualTo("metrics");
        assertThat(pm.path("spec").path("selector").path("matchLabels").path("app").asText())
                .isEqualTo(fd.path("metadata").path("name").asText());
        assertThat(conf.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo(
                        org.apache.flink.metrics.prometheus.PrometheusReporterFactory.class
                                .getName());
    }

    @Test
    void composeGatewayEnvironmentIsWhatTheGatewayReads() throws Exception {
        JsonNode gateway = compose().path("services").path("gateway");
        Map<String, String> env = composeEnv(gateway);
        Set<String> known = new HashSet<>(gatewayEnvNames());
        known.add("JAVA_TOOL_OPTIONS");
        assertThat(known).containsAll(env.keySet());
        // with the defaults the compose file gives, the gateway configuration is valid
        GatewayConfig config = GatewayConfigLoader.fromTree(Repo.YAML.createObjectNode(), env);
        assertThat(config.redisUri()).isEqualTo("redis://redis:6379");
        assertThat(config.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(compose().path("services").has("redis")).isTrue();
        assertThat(compose().path("services").has("kafka")).isTrue();
        assertThat(strings(gateway.path("ports"))).anyMatch(p -> p.endsWith(":" + config.port()));
        var parsed =
                new CommandLine(new Main())
                        .parseArgs(strings(gateway.path("command")).toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("gateway");
    }

    @Test
    void composeJobRunsJobMainOnFlinkWithTheReporterPrometheusScrapes() {
        JsonNode services = compose().path("services");
        JsonNode jm = services.path("jobmanager");
        var command =
                strings(jm.path("command")).stream().map(DeployManifestsTest::interpolate).toList();
        assertThat(command.subList(0, 3))
                .containsExactly("standalone-job", "--job-classname", JobMain.class.getName());
        var parsed =
                JobMain.commandLine()
                        .parseArgs(command.subList(3, command.size()).toArray(String[]::new));
        assertThat(parsed.unmatched()).isEmpty();
        CityProfiles.load(parsed.matchedOptionValue("--profile", ""));
        assertThat(parsed.matchedOptionValue("--kafka", "")).isEqualTo("kafka:9092");
        assertThat(parsed.matchedOptionValue("--redis", "")).isEqualTo("redis://redis:6379");

        // the same Flink configuration on both processes (compose files here use no YAML anchors)
        assertThat(flinkProperties(services.path("taskmanager"))).isEqualTo(flinkProperties(jm));
        for (String name : List.of("jobmanager", "taskmanager")) {
            JsonNode props = flinkProperties(services.path(name));
            assertThat(props.path("metrics.reporter.prom.factory.class").asText())
                    .isEqualTo(
                            org.apache.flink.metrics.prometheus.PrometheusReporterFactory.class
                                    .getName());
            assertThat(props.path(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key()).asText())
                    .startsWith("file:///flink-data/");
            assertThat(strings(services.path(name).path("volumes")))
                    .anyMatch(v -> v.endsWith(":/flink-data"));
        }
        int reporterPort = flinkProperties(jm).path("metrics.reporter.prom.port").asInt();
        assertThat(scrapeTargets("beatwatch-flink"))
                .containsExactlyInAnyOrder(
                        "jobmanager:" + reporterPort, "taskmanager:" + reporterPort);
    }

    @Test
    void prometheusTargetsAreComposeServices() {
        JsonNode services = compose().path("services");
        for (String job :
                List.of("beatwatch-gateway", "beatwatch-flink", "beatwatch-gateway-ready")) {
            for (String target : scrapeTargets(job)) {
                String host = target.replaceFirst("^https?://", "").replaceFirst("[:/].*$", "");
                assertThat(services.has(host)).as(job + " target " + target).isTrue();
            }
        }
        assertThat(scrapeTargets("beatwatch-gateway-ready"))
                .containsExactly("http://gateway:8080/health/ready");
        assertThat(services.has("blackbox")).isTrue();
        var mounts = strings(services.path("prometheus").path("volumes"));
        assertThat(mounts).contains("../../config/prometheus:/etc/prometheus:ro");
        assertThat(strings(services.path("prometheus").path("command")))
                .contains("--config.file=/etc/prometheus/" + Repo.PROMETHEUS.getFileName());
    }

    @Test
    void theDockerfileBuildsBothImagesTheManifestsUse() throws Exception {
        String dockerfile = Files.readString(Repo.ROOT.resolve("deploy/Dockerfile"));
        assertThat(dockerfile)
                .contains(
                        "AS app",
                        "AS hotspot-job",
                        Main.class.getName(),
                        "/opt/flink/usrlib/beatwatch.jar");
        assertThat(compose().path("services").path("gateway").path("image").asText())
                .startsWith("beatwatch/app:");
        assertThat(compose().path("services").path("jobmanager").path("image").asText())
                .startsWith("beatwatch/hotspot-job:");
        assertThat(
                        Repo.k8s("FlinkDeployment", "beatwatch-hotspot")
                                .path("spec")
                                .path("image")
                                .asText())
                .startsWith("beatwatch/hotspot-job:");
        assertThat(gatewayContainer().path("image").asText()).startsWith("beatwatch/app:");
    }

    // ---- helpers

    private static JsonNode compose() {
        return Repo.read(Repo.COMPOSE);
    }

    private static JsonNode gatewayContainer() {
        return Repo.k8s("Deployment", "beatwatch-gateway")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    }

    private static JsonNode volume(String name) {
        for (JsonNode v :
                Repo.k8s("Deployment", "beatwatch-gateway")
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("volumes")) {
            if (v.path("name").asText().equals(name)) return v;
        }
        throw new AssertionError("no volume " + name);
    }

    private static String mountOf(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asText().equals(volume)) return m.path("mountPath").asText();
        }
        throw new AssertionError("no mount of " + volume);
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) return p.path("containerPort").asInt();
        }
        throw new AssertionError("no port " + name);
    }

    private static Map<String, String> containerEnv(JsonNode container) {
        var env = new HashMap<String, String>();
        container
                .path("env")
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    private static List<String> gatewayEnvNames() throws IllegalAccessException {
        var out = new ArrayList<String>();
        for (var f : GatewayConfigLoader.class.getFields()) {
            if (f.getName().startsWith("ENV_") && Modifier.isStatic(f.getModifiers())) {
                out.add((String) f.get(null));
            }
        }
        return out;
    }

    /** The environment of a compose service, with {@code ${VAR:-default}} as with VAR unset. */
    private static Map<String, String> composeEnv(JsonNode service) {
        var env = new HashMap<String, String>();
        environment(service)
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), interpolate(e.getValue().asText())));
        return env;
    }

    private static String interpolate(String value) {
        var m = COMPOSE_VARIABLE.matcher(value);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    out,
                    m.group(2).endsWith("-")
                            ? java.util.regex.Matcher.quoteReplacement(m.group(3))
                            : "");
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode environment(JsonNode service) {
        return service.path("environment");
    }

    private static JsonNode flinkProperties(JsonNode service) {
        try {
            return Repo.YAML.readTree(environment(service).path("FLINK_PROPERTIES").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> scrapeTargets(String job) {
        for (JsonNode c : Repo.read(Repo.PROMETHEUS).path("scrape_configs")) {
            if (c.path("job_name").asText().equals(job)) {
                var out = new ArrayList<String>();
                c.path("static_configs")
                        .forEach(s -> s.path("targets").forEach(t -> out.add(t.asText())));
                return out;
            }
        }
        throw new AssertionError("no scrape job " + job);
    }

    private static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
