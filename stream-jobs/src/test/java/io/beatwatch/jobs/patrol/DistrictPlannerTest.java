package io.beatwatch.jobs.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.PatrolFeedback;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.core.patrol.PatrolPlanner;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The district planner in Flink's operator harness: rounds, feedback, order, cleanup. */
class DistrictPlannerTest {

    static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    static final long MINUTE = 60_000L;
    static final String DISTRICT = "NORTH";
    static final H3Grid GRID = H3Grid.defaultGrid();

    /** One cell per district round (no neighbourhood cap): the choice is forced and visible. */
    static final PatrolConfig POLICY =
            PatrolConfig.defaults(ZoneId.of("America/Chicago")).withCaps(4, 1, 1);

    private KeyedOneInputStreamOperatorTestHarness<String, PatrolInput, PatrolSuggestion> harness;

    static String cell(int i) {
        return GRID.cellOf(29.30 + 0.03 * i, -98.60);
    }

    static long at(long minutes) {
        return T0.toEpochMilli() + minutes * MINUTE;
    }

    static PatrolInput risk(String cell, double risk, long minutes) {
        return PatrolInput.risk(
                DISTRICT,
                cell,
                "B1",
                PatrolPlanner.neighbourhoodOf(cell, POLICY),
                risk,
                at(minutes),
                at(minutes));
    }

    static PatrolInput tick(long minutes) {
        var in = new PatrolInput();
        in.kind = PatrolInput.Kind.TICK;
        in.district = DISTRICT;
        in.time = at(minutes);
        return in;
    }

    static PatrolInput feedback(String suggestionId, PatrolFeedback.Action a, long minutes) {
        var in = new PatrolInput();
        in.kind = PatrolInput.Kind.FEEDBACK;
        in.district = DISTRICT;
        in.suggestionId = suggestionId;
        in.action = a;
        in.time = at(minutes);
        return in;
    }

    static PatrolInput alertOpened(String id, String cell, long minutes, boolean drives) {
        var in = new PatrolInput();
        in.kind = PatrolInput.Kind.ALERT;
        in.district = DISTRICT;
        in.alertId = id;
        in.opened = true;
        in.cells = new String[] {cell};
        in.cell = cell;
        in.reason = "Open alert: 6 calls in 30 min where 0.4 were expected.";
        in.drivesPatrol = drives;
        in.time = at(minutes);
        return in;
    }

