package io.beatwatch.jobs.cli;

import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.io.KafkaIo;
import io.beatwatch.jobs.io.Topics;
import io.beatwatch.jobs.patrol.PatrolJobConfig;
import io.beatwatch.jobs.redis.RedisSink;
import io.beatwatch.jobs.redis.ViewWrites;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beatwatch job}: runs HotspotJob against a Kafka cluster and a Redis server. Locally it
 * runs on a MiniCluster in this JVM; submitted with {@code flink run} it runs on that cluster.
 */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = {
            "Run the Flink HotspotJob: Kafka beatwatch.cfs / beatwatch.tips /"
                    + " beatwatch.patrol-feedback in; Redis view, Redis streams beatwatch:alerts"
                    + " and beatwatch:suggestions, Kafka beatwatch.alerts, beatwatch.suggestions"
                    + " and beatwatch.dlq out."
        })
public final class JobCommand implements Callable<Integer> {

    @Option(
            names = "--kafka",
            required = true,
            description = "Kafka bootstrap servers (host:port,...).")
    String kafka;

    @Option(
            names = "--redis",
            required = true,
            description = "Redis URI, e.g. redis://localhost:6379.")
    String redis;

    @Option(
            names = "--profile",
            required = true,
            description = "City profile (bounds, baseline period).")
    String profile;

    @Option(
            names = "--threshold-days",
            description = "False-alarm budget: recurrence interval to alert (default 100).")
    Double thresholdDays;

    @Option(
            names = "--checkpoint-seconds",
            defaultValue = "10",
            description = "Exactly-once checkpoint interval (default ${DEFAULT-VALUE}).")
    int checkpointSeconds;

    @Option(
            names = "--checkpoint-dir",
            defaultValue = "out/checkpoints",
            description = "Checkpoint folder when run locally (default ${DEFAULT-VALUE}).")
    java.nio.file.Path checkpointDir;

    @Mixin PatrolOptions patrolOptions = new PatrolOptions();

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        var config =
                HotspotJobConfig.forProfile(CityProfiles.load(profile))
                        .withCheckpointInterval(Duration.ofSeconds(checkpointSeconds));
        if (thresholdDays != null) {
            config =
                    config.withDetection(
                            config.detection().withRecurrenceThresholdDays(thresholdDays));
        }
        Topics topics = Topics.defaults(kafka);
        var cityProfile = CityProfiles.load(profile);
        PatrolJobConfig patrol = patrolOptions.forProfile(cityProfile);
        var job =
                new HotspotJob(
                        config,
                        env -> KafkaIo.input(env, topics),
                        new HotspotJob.Sinks(
                                List.of(
                                        new RedisSink<>(
                                                redis,
                                                ViewWrites.alerts(RedisKeys.ALERT_STREAM_MAX_LEN)),
                                        KafkaIo.alertSink(topics)),
                                List.of(new RedisSink<>(redis, ViewWrites.cells())),
                                List.of(KafkaIo.dlqSink(topics)),
                                List.of(
                                        new RedisSink<>(
                                                redis,
                                                ViewWrites.suggestions(
                                                        RedisKeys.SUGGESTION_STREAM_MAX_LEN)),
                                        KafkaIo.suggestionSink(topics)),
                                List.of(new RedisSink<>(redis, ViewWrites.suggestionBoards())),
                                List.of(new RedisSink<>(redis, ViewWrites.dosage())),
                                List.of(KafkaIo.publicCallSink(topics))),
                        patrol,
                        patrol == null ? null : env -> KafkaIo.feedback(env, topics));
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (env instanceof org.apache.flink.streaming.api.environment.LocalStreamEnvironment) {
            env = LocalFlink.environment(parallelism, checkpointDir.toAbsolutePath());
        }
        env.setParallelism(parallelism);
        job.execute(env, "beatwatch-hotspot-" + profile);
        return 0;
    }
}
