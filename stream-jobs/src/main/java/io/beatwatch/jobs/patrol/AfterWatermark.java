package io.beatwatch.jobs.patrol;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Moves an input's logical time to just past its channel's watermark when it arrived late, so the
 * district planner never receives an input due at a round that already ran.
 */
final class AfterWatermark extends ProcessFunction<PatrolInput, PatrolInput> {

    @Override
    public void processElement(PatrolInput in, Context ctx, Collector<PatrolInput> out) {
        in.time =
                Math.max(
                        in.time, PatrolInput.afterWatermark(ctx.timerService().currentWatermark()));
        out.collect(in);
    }
}
