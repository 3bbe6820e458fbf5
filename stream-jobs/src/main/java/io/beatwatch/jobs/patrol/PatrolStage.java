package io.beatwatch.jobs.patrol;

import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.model.Reject;
import io.beatwatch.jobs.hotspot.Stamped;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The patrol stage of HotspotJob: stamped calls → cell tracker (keyed by cell: district, beat,
 * risk) and feed clock (ticks) → district planner (keyed by district) ← alert events (via the alert
 * router) and dispatcher feedback (decoded, event-time watermarks). Out: new suggestions, district
 * boards, daily dosage, and feedback rejects.
 */
public final class PatrolStage {

    /** The stage's outputs; {@code rejects} is null without a feedback input. */
    public record Outputs(
            DataStream<PatrolSuggestion> suggestions,
            DataStream<DistrictBoard> boards,
            DataStream<DosageUpdate> dosage,
            DataStream<Reject> rejects) {}

    private PatrolStage() {}

    /**
     * Wires the stage. {@code stamped}: each incident once, in input order (the detector's output);
     * {@code alerts}: the zone detector's alert events; {@code feedback}: raw feedback JSON, or
     * null when there is none (replays).
     */
    public static Outputs build(
            DataStream<Stamped> stamped,
            DataStream<HotspotAlert> alerts,
            DataStream<String> feedback,
            PatrolJobConfig c) {
        Objects.requireNonNull(c, "config");
        SingleOutputStreamOperator<PatrolInput> risk =
                stamped.keyBy(s -> s.event.cell)
                        .process(new CellTracker(c))
                        .uid("patrol-cell-tracker")
                        .name("patrol: cell district and risk");
        DataStream<PatrolInput> ticks =
                stamped.keyBy(s -> 0)
                        .process(new FeedClock(c))
                        .uid("patrol-feed-clock")
                        .name("patrol: feed clock")
                        .setParallelism(1)
                        .setMaxParallelism(1);
        DataStream<PatrolInput> inputs =
                risk.union(
                        ticks,
                        // at the detector's parallelism (one): the updates of an alert keep
                        // their order on one channel, so the planner applies two updates of
                        // the same minute in the order they were made, run after run
                        alerts.process(new AlertRouter(c))
                                .uid("patrol-alert-router")
                                .name("patrol: alerts to districts")
                                .setParallelism(alerts.getParallelism()));
        DataStream<Reject> rejects = null;
        if (feedback != null) {
            SingleOutputStreamOperator<PatrolInput> decoded =
                    feedback.process(new FeedbackDecoder())
                            .uid("patrol-feedback-decode")
                            .name("patrol: decode feedback");
            rejects = decoded.getSideOutput(FeedbackDecoder.REJECTS);
            DataStream<PatrolInput> timed =
                    decoded.assignTimestampsAndWatermarks(feedbackWatermarks(c))
                            .uid("patrol-feedback-watermarks")
                            .name("patrol: feedback watermarks")
                            .process(new AfterWatermark())
                            .uid("patrol-feedback-after-watermark")
                            .name("patrol: feedback after watermark");
            inputs = inputs.union(timed);
        }
        SingleOutputStreamOperator<PatrolSuggestion> planned =
                inputs.keyBy(i -> i.district)
                        .process(new DistrictPlanner(c))
                        .uid("patrol-district-planner")
                        .name("patrol: district planner (rounds, caps, feedback)");
        return new Outputs(
                planned,
                planned.getSideOutput(DistrictPlanner.BOARDS),
                planned.getSideOutput(DistrictPlanner.DOSAGE),
                rejects);
    }

    /** Feedback is mostly quiet: idle partitions must not hold back the planner's rounds. */
    static WatermarkStrategy<PatrolInput> feedbackWatermarks(PatrolJobConfig c) {
        WatermarkStrategy<PatrolInput> s =
                WatermarkStrategy.<PatrolInput>forBoundedOutOfOrderness(c.feedbackOutOfOrderness())
                        .withTimestampAssigner((in, ts) -> in.time);
        return c.feedbackIdleness().isZero() ? s : s.withIdleness(c.feedbackIdleness());
    }
}