    void open(PatrolConfig policy) throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new DistrictPlanner(PatrolJobConfig.of(policy))),
                        i -> i.district,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    void send(PatrolInput in) throws Exception {
        harness.processElement(in, in.time);
    }

    /**
     * Moves the watermark to {@code minutes} a minute at a time, as a live feed does (one big jump
     * reads as a gap in the feed, and the rounds inside it are skipped).
     */
    void advance(long minutes) throws Exception {
        long from = Math.max(0, (harness.getCurrentWatermark() - T0.toEpochMilli()) / MINUTE);
        for (long m = from + 1; m <= minutes; m++) harness.processWatermark(at(m));
    }

    List<PatrolSuggestion> suggestions() {
        return harness.extractOutputValues();
    }

    /** Risk inputs every 10 minutes for {@code hours}, and the feed's ticks. */
    void keepFresh(String cell, int hours) throws Exception {
        for (int m = 1; m < hours * 60; m += 10) send(risk(cell, 5.0, m));
        ticks(0, hours * 60);
    }

    /** The city feed ticking every 5 minutes in {@code [from, to)}. */
    void ticks(long from, long to) throws Exception {
        for (long m = from + 1; m < to; m += 5) send(tick(m));
    }

    @Test
    void roundsRunAtCycleStartsOnceTheWatermarkPasses() throws Exception {
        open(POLICY);
        send(risk(cell(0), 5.0, 1));
        send(risk(cell(1), 4.0, 2));
        send(risk(cell(2), 3.0, 3));
        send(tick(1));
        harness.processWatermark(at(14));
        assertThat(suggestions()).isEmpty();

        harness.processWatermark(at(15));

        assertThat(suggestions()).hasSize(3);
        assertThat(suggestions())
                .allMatch(s -> s.createdAt().equals(T0.plusSeconds(15 * 60)))
                .allMatch(s -> s.district().equals(DISTRICT))
                .extracting(PatrolSuggestion::cell)
                .containsExactlyInAnyOrder(cell(0), cell(1), cell(2));
        var boards = new ArrayList<>(harness.getSideOutput(DistrictPlanner.BOARDS));
        assertThat(boards).hasSize(1);
        assertThat(boards.get(0).getValue().ids).hasSize(3);
        var dosage = new ArrayList<>(harness.getSideOutput(DistrictPlanner.DOSAGE));
        assertThat(dosage).hasSize(1);
        assertThat(dosage.get(0).getValue().totalMinutes).isEqualTo(45);
        assertThat(dosage.get(0).getValue().date).isEqualTo("2026-03-02");
    }

    @Test
    void aPlannerRestoredFromASnapshotChoosesAsOneThatRanThrough() throws Exception {
        // its risk order is derived (not checkpointed): after a restore it is rebuilt from state
        PatrolConfig policy = PatrolConfig.defaults(ZoneId.of("America/Chicago"));
        List<String> straight = new ArrayList<>();
        open(policy);
        feedManyCells(0, 120);
        advance(120);
        feedManyCells(120, 240);
        advance(240);
        suggestions().forEach(s -> straight.add(s.suggestionId() + " " + s.reason()));
        harness.close();

        open(policy);
        feedManyCells(0, 120);
        advance(120);
        List<String> restored = new ArrayList<>();
        suggestions().forEach(s -> restored.add(s.suggestionId() + " " + s.reason()));
        var snapshot = harness.snapshot(1, at(120));
        harness.close();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new DistrictPlanner(PatrolJobConfig.of(policy))),
                        i -> i.district,
                        Types.STRING);
        harness.initializeState(snapshot);
        harness.open();
        feedManyCells(120, 240);
        advance(240);
        suggestions().forEach(s -> restored.add(s.suggestionId() + " " + s.reason()));

        assertThat(straight).hasSizeGreaterThan(20);
        assertThat(restored).isEqualTo(straight);
    }

    /** Risk of 30 cells with different weights in {@code [from, to)} minutes, and ticks. */
    private void feedManyCells(int from, int to) throws Exception {
        for (int m = from + 1; m < to; m += 7) {
            int i = (m * 13) % 30;
            send(risk(cell(i), 1 + (m % 11) * 0.7, m));
        }
        ticks(from, to);
    }

    @Test
    void inputsAreAppliedInEventTimeOrderWhateverTheirArrivalOrder() throws Exception {
        List<PatrolSuggestion> first = runWith(List.of(0, 1, 2, 3, 4, 5));
        List<PatrolSuggestion> second = runWith(List.of(5, 3, 1, 4, 0, 2));

        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    private List<PatrolSuggestion> runWith(List<Integer> order) throws Exception {
        open(POLICY.withPlaces(1, 1));
        // six cells whose risk changes within the first round: which is drawn depends on all
        for (int i : order) send(risk(cell(i), 1.0 + i, 14 - i));
        ticks(0, 60);
        harness.processWatermark(at(60));
        var out = List.copyOf(suggestions());
        harness.close();
        harness = null;
        return out;
    }

    @Test
    void aDeclinedPlaceIsNotSuggestedAgainForTheDeclineBlock() throws Exception {
        open(POLICY.withPlaces(1, 0));
        keepFresh(cell(0), 6);
        harness.processWatermark(at(15));
        String id = suggestions().get(0).suggestionId();
        send(feedback(id, PatrolFeedback.Action.DECLINED, 20));

        advance(6 * 60);

        List<Instant> times = suggestions().stream().map(PatrolSuggestion::createdAt).toList();
        // declined at 20 min, blocked 2 h: next round at or after 140 min is at 150
        assertThat(times.get(1)).isEqualTo(T0.plusSeconds(150 * 60));
        var lastDosage = lastValue(harness.getSideOutput(DistrictPlanner.DOSAGE));
        assertThat(lastDosage.declined).isEqualTo(1);
    }

    @Test
    void aDoneVisitCoolsDownFromItsEnd() throws Exception {
        open(POLICY.withPlaces(1, 0));
        keepFresh(cell(0), 6);
        harness.processWatermark(at(15));
        String id = suggestions().get(0).suggestionId();
        send(feedback(id, PatrolFeedback.Action.ACCEPTED, 17));
        send(feedback(id, PatrolFeedback.Action.ARRIVED, 25));
        send(feedback(id, PatrolFeedback.Action.DONE, 55));

        advance(6 * 60);

        List<Instant> times = suggestions().stream().map(PatrolSuggestion::createdAt).toList();
        // done at 55 min + 60 min cool-down: next round at 120
        assertThat(times.get(1)).isEqualTo(T0.plusSeconds(120 * 60));
        var dosage = lastValue(harness.getSideOutput(DistrictPlanner.DOSAGE));
        assertThat(dosage.doneMinutes).isEqualTo(30);
    }

    @Test
    void anOpeningAlertIsAnsweredAtItsOwnTime() throws Exception {
        open(POLICY);
        send(risk(cell(0), 5.0, 1));
        send(alertOpened("a-1", cell(3), 7, true));
        send(alertOpened("a-2", cell(4), 8, false));

        harness.processWatermark(at(10));

        assertThat(suggestions()).hasSize(1);
        PatrolSuggestion s = suggestions().get(0);
        assertThat(s.cell()).isEqualTo(cell(3));
        assertThat(s.alertId()).isEqualTo("a-1");
        assertThat(s.createdAt()).isEqualTo(T0.plusSeconds(7 * 60));
        assertThat(s.reason()).startsWith("Open alert");
    }

    @Test
    void roundsStopWhenTheDistrictGoesQuietAndTheStateGoesWhenNothingIsLeft() throws Exception {
        open(POLICY.withCaps(100, 1, 1));
        send(risk(cell(0), 5.0, 1));
        ticks(0, 14 * 60);
        advance(14 * 60);
        // rounds while the last input is at most 12 h old; the last suggestion soon before that
        assertThat(suggestions()).isNotEmpty();
        assertThat(suggestions())
                .extracting(PatrolSuggestion::createdAt)
                .allMatch(t -> !t.isAfter(T0.plusSeconds(12 * 3600 + 60)))
                .anyMatch(t -> t.isAfter(T0.plusSeconds(10 * 3600)));

        send(PatrolInput.remove(DISTRICT, cell(0), at(14 * 60 + 1)));
        harness.processWatermark(at(4 * 24 * 60));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void roundsAreSkippedWhileTheCityFeedIsSilent() throws Exception {
        open(POLICY.withCaps(100, 1, 1));
        send(risk(cell(0), 5.0, 1));
        ticks(0, 20);
        // nothing from the feed for 6 h, then calls again
        send(risk(cell(0), 5.0, 6 * 60));
        ticks(6 * 60 - 1, 8 * 60);
        advance(8 * 60);

        List<Instant> times = suggestions().stream().map(PatrolSuggestion::createdAt).toList();
        assertThat(times).first().isEqualTo(T0.plusSeconds(15 * 60));
        // the last tick before the gap came at 16 min: no round after 76 min until the feed is back
        assertThat(times)
                .noneMatch(
                        t ->
                                t.isAfter(T0.plusSeconds(76 * 60))
                                        && t.isBefore(T0.plusSeconds(6 * 3600)));
        assertThat(times).anyMatch(t -> t.isAfter(T0.plusSeconds(6 * 3600)));
    }

    @Test
    void theEndOfInputFiresEveryTimerAndLeavesNoState() throws Exception {
        open(POLICY);
        keepFresh(cell(0), 3);
        send(alertOpened("a-1", cell(3), 30, true));
        advance(3 * 60);
        assertThat(suggestions()).isNotEmpty();

        // a bounded replay ends with the largest watermark: rounds stop, the record is forgotten
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private static <T> T lastValue(java.util.Collection<StreamRecord<T>> records) {
        T last = null;
        for (StreamRecord<T> r : records) last = r.getValue();
        return last;
    }

    static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }
}
