package io.beatwatch.jobs.patrol;

import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.jobs.hotspot.CellEvent;
import io.beatwatch.jobs.hotspot.Stamped;
import io.beatwatch.jobs.redis.ViewWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The city feed's heartbeat, one keyed instance on the city stamper's single channel: the first
 * event of every round period sends a tick to every district seen within {@code quietAfter}, and a
 * district first heard later in the period gets its own tick. A district planner runs a round only
 * if a tick came within {@code staleAfter} before it, so rounds stop during an outage or a gap in a
 * replayed file; being derived from the input order alone, the ticks are the same in every run (a
 * watermark-based test would depend on channel timing).
 */
final class FeedClock extends KeyedProcessFunction<Integer, Stamped, PatrolInput> {

    private final PatrolJobConfig config;
    private final PatrolConfig policy;
    private transient MapState<String, Long> lastSeen;
    private transient ValueState<Long> lastPeriod;

    FeedClock(PatrolJobConfig config) {
        this.config = config;
        this.policy = config.policy();
    }

    @Override
    public void open(OpenContext ctx) {
        lastSeen =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("lastSeen", String.class, Long.class));
        lastPeriod =
                getRuntimeContext().getState(new ValueStateDescriptor<>("lastPeriod", Long.class));
    }

    @Override
    public void processElement(Stamped s, Context ctx, Collector<PatrolInput> out)
            throws Exception {
        CellEvent e = s.event;
        if (e == null || e.tip) return;
        String d = districtOf(e);
        Long seen = lastSeen.get(d);
        if (seen == null || seen < e.timeMillis) lastSeen.put(d, e.timeMillis);
        long period = Math.floorDiv(e.timeMillis, policy.cycleMillis());
        long time =
                Math.max(
                        e.timeMillis,
                        PatrolInput.afterWatermark(ctx.timerService().currentWatermark()));
        Long last = lastPeriod.value();
        if (last != null && period <= last) {
            // a district first heard (or heard again after quietAfter) mid-period: its own tick,
            // so its first round does not depend on which district's call came first
            if (seen == null) out.collect(tick(d, time));
            return;
        }
        lastPeriod.update(period);
        List<String> forgotten = new ArrayList<>();
        for (Map.Entry<String, Long> x : lastSeen.entries()) {
            if (x.getValue() < e.timeMillis - policy.quietAfter().toMillis()) {
                forgotten.add(x.getKey());
                continue;
            }
            out.collect(tick(x.getKey(), time));
        }
        for (String x : forgotten) lastSeen.remove(x);
    }

    private static PatrolInput tick(String district, long time) {
        var tick = new PatrolInput();
        tick.kind = PatrolInput.Kind.TICK;
        tick.district = district;
        tick.time = time;
        return tick;
    }

    private String districtOf(CellEvent e) {
        if (config.boundaries() != null) {
            String d = config.boundaries().districtAt(e.lat, e.lon);
            if (d != null) return d;
        }
        return e.district == null || e.district.isBlank()
                ? ViewWrites.UNKNOWN_DISTRICT
                : e.district.strip();
    }
}
