package io.beatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.app.JobMain;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.KafkaIo;
import io.beatwatch.jobs.io.Topics;
import io.beatwatch.jobs.patrol.PatrolJobConfig;
import io.beatwatch.jobs.testkit.MiniClusterExtension;
import io.beatwatch.testkit.KafkaBroker;
import io.beatwatch.testkit.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs HotspotJob as {@code deploy/k8s} deploys it (the FlinkDeployment's job arguments and its
 * Prometheus reporter options, Kafka sources) on a MiniCluster and scrapes Flink's real Prometheus
 * reporter: every {@code flink_*} series the alert rules and the dashboard use must be there.
 */
class JobMetricsIT {

    static final JsonNode DEPLOYMENT = Repo.k8s("FlinkDeployment", "beatwatch-hotspot");
    static final int REPORTER_PORT = Scrapes.freePort();
    static final int RECORDS = 20;
    static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(reporterConfig());

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static PromText scrape;

    /** The FlinkDeployment's reporter options, on a free port (the manifest's is fixed). */
    static Configuration reporterConfig() {
        var options = new HashMap<String, String>();
        DEPLOYMENT
                .path("spec")
                .path("flinkConfiguration")
                .fields()
                .forEachRemaining(
                        e -> {
                            if (e.getKey().startsWith("metrics.reporter.")) {
                                options.put(e.getKey(), e.getValue().asText());
                            }
                        });
        options.put("metrics.reporter.prom.port", String.valueOf(REPORTER_PORT));
        return Configuration.fromMap(options);
    }

    /** Once per class; the cluster's environment exists only inside a test (beforeEach). */
    @BeforeEach
    void runJobAndScrapeOnce() throws Exception {
        if (scrape != null) return;
        KafkaBroker kafka = KAFKA.broker();
        Topics topics = Topics.defaults(kafka.bootstrapServers());
        kafka.createTopics(
                topics.calls(),
                topics.tips(),
                topics.alerts(),
                topics.dlq(),
                topics.patrolFeedback(),
                topics.suggestions());
        List<String> args = Manifests.jobArgs(DEPLOYMENT);
        var parsed = JobMain.commandLine().parseArgs(args.toArray(String[]::new));
        String profileName = parsed.matchedOptionValue("--profile", "");
        var profile = CityProfiles.load(profileName);
        var config =
                HotspotJobConfig.forProfile(profile).withCheckpointInterval(Duration.ofSeconds(1));
        var job =
                new HotspotJob(
                        config,
                        env -> KafkaIo.input(env, topics),
                        new HotspotJob.Sinks(
                                List.of(new DiscardingSink<>()),
                                List.of(new DiscardingSink<>()),
                                List.of(new DiscardingSink<>()),
                                List.of(new DiscardingSink<>()),
                                List.of(new DiscardingSink<>()),
                                List.of(new DiscardingSink<>())),
                        PatrolJobConfig.forProfile(profile, 1L, null, null),
                        env -> KafkaIo.feedback(env, topics));
        JobClient client = job.executeAsync(FLINK.environment(), "beatwatch-hotspot-metrics-it");
        try (var producer = kafka.newProducer()) {
            for (int i = 0; i < RECORDS; i++) {
                // unreadable on purpose: each one is counted in and rejected with a reason
                producer.send(new ProducerRecord<>(topics.calls(), "r" + i, "not json " + i));
            }
            producer.flush();
            String url = "http://127.0.0.1:" + REPORTER_PORT + "/metrics";
            // some series appear only after the first fetch (the Kafka sources' pendingRecords):
            // wait, bounded, until the records are counted and every name the files use is there
            var used = MonitoringFiles.metricNames("flink_");
            scrape =
                    Scrapes.until(
                            url,
                            s ->
                                    s.sum(Manifests.FLINK_EVENTS_IN) >= RECORDS
                                            && s.names().containsAll(used),
                            WAIT);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/job-metrics.txt"), Scrapes.get(url).body());
        } finally {
            client.cancel().get();
        }
    }

    @Test
    void everyFlinkSeriesOfTheRulesAndTheDashboardIsExported() {
        assertThat(MonitoringFiles.problems(scrape, List.of("flink_"))).isEmpty();
    }

    @Test
    void theJobsOwnMetricsAreServedUnderTheNamesTheFilesUse() {
        // the job's counters (DecodeFunction, DetectorFunction, patrol operators) are all
        // referenced
        assertThat(MonitoringFiles.metricNames("flink_"))
                .contains(
                        Manifests.FLINK_EVENTS_IN,
                        "flink_taskmanager_job_task_operator_reason_rejected",
                        "flink_taskmanager_job_task_operator_alerts_opened",
                        "flink_taskmanager_job_task_operator_event_to_alert_latency_ms",
                        "flink_taskmanager_job_task_operator_patrol_suggestions",
                        "flink_taskmanager_job_task_operator_patrol_feedback_applied");
        assertThat(scrape.sum(Manifests.FLINK_EVENTS_IN)).isGreaterThanOrEqualTo(RECORDS);
        assertThat(scrape.of("flink_taskmanager_job_task_operator_reason_rejected"))
                .anyMatch(
                        x -> "malformed_record".equals(x.labels().get("reason")) && x.value() > 0);
    }
}
