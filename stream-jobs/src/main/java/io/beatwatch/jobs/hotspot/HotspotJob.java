package io.beatwatch.jobs.hotspot;

import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.model.PublicCall;
import io.beatwatch.core.model.Reject;
import io.beatwatch.jobs.patrol.DistrictBoard;
import io.beatwatch.jobs.patrol.DosageUpdate;
import io.beatwatch.jobs.patrol.PatrolJobConfig;
import io.beatwatch.jobs.patrol.PatrolStage;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * HotspotJob: raw calls and tips in; scored, explained alerts, the cell view and rejects out. The
 * constructor takes the typed config, the input and the sinks; {@link #build} is the dataflow that
 * tests drive with in-memory sources.
 *
 * <p>Topology: decode (rejects to a side output) → watermarks → the city's detector ({@link
 * DetectorFunction} around core's {@code StreamDetector}: dedupe, counts, expectation, rolling
 * null, alert lifecycle, map readings) → sinks. With a patrol config, the patrol stage ({@link
 * PatrolStage}) also takes the stamped events, the alerts and dispatcher feedback and makes patrol
 * suggestions.
 */
public final class HotspotJob {

    /** Accumulator: most cells the detector held at once (a bounded replay's summary reads it). */
    public static final String CELLS_HELD_MAX = "detector-cells-held-max";

    /** Accumulator: bytes of the detector's snapshot when its input ended. */
    public static final String STATE_BYTES = "detector-state-bytes";

    /** Accumulator: cells the detector held when its input ended. */
    public static final String CELLS_AT_END = "detector-cells-at-end";

    /**
     * The outputs of the dataflow; {@code patrol} is null without a patrol config, and its rejects
     * (bad feedback) are also in {@code rejects}.
     */
    public record Outputs(
            DataStream<HotspotAlert> alerts,
            DataStream<CellView> cells,
            DataStream<Reject> rejects,
            PatrolStage.Outputs patrol,
            DataStream<PublicCall> publicCalls) {}

    /** Where each output goes; any list may be empty. */
    public record Sinks(
            List<Sink<HotspotAlert>> alerts,
            List<Sink<CellView>> cells,
            List<Sink<Reject>> rejects,
            List<Sink<PatrolSuggestion>> suggestions,
            List<Sink<DistrictBoard>> boards,
            List<Sink<DosageUpdate>> dosage,
            List<Sink<PublicCall>> publicCalls) {
        public Sinks {
            alerts = List.copyOf(alerts);
            cells = List.copyOf(cells);
            rejects = List.copyOf(rejects);
            suggestions = List.copyOf(suggestions);
            boards = List.copyOf(boards);
            dosage = List.copyOf(dosage);
            publicCalls = List.copyOf(publicCalls);
        }

        /** Sinks without a public-calls output (replays, tests: no public feed reads them). */
        public Sinks(
                List<Sink<HotspotAlert>> alerts,
                List<Sink<CellView>> cells,
                List<Sink<Reject>> rejects,
                List<Sink<PatrolSuggestion>> suggestions,
                List<Sink<DistrictBoard>> boards,
                List<Sink<DosageUpdate>> dosage) {
            this(alerts, cells, rejects, suggestions, boards, dosage, List.of());
        }

        /** Sinks without patrol outputs. */
        public Sinks(
                List<Sink<HotspotAlert>> alerts,
                List<Sink<CellView>> cells,
                List<Sink<Reject>> rejects) {
            this(alerts, cells, rejects, List.of(), List.of(), List.of());
        }
    }

    private final HotspotJobConfig config;
    private final Function<StreamExecutionEnvironment, DataStream<RawRecord>> input;
    private final Sinks sinks;
    private final PatrolJobConfig patrol;
    private final Function<StreamExecutionEnvironment, DataStream<String>> feedback;

    public HotspotJob(
            HotspotJobConfig config,
            Function<StreamExecutionEnvironment, DataStream<RawRecord>> input,
            Sinks sinks) {
        this(config, input, sinks, null, null);
    }

    /**
     * A job that also makes patrol suggestions ({@code patrol} non-null), with dispatcher feedback
     * from {@code feedback} (raw JSON; null when there is none, as in replays).
     */
    public HotspotJob(
            HotspotJobConfig config,
            Function<StreamExecutionEnvironment, DataStream<RawRecord>> input,
            Sinks sinks,
            PatrolJobConfig patrol,
            Function<StreamExecutionEnvironment, DataStream<String>> feedback) {
        this.config = Objects.requireNonNull(config, "config");
        this.input = Objects.requireNonNull(input, "input");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.patrol = patrol;
        this.feedback = feedback;
        if (patrol == null && feedback != null) {
            throw new IllegalArgumentException("feedback needs a patrol config");
        }
    }

    /** Configures the environment, wires input, dataflow and sinks, and starts the job. */
    public JobClient executeAsync(StreamExecutionEnvironment env, String name) throws Exception {
        plan(env);
        return env.executeAsync(name);
    }

    /** Like {@link #executeAsync} but waits for a bounded input to finish. */
    public void execute(StreamExecutionEnvironment env, String name) throws Exception {
        plan(env);
        env.execute(name);
    }

