package io.beatwatch.load;

import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.io.ReplaySource;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The job side: HotspotJob through its public entry point (config, input, sinks, {@code
 * executeAsync}) on the bench's MiniCluster, source at parallelism 1 as the {@code replay} command,
 * discarding sinks that only count.
 */
final class JobSide {

    private static final String READ = "bench.job.read";
    private static final String ALERTS = "bench.alerts";
    private static final String CELLS = "bench.cells";
    private static final String REJECTS = "bench.rejects";

    private JobSide() {}

    static SideRun run(BenchInput in, int parallelism, long timeoutSeconds) throws Exception {
        CountingFeed.reset(READ);
        CountingSink.reset(ALERTS);
        CountingSink.reset(CELLS);
        CountingSink.reset(REJECTS);
        var feed = new CountingFeed(in.feed(), READ);
        var job =
                new HotspotJob(
                        in.config(),
                        env ->
                                env.fromSource(
                                                new ReplaySource(feed),
                                                WatermarkStrategy.noWatermarks(),
                                                "bench-source")
                                        .uid("replay-source")
                                        .setParallelism(1),
                        new HotspotJob.Sinks(
                                List.of(new CountingSink<>(ALERTS)),
                                List.of(new CountingSink<>(CELLS)),
                                List.of(new CountingSink<>(REJECTS))));
        var env = LocalCluster.environment(parallelism);
        long t0 = System.nanoTime();
        JobExecutionResult result;
        try {
            result =
                    LocalCluster.await(
                            job.executeAsync(env, "beatwatch-throughput-bench"), timeoutSeconds);
        } catch (TimeoutException e) {
            return SideRun.failed("job " + e.getMessage(), LocalCluster.loadAverage());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        // Flink's own job runtime (submission to finish): excludes starting the MiniCluster
        double runtime = result.getNetRuntime() / 1000.0;
        long read = CountingFeed.read(READ);
        String outputs =
                String.format(
                        "%,d alert events, %,d cell-view updates, %,d rejects",
                        CountingSink.count(ALERTS),
                        CountingSink.count(CELLS),
                        CountingSink.count(REJECTS));
        if (read != in.records()) {
            return SideRun.failed(
                    "job read " + read + " records, expected " + in.records(),
                    LocalCluster.loadAverage());
        }
        return new SideRun(
                Stats.rate(read, runtime),
                runtime,
                wall,
                read,
                outputs,
                LocalCluster.loadAverage(),
                null);
    }
}
