package io.beatwatch.jobs.patrol;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.patrol.PatrolAlert;
import io.beatwatch.core.patrol.PatrolBook;
import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.core.patrol.PatrolPlanner;
import io.beatwatch.core.patrol.Places;
import io.beatwatch.core.patrol.RiskIndex;
import io.beatwatch.core.patrol.Visit;
import io.beatwatch.core.patrol.VisitStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One district, keyed by district name: holds its cells' risk, its open alerts and its dosage
 * record ({@link PatrolBook}), and lets {@link PatrolPlanner} choose places at every round (an
 * event-time timer each {@code cycle}) and when an alert that may drive patrols opens.
 *
 * <p>Reproducible: inputs come from several channels (cell trackers, zone detectors, feedback), so
 * their arrival order varies between runs. They are therefore buffered and applied only at a timer,
 * those due (logical time at or before the timer) in {@link PatrolInput#APPLY_ORDER}; each input's
 * time is at least one past its channel's watermark, so every input due at a timer has arrived when
 * it fires. The choice at a time then depends on the input alone, and the seeded draw does too.
 *
 * <p>Outputs: new suggestions (main), the district's actionable suggestions after every change
 * ({@link #BOARDS}), and its dosage of the day after every change ({@link #DOSAGE}). Rounds run
 * every cycle while the district has had a risk call or alert within {@code quietAfter} and the
 * city feed ticked ({@link FeedClock}) within {@code staleAfter}. The state is cleared when nothing
 * is left.
 */
final class DistrictPlanner extends KeyedProcessFunction<String, PatrolInput, PatrolSuggestion> {

    static final OutputTag<DistrictBoard> BOARDS = new OutputTag<>("patrol-boards") {};
    static final OutputTag<DosageUpdate> DOSAGE = new OutputTag<>("patrol-dosage") {};

    /** Below this, a cell's decayed risk is dropped from the district. */
    static final double MIN_RISK = 0.01;

    /** An open alert not updated for this long (its close was lost) is dropped. */
    static final long ALERT_MAX_SILENCE_MS = 24 * 3_600_000L;

    private static final long DAY_MS = 24 * 3_600_000L;

    private final PatrolConfig policy;
    private final PatrolPlanner planner;
    private transient ListState<PatrolInput> pending;
    private transient MapState<String, CellRisk> cells;
    private transient MapState<String, OpenAlert> alerts;
    private transient ValueState<PatrolBook> book;
    private transient ValueState<Long> forgetTimer;

    /**
     * Per district, its cells in risk order: derived from {@link #cells}, rebuilt after restore.
     */
    private transient Map<String, RiskIndex> indexes;

    private transient Counter rounds;
    private transient Counter shortRounds;
    private transient Counter staleRounds;
    private transient Counter issued;
    private transient Counter issuedForAlerts;
    private transient Counter feedbackApplied;
    private transient Counter feedbackIgnored;
    private transient Counter feedbackUnknown;

    DistrictPlanner(PatrolJobConfig config) {
        this.policy = config.policy();
        this.planner = new PatrolPlanner(policy);
    }

    @Override
    public void open(OpenContext ctx) {
        var rc = getRuntimeContext();
        pending = rc.getListState(new ListStateDescriptor<>("pending", PatrolInput.class));
        cells = rc.getMapState(new MapStateDescriptor<>("cells", String.class, CellRisk.class));
        alerts = rc.getMapState(new MapStateDescriptor<>("alerts", String.class, OpenAlert.class));
        book = rc.getState(new ValueStateDescriptor<>("book", PatrolBook.class));
        forgetTimer = rc.getState(new ValueStateDescriptor<>("forgetTimer", Long.class));
        indexes = new HashMap<>();
        var metrics = rc.getMetricGroup().addGroup("patrol");
        rounds = metrics.counter("rounds");
        shortRounds = metrics.counter("rounds_short");
        staleRounds = metrics.counter("rounds_skipped_stale");
        issued = metrics.counter("suggestions");
        issuedForAlerts = metrics.counter("suggestions_for_alerts");
        feedbackApplied = metrics.counter("feedback_applied");
        feedbackIgnored = metrics.counter("feedback_ignored");
        feedbackUnknown = metrics.counter("feedback_unknown");
    }

    @Override
    public void processElement(PatrolInput in, Context ctx, Collector<PatrolSuggestion> out)
            throws Exception {
        pending.add(in);
        ctx.timerService().registerEventTimeTimer(policy.cycleAtOrAfter(in.time));
        // an alert that may drive patrols is answered at once; a dispatcher's answer is applied as
        // soon as the watermark passes it (the board and dosage show it without waiting a round)
        if (in.kind == PatrolInput.Kind.ALERT && in.opened && in.drivesPatrol
                || in.kind == PatrolInput.Kind.FEEDBACK) {
            ctx.timerService().registerEventTimeTimer(in.time);
        }
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<PatrolSuggestion> out)
            throws Exception {
        String district = ctx.getCurrentKey();
        PatrolBook b = book.value();
        if (b == null) b = new PatrolBook();
        RiskIndex index = index(district);
        TreeSet<Long> days = new TreeSet<>();
        boolean boardChanged = false;

        List<PatrolAlert> opened = new ArrayList<>();
        for (PatrolInput in : due(ts)) {
            switch (in.kind) {
                case RISK -> {
                    if (index.put(in.cell, in.beat, in.neighbourhood, in.risk, in.riskAt)) {
                        cells.put(
                                in.cell,
                                new CellRisk(in.beat, in.neighbourhood, in.risk, in.riskAt));
                    } else {
                        cells.remove(in.cell);
                    }
                    b.lastInputMillis = Math.max(b.lastInputMillis, in.time);
                }
                case REMOVE -> {
                    cells.remove(in.cell);
                    index.remove(in.cell);
                }
                case ALERT -> {
                    b.lastInputMillis = Math.max(b.lastInputMillis, in.time);
                    if (in.closed) {
                        alerts.remove(in.alertId);
                    } else {
                        OpenAlert a = OpenAlert.of(in);
                        alerts.put(in.alertId, a);
                        if (in.opened) opened.add(a.toPatrolAlert(in.alertId));
                    }
                }
                case TICK -> b.lastFeedMillis = Math.max(b.lastFeedMillis, in.time);
                case FEEDBACK -> {
                    var outcome = b.apply(in.feedback(), in.time, policy);
                    switch (outcome) {
                        case APPLIED -> {
                            feedbackApplied.inc();
                            boardChanged = true;
                            days.add(b.find(in.suggestionId).day);
                        }
                        case DUPLICATE, STALE -> feedbackIgnored.inc();
                        case UNKNOWN -> feedbackUnknown.inc();
                    }
                }
            }
        }

        List<PatrolSuggestion> made = new ArrayList<>();
        Places candidates = null;
        for (PatrolAlert a : opened) {
            if (!a.drivesPatrol()) continue;
            if (candidates == null) candidates = candidates(index, ts);
            var d = planner.onAlert(district, ts, a, candidates, b);
            issuedForAlerts.inc(d.suggestions().size());
            made.addAll(d.suggestions());
        }
        boolean round = policy.isCycleStart(ts) && ts > b.lastRoundMillis;
        // no tick of the city feed for staleAfter: the feed was silent around this round (an
        // outage, or a gap in a replayed file), so there is nothing current to suggest from
        boolean alive = b.lastFeedMillis >= ts - policy.staleAfter().toMillis();
        if (round && !alive) {
            b.lastRoundMillis = ts;
            round = false;
            staleRounds.inc();
        }
        if (round) {
            if (candidates == null) candidates = candidates(index, ts);
            var d = planner.round(district, ts, candidates, openAlerts(ts), b);
            if (d.skipped() == null) {
                rounds.inc();
                if (d.isShort()) shortRounds.inc();
            }
            made.addAll(d.suggestions());
        }
        boardChanged |= b.expire(ts, policy);
        for (PatrolSuggestion s : made) {
            out.collect(s);
            issued.inc();
            days.add(policy.localDay(s.createdAt().toEpochMilli()));
        }
        boardChanged |= !made.isEmpty();
        if (boardChanged) ctx.output(BOARDS, board(district, ts, b));
        for (long day : days) ctx.output(DOSAGE, DosageUpdate.of(b.dosage(district, day), ts));
        b.prune(ts, policy);

        boolean fresh = b.lastInputMillis >= ts - policy.quietAfter().toMillis();
        boolean chainEnds = policy.isCycleStart(ts) && !(round && fresh);
        if (round && fresh) {
            ctx.timerService().registerEventTimeTimer(ts + policy.cycleMillis());
        }
        long expiry = nextExpiry(b, ts);
        if (expiry != Long.MAX_VALUE) ctx.timerService().registerEventTimeTimer(expiry);
        if (chainEnds) {
            // drop cells decayed away and alerts whose close was lost
            if (candidates == null) candidates(index, ts);
            openAlerts(ts);
        }
        if (b.isEmpty() && cells.isEmpty() && alerts.isEmpty() && isEmpty(pending.get())) {
            // nothing left of this district: its state and its wake-up go
            Long wake = forgetTimer.value();
            if (wake != null && wake > ts) ctx.timerService().deleteEventTimeTimer(wake);
            forgetTimer.clear();
            book.clear();
            indexes.remove(district);
            pending.clear();
            return;
        }
        book.update(b);
        if (chainEnds) {
            // no next round: wake once when everything kept will have expired, to clear it
            long at = forgetAt(b, ts);
            Long wake = forgetTimer.value();
            if (wake == null || wake != at) {
                if (wake != null && wake > ts) ctx.timerService().deleteEventTimeTimer(wake);
                ctx.timerService().registerEventTimeTimer(at);
                forgetTimer.update(at);
            }
        }
    }

    /**
     * When the district's record can be forgotten if nothing new comes: its cells' risk has decayed
     * below {@link #MIN_RISK}, its visits are older than yesterday and block nothing.
     */
    private long forgetAt(PatrolBook b, long ts) throws Exception {
        long at = ts + DAY_MS;
        double halfLife = policy.riskHalfLife().toMillis();
        for (CellRisk r : cells.values()) {
            if (r.risk > MIN_RISK) {
                long gone =
                        r.riskAt + (long) (halfLife * Math.log(r.risk / MIN_RISK) / Math.log(2));
                at = Math.max(at, gone + 1);
            }
        }
        for (Visit v : b.visits) {
            at = Math.max(at, v.createdAt + 2 * DAY_MS);
            long until = v.blocksUntil(ts, policy);
            if (until != Long.MAX_VALUE) at = Math.max(at, until);
        }
        for (OpenAlert a : alerts.values()) at = Math.max(at, a.updatedAt + ALERT_MAX_SILENCE_MS);
        return policy.cycleAtOrAfter(at);
    }

    private static boolean isEmpty(Iterable<?> it) {
        return it == null || !it.iterator().hasNext();
    }

    /** Removes and returns the pending inputs due at {@code ts}, in apply order. */
    private List<PatrolInput> due(long ts) throws Exception {
        List<PatrolInput> due = new ArrayList<>();
        List<PatrolInput> later = new ArrayList<>();
        Iterable<PatrolInput> all = pending.get();
        if (all == null) return due;
        for (PatrolInput in : all) (in.time <= ts ? due : later).add(in);
        if (due.isEmpty()) return due;
        pending.update(later);
        due.sort(PatrolInput.APPLY_ORDER);
        return due;
    }

    /** The district's cells with their risk decayed to {@code ts}; drops those decayed away. */
    private Places candidates(RiskIndex index, long ts) throws Exception {
        for (String cell : index.dropBelow(MIN_RISK, ts)) cells.remove(cell);
        return index.at(ts);
    }

    /** The district's risk order, built from its cells' state on first use after a (re)start. */
    private RiskIndex index(String district) throws Exception {
        RiskIndex index = indexes.get(district);
        if (index == null) {
            index = new RiskIndex(policy.riskHalfLife());
            List<String> gone = new ArrayList<>();
            for (Map.Entry<String, CellRisk> e : cells.entries()) {
                CellRisk r = e.getValue();
                if (!index.put(e.getKey(), r.beat, r.neighbourhood, r.risk, r.riskAt)) {
                    gone.add(e.getKey());
                }
            }
            for (String cell : gone) cells.remove(cell);
            indexes.put(district, index);
        }
        return index;
    }

    /** Open alerts, dropping those silent for a day (their close was lost). */
    private List<PatrolAlert> openAlerts(long ts) throws Exception {
        List<PatrolAlert> out = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, OpenAlert> e : alerts.entries()) {
            if (e.getValue().updatedAt < ts - ALERT_MAX_SILENCE_MS) {
                gone.add(e.getKey());
            } else {
                out.add(e.getValue().toPatrolAlert(e.getKey()));
            }
        }
        for (String id : gone) alerts.remove(id);
        return out;
    }

    private DistrictBoard board(String district, long ts, PatrolBook b) {
        var list = b.board(ts, policy);
        var board = new DistrictBoard();
        board.district = district;
        board.time = ts;
        board.ids = new String[list.size()];
        board.json = new String[list.size()];
        for (int i = 0; i < list.size(); i++) {
            board.ids[i] = list.get(i).suggestionId();
            board.json[i] = Json.encode(list.get(i));
        }
        return board;
    }

    /** When the next active visit lapses or times out, so the board is rewritten then. */
    private long nextExpiry(PatrolBook b, long ts) {
        long next = Long.MAX_VALUE;
        for (Visit v : b.visits) {
            long at =
                    v.status == VisitStatus.SUGGESTED
                            ? v.validUntil
                            : v.status.active()
                                    ? v.createdAt + policy.visitTimeout().toMillis()
                                    : Long.MAX_VALUE;
            if (at > ts) next = Math.min(next, at);
        }
        return next;
    }
}