    private void plan(StreamExecutionEnvironment env) {
        env.setMaxParallelism(config.maxParallelism());
        env.setBufferTimeout(config.bufferTimeout().toMillis());
        if (!config.checkpointInterval().isZero()) {
            env.enableCheckpointing(
                    config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        Outputs out =
                build(
                        input.apply(env),
                        feedback == null ? null : feedback.apply(env),
                        config,
                        patrol);
        int p = env.getParallelism();
        for (Sink<HotspotAlert> s : sinks.alerts()) {
            // same parallelism as the detector (forward): one alert's events stay in order
            out.alerts().sinkTo(s).name("alerts:" + s.getClass().getSimpleName()).setParallelism(1);
        }
        for (Sink<CellView> s : sinks.cells()) {
            // keyed by cell: the writes of one cell stay in order, the cells spread over writers
            out.cells()
                    .keyBy(v -> v.cell)
                    .sinkTo(s)
                    .name("cells:" + s.getClass().getSimpleName())
                    .setParallelism(p);
        }
        for (Sink<PublicCall> s : sinks.publicCalls()) {
            out.publicCalls()
                    .sinkTo(s)
                    .name("public-calls:" + s.getClass().getSimpleName())
                    .setParallelism(out.publicCalls().getParallelism());
        }
        for (Sink<Reject> s : sinks.rejects()) {
            out.rejects().sinkTo(s).name("rejects:" + s.getClass().getSimpleName());
        }
        if (out.patrol() != null) {
            // same parallelism as the planner (forward): one district's writes stay in order
            for (Sink<PatrolSuggestion> s : sinks.suggestions()) {
                out.patrol()
                        .suggestions()
                        .sinkTo(s)
                        .name("suggestions:" + s.getClass().getSimpleName())
                        .setParallelism(p);
            }
            for (Sink<DistrictBoard> s : sinks.boards()) {
                out.patrol()
                        .boards()
                        .sinkTo(s)
                        .name("boards:" + s.getClass().getSimpleName())
                        .setParallelism(p);
            }
            for (Sink<DosageUpdate> s : sinks.dosage()) {
                out.patrol()
                        .dosage()
                        .sinkTo(s)
                        .name("dosage:" + s.getClass().getSimpleName())
                        .setParallelism(p);
            }
        }
    }

    /**
     * Event-driven watermarks (reproducible replays); with an idleness timeout only when one is
     * configured, for live inputs whose partitions may go quiet.
     */
    static WatermarkStrategy<CellEvent> watermarks(HotspotJobConfig c) {
        long ooo = c.outOfOrderness().toMillis();
        WatermarkStrategy<CellEvent> s =
                WatermarkStrategy.<CellEvent>forGenerator(ctx -> new EventTimeWatermarks(ooo))
                        .withTimestampAssigner((e, ts) -> e.timeMillis);
        return c.idleness().isZero() ? s : s.withIdleness(c.idleness());
    }

    /** The dataflow graph without the patrol stage. */
    public static Outputs build(DataStream<RawRecord> in, HotspotJobConfig c) {
        return build(in, null, c, null);
    }

    /**
     * The dataflow graph; with {@code patrol} non-null also the patrol stage, fed by {@code
     * feedback} (raw JSON, may be null). Tests build it over in-memory sources.
     */
    public static Outputs build(
            DataStream<RawRecord> in,
            DataStream<String> feedback,
            HotspotJobConfig c,
            PatrolJobConfig patrol) {
        int inputParallelism = in.getParallelism();
        // same parallelism as the input (forward): the order of a replayed file is kept
        SingleOutputStreamOperator<CellEvent> decoded =
                in.process(new DecodeFunction(c))
                        .uid("decode")
                        .name("decode")
                        .setParallelism(inputParallelism);
        DataStream<Reject> rejects = decoded.getSideOutput(DecodeFunction.REJECTS);
        DataStream<PublicCall> publicCalls = decoded.getSideOutput(DecodeFunction.PUBLIC_CALLS);

        DataStream<CellEvent> timed =
                decoded.assignTimestampsAndWatermarks(watermarks(c))
                        .uid("watermarks")
                        .name("watermarks")
                        .setParallelism(inputParallelism);

        // one detector per city: its counts, baselines and rolling null are one state, and a
        // replay is a deterministic function of the input order (the plain loop gives the same)
        SingleOutputStreamOperator<HotspotAlert> alerts =
                timed.keyBy(e -> 0)
                        .process(new DetectorFunction(c))
                        .uid("detector")
                        .name("detector (counts, expectation, rolling null, lifecycle)")
                        .setParallelism(1)
                        .setMaxParallelism(1);
        DataStream<Stamped> stamped = alerts.getSideOutput(DetectorFunction.COUNTED);
        DataStream<CellView> cells = alerts.getSideOutput(DetectorFunction.CELLS);
        if (patrol == null) {
            return new Outputs(alerts, cells, rejects, null, publicCalls);
        }
        PatrolStage.Outputs p = PatrolStage.build(stamped, alerts, feedback, patrol);
        return new Outputs(
                alerts,
                cells,
                p.rejects() == null ? rejects : rejects.union(p.rejects()),
                p,
                publicCalls);
    }
}
