package io.beatwatch.jobs.backtest;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.NdjsonFileSink;
import io.beatwatch.jobs.io.PacedFeed;
import io.beatwatch.jobs.io.RecordFeed;
import io.beatwatch.jobs.io.ReplayProgress;
import io.beatwatch.jobs.io.ReplaySource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Replays a feed through the real {@link HotspotJob} dataflow ({@link HotspotJob#build} over a
 * {@link ReplaySource} at parallelism 1, the job at the environment's parallelism) and collects
 * every alert message, sorted by event time, alert id and state.
 */
final class JobReplay {

    private JobReplay() {}

    /**
     * Runs to the end of the feed.
     *
     * @param env supplies the environment (the local MiniCluster, or a test's)
     * @param workDir where the job's alert part files are written (and removed afterwards)
     * @param progress receives the records handed to the job so far, about once a second
     */
    static List<HotspotAlert> run(
            Supplier<StreamExecutionEnvironment> env,
            HotspotJobConfig config,
            RecordFeed feed,
            String name,
            Path workDir,
            LongConsumer progress)
            throws Exception {
        StreamExecutionEnvironment e = env.get();
        e.setMaxParallelism(config.maxParallelism());
        DataStream<RawRecord> in =
                e.fromSource(
                                new ReplaySource(new PacedFeed(feed, 0)),
                                WatermarkStrategy.noWatermarks(),
                                "replay:" + name)
                        .setParallelism(1);
        HotspotJob.Outputs out = HotspotJob.build(in, config);
        ReplayProgress.reset();
        ScheduledExecutorService ticker =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "emergence-progress");
                            t.setDaemon(true);
                            return t;
                        });
        ticker.scheduleAtFixedRate(
                () -> progress.accept(ReplayProgress.emittedCount()), 1, 1, TimeUnit.SECONDS);
        // alerts go to part files, read back when the bounded job has finished: the collect
        // iterator of a per-job local cluster can lose its last batch when the cluster stops
        Path parts = Files.createTempDirectory(workDir, "alerts-");
        out.alerts()
                .sinkTo(new NdjsonFileSink(parts))
                .name("alerts:ndjson")
                .setParallelism(e.getParallelism());
        List<HotspotAlert> alerts = new ArrayList<>();
        try {
            e.execute(name);
            try (Stream<Path> files = Files.list(parts)) {
                for (Path f : files.sorted().toList()) {
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        if (!line.isBlank()) alerts.add(Json.decodeAlert(line));
                    }
                    Files.delete(f);
                }
            }
        } finally {
            ticker.shutdownNow();
            Files.deleteIfExists(parts);
        }
        progress.accept(ReplayProgress.emittedCount());
        alerts.sort(
                Comparator.comparing(HotspotAlert::eventTime)
                        .thenComparing(HotspotAlert::alertId)
                        .thenComparing(a -> a.state().ordinal()));
        return alerts;
    }
}
