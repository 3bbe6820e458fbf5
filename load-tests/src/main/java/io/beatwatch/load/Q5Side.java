package io.beatwatch.load;

import io.beatwatch.load.nexmark.BidSource;
import io.beatwatch.load.nexmark.HotItemsQuery;
import io.beatwatch.load.nexmark.NexmarkConfig;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * The Nexmark side: q5 ({@link HotItemsQuery}) over {@link BidSource} bids at the bench's
 * parallelism, on the same MiniCluster setup as the job side, into a counting discard sink.
 */
final class Q5Side {

    private static final String BIDS = "bench.q5.bids";
    private static final String ROWS = "bench.q5.rows";

    private Q5Side() {}

    static SideRun run(
            long bids,
            NexmarkConfig nexmark,
            int parallelism,
            int maxParallelism,
            long timeoutSeconds)
            throws Exception {
        BidSource.reset(BIDS);
        CountingSink.reset(ROWS);
        var env = LocalCluster.environment(parallelism);
        env.setMaxParallelism(maxParallelism);
        var stream =
                env.fromSource(
                                new BidSource(nexmark, bids, BIDS),
                                HotItemsQuery.watermarks(),
                                "nexmark-bids")
                        .uid("nexmark-bids");
        HotItemsQuery.build(env, stream).sinkTo(new CountingSink<>(ROWS)).name("q5-rows");
        long t0 = System.nanoTime();
        JobExecutionResult result;
        try {
            result = LocalCluster.await(env.executeAsync("nexmark-q5"), timeoutSeconds);
        } catch (TimeoutException e) {
            return SideRun.failed("q5 " + e.getMessage(), LocalCluster.loadAverage());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double runtime = result.getNetRuntime() / 1000.0;
        long emitted = BidSource.emitted(BIDS);
        if (emitted != bids) {
            return SideRun.failed(
                    "q5 source emitted " + emitted + " bids, expected " + bids,
                    LocalCluster.loadAverage());
        }
        return new SideRun(
                Stats.rate(emitted, runtime),
                runtime,
                wall,
                emitted,
                String.format("%,d hot-item rows", CountingSink.count(ROWS)),
                LocalCluster.loadAverage(),
                null);
    }
}
