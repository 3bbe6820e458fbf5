package io.beatwatch.jobs.patrol;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.PatrolFeedback;
import io.beatwatch.core.model.Reject;
import io.beatwatch.core.model.RejectReason;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes dispatcher feedback (JSON from {@code beatwatch.patrol-feedback}) into planner inputs.
 * Feedback without a suggestion id, an action, a district or a time cannot be applied: it goes to
 * {@link #REJECTS} with its reason instead of failing the job.
 */
final class FeedbackDecoder extends ProcessFunction<String, PatrolInput> {

    static final OutputTag<Reject> REJECTS = new OutputTag<>("patrol-feedback-rejects") {};

    static final String SOURCE = "patrol-feedback";

    private transient Counter rejected;

    @Override
    public void open(OpenContext ctx) {
        rejected =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("patrol")
                        .counter("feedback_rejected");
    }

    @Override
    public void processElement(String json, Context ctx, Collector<PatrolInput> out) {
        PatrolFeedback f;
        try {
            f = Json.decode(json, PatrolFeedback.class);
        } catch (IllegalArgumentException e) {
            reject(ctx, json, RejectReason.MALFORMED_RECORD, "not a PatrolFeedback");
            return;
        }
        if (f.v() != PatrolFeedback.VERSION) {
            reject(ctx, json, RejectReason.UNSUPPORTED_VERSION, "v=" + f.v());
        } else if (f.at() == null) {
            reject(ctx, json, RejectReason.MISSING_TIME, "feedback without 'at'");
        } else if (f.district() == null || f.district().isBlank()) {
            // the district keys the planner that holds the suggestion
            reject(ctx, json, RejectReason.MALFORMED_RECORD, "feedback without 'district'");
        } else {
            var in = new PatrolInput();
            in.kind = PatrolInput.Kind.FEEDBACK;
            in.time = f.at().toEpochMilli();
            in.district = f.district().strip();
            in.cell = f.cell();
            in.suggestionId = f.suggestionId();
            in.action = f.action();
            out.collect(in);
        }
    }

    private void reject(Context ctx, String json, RejectReason reason, String detail) {
        rejected.inc();
        ctx.output(
                REJECTS, new Reject(Reject.VERSION, SOURCE, json, reason, detail, Instant.now()));
    }
}
