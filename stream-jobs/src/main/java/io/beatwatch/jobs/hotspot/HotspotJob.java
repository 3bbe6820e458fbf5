package io.beatwatch.jobs.hotspot;

import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Reject;
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
 * <p>Topology: decode (rejects to a side output) → watermarks → city stamper (one keyed instance:
 * dedupe by incident id, city counts) → fan-out to the places whose zones contain the event → keyed
 * zone detector (counts, scan statistic, alert lifecycle) → sinks.
 */
public final class HotspotJob {

    /** The three outputs of the dataflow. */
    public record Outputs(
            DataStream<HotspotAlert> alerts,
            DataStream<CellView> cells,
            DataStream<Reject> rejects) {}

    /** Where each output goes; any list may be empty. */
    public record Sinks(
            List<Sink<HotspotAlert>> alerts,
            List<Sink<CellView>> cells,
            List<Sink<Reject>> rejects) {
        public Sinks {
            alerts = List.copyOf(alerts);
            cells = List.copyOf(cells);
            rejects = List.copyOf(rejects);
        }
    }

    private final HotspotJobConfig config;
    private final Function<StreamExecutionEnvironment, DataStream<RawRecord>> input;
    private final Sinks sinks;

    public HotspotJob(
            HotspotJobConfig config,
            Function<StreamExecutionEnvironment, DataStream<RawRecord>> input,
            Sinks sinks) {
        this.config = Objects.requireNonNull(config, "config");
        this.input = Objects.requireNonNull(input, "input");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
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
        if (!config.checkpointInterval().isZero()) {
            env.enableCheckpointing(
                    config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        Outputs out = build(input.apply(env), config);
        int p = env.getParallelism();
        for (Sink<HotspotAlert> s : sinks.alerts()) {
            // same parallelism as the detector: one alert's events stay in order on one writer
            out.alerts().sinkTo(s).name("alerts:" + s.getClass().getSimpleName()).setParallelism(p);
        }
        for (Sink<CellView> s : sinks.cells()) {
            out.cells().sinkTo(s).name("cells:" + s.getClass().getSimpleName()).setParallelism(p);
        }
        for (Sink<Reject> s : sinks.rejects()) {
            out.rejects().sinkTo(s).name("rejects:" + s.getClass().getSimpleName());
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

    /** The dataflow graph. Package-visible so tests build it over in-memory sources. */
    public static Outputs build(DataStream<RawRecord> in, HotspotJobConfig c) {
        int inputParallelism = in.getParallelism();
        // same parallelism as the input (forward): the order of a replayed file is kept
        SingleOutputStreamOperator<CellEvent> decoded =
                in.process(new DecodeFunction(c))
                        .uid("decode")
                        .name("decode")
                        .setParallelism(inputParallelism);
        DataStream<Reject> rejects = decoded.getSideOutput(DecodeFunction.REJECTS);

        DataStream<CellEvent> timed =
                decoded.assignTimestampsAndWatermarks(watermarks(c))
                        .uid("watermarks")
                        .name("watermarks")
                        .setParallelism(inputParallelism);

        DataStream<ZonedEvent> zoned =
                timed.keyBy(e -> 0)
                        .process(new CityStamper(c))
                        .uid("city-stamper")
                        .name("city stamper (dedupe, city counts)")
                        .setParallelism(1)
                        .setMaxParallelism(1)
                        .flatMap(new ZoneFanOut(c))
                        .uid("zone-fan-out")
                        .name("zone fan-out")
                        .setParallelism(1);

        SingleOutputStreamOperator<HotspotAlert> alerts =
                zoned.keyBy(z -> z.zone)
                        .process(new ZoneDetector(c))
                        .uid("zone-detector")
                        .name("zone detector (scan statistic, lifecycle)");
        return new Outputs(alerts, alerts.getSideOutput(ZoneDetector.CELLS), rejects);
    }
}
