package io.beatwatch.jobs.patrol;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.patrol.Candidate;
import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.core.patrol.PatrolPlanner;
import io.beatwatch.jobs.hotspot.CellEvent;
import io.beatwatch.jobs.hotspot.Stamped;
import io.beatwatch.jobs.redis.ViewWrites;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One H3 cell, keyed by cell, fed by the city stamper (each incident once, in input order): learns
 * which district and beat the cell belongs to (the majority of its calls' labels, or the agency's
 * boundaries), keeps its risk (recency-weighted count of citizen calls that are neither
 * enforcement-prone nor ignored types), and sends both to the district's planner; when the cell
 * moves district it is removed from the old one. Tips carry no district and are not risk. The state
 * is forgotten after {@link PatrolJobConfig#FORGET_AFTER_HALF_LIVES} half-lives without a call.
 */
final class CellTracker extends KeyedProcessFunction<String, Stamped, PatrolInput> {

    private final PatrolJobConfig config;
    private final PatrolConfig policy;
    private transient ValueState<CellTrack> track;
    private transient Counter riskUpdates;
    private transient Counter moves;
    private transient RiskCallTally tally;

    CellTracker(PatrolJobConfig config) {
        this.config = config;
        this.policy = config.policy();
    }

    @Override
    public void open(OpenContext ctx) {
        track = getRuntimeContext().getState(new ValueStateDescriptor<>("track", CellTrack.class));
        var metrics = getRuntimeContext().getMetricGroup().addGroup("patrol");
        riskUpdates = metrics.counter("risk_updates");
        moves = metrics.counter("district_changes");
        if (config.tallyRiskCalls()) {
            tally = new RiskCallTally();
            getRuntimeContext().addAccumulator(RiskCallTally.NAME, tally);
        }
    }

    @Override
    public void processElement(Stamped s, Context ctx, Collector<PatrolInput> out)
            throws Exception {
        CellEvent e = s.event;
        if (e == null || e.tip) return;
        // never behind this channel's watermark: see PatrolInput#time
        long time =
                Math.max(
                        e.timeMillis,
                        PatrolInput.afterWatermark(ctx.timerService().currentWatermark()));
        String cell = ctx.getCurrentKey();
        CellTrack t = track.value();
        if (t == null) t = create(cell);
        if (t.fixedDistrict == null && e.district != null && !e.district.isBlank()) {
            t.districts.add(e.district.strip());
        }
        boolean beatChanged = e.beat != null && !e.beat.isBlank() && t.beats.add(e.beat.strip());
        String owner = ownerOf(t);
        boolean counts = !e.officerInitiated && policy.countsAsRisk(e.type);
        if (counts) {
            if (tally != null) tally.add(cell);
            t.risk = Candidate.decayed(t.risk, t.riskAt, e.timeMillis, policy.riskHalfLife()) + 1;
            t.riskAt = Math.max(t.riskAt, e.timeMillis);
        }
        t.lastEventMillis = Math.max(t.lastEventMillis, e.timeMillis);
        boolean moved = t.owner != null && !t.owner.equals(owner);
        if (moved) {
            moves.inc();
            out.collect(PatrolInput.remove(t.owner, cell, time));
            t.owner = null;
        }
        if (t.risk > 0 && (counts || beatChanged || !Objects.equals(t.owner, owner))) {
            out.collect(
                    PatrolInput.risk(
                            owner, cell, t.beats.leader, t.neighbourhood, t.risk, t.riskAt, time));
            t.owner = owner;
            riskUpdates.inc();
        }
        long cleanup = t.lastEventMillis + config.forgetAfterMillis();
        if (cleanup > t.cleanupAt) {
            ctx.timerService().registerEventTimeTimer(cleanup);
            t.cleanupAt = cleanup;
        }
        track.update(t);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<PatrolInput> out) throws Exception {
        CellTrack t = track.value();
        if (t == null || ts < t.cleanupAt) return;
        // a quiet cell's risk has decayed to nothing: forget it, here and at its district (not at
        // the end of a bounded input, where the district forgets its decayed cells by itself)
        if (t.owner != null && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            long time =
                    Math.max(ts, PatrolInput.afterWatermark(ctx.timerService().currentWatermark()));
            out.collect(PatrolInput.remove(t.owner, ctx.getCurrentKey(), time));
        }
        track.clear();
    }

    private CellTrack create(String cell) {
        var t = new CellTrack();
        t.neighbourhood = PatrolPlanner.neighbourhoodOf(cell, policy);
        if (config.boundaries() != null) {
            LatLon c = H3Grid.centroid(cell);
            t.fixedDistrict = config.boundaries().districtAt(c.lat(), c.lon());
        }
        return t;
    }

    private static String ownerOf(CellTrack t) {
        if (t.fixedDistrict != null) return t.fixedDistrict;
        return t.districts.leader == null ? ViewWrites.UNKNOWN_DISTRICT : t.districts.leader;
    }
}
