package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.detect.LifecycleDecision.Action;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.model.TypeCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertLifecycleTest {

    private static final String ZONE = "8948e0d1a6bffff";
    private static final long T0 = Instant.parse("2026-03-02T18:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    // defaults: open at RI >= 100 days, close below 10, escalate by LLR 2 or 3 more events
    private static final AlertLifecycle LIFECYCLE = new AlertLifecycle(DetectionConfig.defaults());

    private static Evaluation eval(long observed, double score, double ri, long at) {
        return eval(1, 60, Signal.CFS, observed, score, ri, at);
    }

    private static Evaluation eval(
            int ring, int window, Signal signal, long observed, double score, double ri, long at) {
        return new Evaluation(ZONE, ring, window, signal, observed, 0.5, score, ri, at);
    }

    private static ZoneAlert openedAt(long at) {
        LifecycleDecision d = LIFECYCLE.decide(null, eval(6, 10, 200, at));
        assertThat(d.action()).isEqualTo(Action.OPEN);
        return d.next();
    }

    @Test
    void opensANewAlertWhenTheRecurrenceIntervalReachesTheBudget() {
        LifecycleDecision d = LIFECYCLE.decide(null, eval(6, 10, 200, T0));

        assertThat(d.action()).isEqualTo(Action.OPEN);
        assertThat(d.alertState()).isEqualTo(AlertState.OPENED);
        assertThat(d.category()).isEqualTo(EmergenceCategory.NEW);
        assertThat(d.signal()).isEqualTo(Signal.CFS);
        assertThat(d.confirmed()).isTrue();
        assertThat(d.next().open()).isTrue();
        assertThat(d.next().revision()).isZero();
        assertThat(d.next().alertId()).isEqualTo(ZONE + "-r1-w60-" + T0 / MINUTE);
        assertThat(d.next().openedAtMillis()).isEqualTo(T0);
    }

    @ParameterizedTest(name = "observed {0}, expected 0.5, RI {1}: no alert")
    @CsvSource({
        "6, 99.9", // below the budget
        "2, 1e6", // fewer than minObserved (3)
        "0, 0"
    })
    void staysQuietBelowTheThresholds(long observed, double ri) {
        LifecycleDecision d = LIFECYCLE.decide(null, eval(observed, 5, ri, T0));
        assertThat(d.action()).isEqualTo(Action.NONE);
        assertThat(d.emits()).isFalse();
        assertThat(d.next()).isNull();
    }

    @Test
    void noExcessNeverOpensWhateverTheInterval() {
        Evaluation deficit = new Evaluation(ZONE, 0, 30, Signal.CFS, 3, 5.0, 0, 1e6, T0);
        assertThat(LIFECYCLE.decide(null, deficit).action()).isEqualTo(Action.NONE);
    }

    @Test
    void holdsQuietlyWhileNothingChanges() {
        ZoneAlert open = openedAt(T0);
        LifecycleDecision d = LIFECYCLE.decide(open, eval(6, 11, 300, T0 + 5 * MINUTE));
        assertThat(d.action()).isEqualTo(Action.NONE);
        assertThat(d.next()).isEqualTo(open);
    }

    @Test
    void hysteresisKeepsAnAlertOpenBetweenTheCloseAndOpenThresholds() {
        ZoneAlert open = openedAt(T0);
        LifecycleDecision d = LIFECYCLE.decide(open, eval(6, 10, 50, T0 + MINUTE));
        assertThat(d.action()).isEqualTo(Action.NONE);
        assertThat(d.next().open()).isTrue();
    }

    @Test
    void updatesAsIntensifyingWhenTheScoreRisesByTheMargin() {
        ZoneAlert open = openedAt(T0);
        LifecycleDecision d = LIFECYCLE.decide(open, eval(7, 12.5, 900, T0 + 10 * MINUTE));

        assertThat(d.action()).isEqualTo(Action.UPDATE);
        assertThat(d.alertState()).isEqualTo(AlertState.UPDATED);
        assertThat(d.category()).isEqualTo(EmergenceCategory.INTENSIFYING);
        assertThat(d.next().alertId()).isEqualTo(open.alertId());
        assertThat(d.next().revision()).isEqualTo(1);
        assertThat(d.next().lastScore()).isEqualTo(12.5);
        assertThat(d.next().peakScore()).isEqualTo(12.5);
    }

    @Test
    void updatesAsIntensifyingWhenObservedRisesInTheSameWindow() {
        ZoneAlert open = openedAt(T0);
        LifecycleDecision d = LIFECYCLE.decide(open, eval(9, 11, 900, T0 + 10 * MINUTE));
        assertThat(d.action()).isEqualTo(Action.UPDATE);
        assertThat(d.category()).isEqualTo(EmergenceCategory.INTENSIFYING);
        assertThat(d.next().lastObserved()).isEqualTo(9);
    }

    @Test
    void observedRiseInAnotherWindowIsNotAnEscalationByItself() {
        ZoneAlert open = openedAt(T0);
        Evaluation longer = eval(1, 180, Signal.CFS, 12, 10.5, 300, T0 + 10 * MINUTE);
        assertThat(LIFECYCLE.decide(open, longer).action()).isEqualTo(Action.NONE);
    }

    @Test
    void updatesAsDiminishingWhenTheScoreFallsButStaysSignificant() {
        ZoneAlert open = openedAt(T0);
        LifecycleDecision d = LIFECYCLE.decide(open, eval(5, 7.5, 20, T0 + 20 * MINUTE));
        assertThat(d.action()).isEqualTo(Action.UPDATE);
        assertThat(d.category()).isEqualTo(EmergenceCategory.DIMINISHING);
        assertThat(d.next().open()).isTrue();
    }

    @Test
    void reportsPersistentAfterAnHourWithoutChange() {
        ZoneAlert open = openedAt(T0);
        assertThat(LIFECYCLE.decide(open, eval(6, 10, 200, T0 + 59 * MINUTE)).action())
                .isEqualTo(Action.NONE);
        LifecycleDecision d = LIFECYCLE.decide(open, eval(6, 10, 200, T0 + 60 * MINUTE));
        assertThat(d.action()).isEqualTo(Action.UPDATE);
        assertThat(d.category()).isEqualTo(EmergenceCategory.PERSISTENT);
        assertThat(d.next().lastReportedAtMillis()).isEqualTo(T0 + 60 * MINUTE);
    }

    @Test
    void closesWhenTheIntervalFallsBelowTheLowerThreshold() {
        ZoneAlert open = openedAt(T0);
        LifecycleDecision d = LIFECYCLE.decide(open, eval(4, 3, 9.9, T0 + 40 * MINUTE));

        assertThat(d.action()).isEqualTo(Action.CLOSE);
        assertThat(d.alertState()).isEqualTo(AlertState.CLOSED);
        assertThat(d.category()).isEqualTo(EmergenceCategory.NEW); // the last reported category
        assertThat(d.next().open()).isFalse();
        assertThat(d.next().alertId()).isEqualTo(open.alertId());
        assertThat(d.next().revision()).isEqualTo(1);
        assertThat(d.next().closedAtMillis()).isEqualTo(T0 + 40 * MINUTE);
    }

    @Test
    void closesWhenObservedNoLongerExceedsExpected() {
        ZoneAlert open = openedAt(T0);
        Evaluation gone = new Evaluation(ZONE, 1, 60, Signal.CFS, 2, 2.0, 0, 1e6, T0 + 90 * MINUTE);
        assertThat(LIFECYCLE.decide(open, gone).action()).isEqualTo(Action.CLOSE);
    }

    @ParameterizedTest(name = "closed {0} min ago, score {1} vs peak 10 → {2}")
    @CsvSource({
        "60, 12, INTENSIFYING",
        "60, 9, PERSISTENT",
        "10080, 9, PERSISTENT", // exactly 7 days: still within the lookback
        "10081, 12, NEW" // beyond the 7-day lookback
    })
    void reopeningIsCategorisedAgainstTheLastAlertHere(
            long minutesSinceClose, double score, EmergenceCategory expected) {
        ZoneAlert closed = LIFECYCLE.decide(openedAt(T0), eval(0, 0, 0, T0 + MINUTE)).next();
        long at = T0 + MINUTE + minutesSinceClose * MINUTE;
        LifecycleDecision d = LIFECYCLE.decide(closed, eval(6, score, 500, at));
        assertThat(d.action()).isEqualTo(Action.OPEN);
        assertThat(d.category()).isEqualTo(expected);
        assertThat(d.next().alertId()).isNotEqualTo(closed.alertId());
        assertThat(d.next().revision()).isZero();
    }

    @Test
    void doesNotReopenInTheMinuteOfTheCloseSoIdsStayUnique() {
        ZoneAlert closed =
                LIFECYCLE.decide(openedAt(T0), eval(0, 0, 0, T0 + 5 * MINUTE + 1000)).next();
        LifecycleDecision same =
                LIFECYCLE.decide(closed, eval(6, 10, 500, T0 + 5 * MINUTE + 30_000));
        assertThat(same.action()).isEqualTo(Action.NONE);
        assertThat(same.next()).isEqualTo(closed);
        LifecycleDecision next = LIFECYCLE.decide(closed, eval(6, 10, 500, T0 + 6 * MINUTE));
        assertThat(next.action()).isEqualTo(Action.OPEN);
    }

    @Test
    void theStrongestEvaluationOpensAndNamesTheAlert() {
        List<Evaluation> all =
                List.of(
                        eval(0, 30, Signal.CFS, 4, 6, 150, T0),
                        eval(1, 60, Signal.CFS, 8, 12, 4000, T0),
                        eval(1, 180, Signal.CFS, 10, 9, 800, T0),
                        eval(0, 60, Signal.CFS, 2, 3, 5, T0));
        LifecycleDecision d = LIFECYCLE.decide(null, all);
        assertThat(d.evaluation()).isEqualTo(all.get(1));
        assertThat(d.next().alertId()).isEqualTo(ZONE + "-r1-w60-" + T0 / MINUTE);
    }

    @Test
    void tipOnlyAlertIsUnconfirmedUntilCallsCorroborateIt() {
        Evaluation tips = eval(0, 60, Signal.TIPS, 4, 9, 300, T0);
        Evaluation quietCalls = eval(0, 60, Signal.CFS, 1, 0.2, 0.01, T0);
        LifecycleDecision opened = LIFECYCLE.decide(null, List.of(tips, quietCalls));
        assertThat(opened.action()).isEqualTo(Action.OPEN);
        assertThat(opened.signal()).isEqualTo(Signal.TIPS);
        assertThat(opened.confirmed()).isFalse();

        long later = T0 + 5 * MINUTE;
        Evaluation calls = eval(0, 60, Signal.CFS, 4, 6, 40, later);
        Evaluation tipsLater = eval(0, 60, Signal.TIPS, 4, 9, 300, later);
        LifecycleDecision corroborated = LIFECYCLE.decide(opened.next(), List.of(tipsLater, calls));
        assertThat(corroborated.action()).isEqualTo(Action.UPDATE);
        assertThat(corroborated.category()).isEqualTo(EmergenceCategory.INTENSIFYING);
        assertThat(corroborated.signal()).isEqualTo(Signal.BOTH);
        assertThat(corroborated.confirmed()).isTrue();

        Evaluation tipsGone = eval(0, 60, Signal.TIPS, 0, 0, 0, later + MINUTE);
        Evaluation callsStay = eval(0, 60, Signal.CFS, 4, 6, 40, later + MINUTE);
        LifecycleDecision dropped =
                LIFECYCLE.decide(corroborated.next(), List.of(tipsGone, callsStay));
        assertThat(dropped.category()).isEqualTo(EmergenceCategory.DIMINISHING);
        assertThat(dropped.signal()).isEqualTo(Signal.CFS);
    }

    @Test
    void replayingTheSameEvaluationsGivesTheSameDecisionsAndIds() {
        List<Evaluation> script =
                List.of(
                        eval(3, 4, 50, T0),
                        eval(6, 10, 200, T0 + MINUTE),
                        eval(8, 13, 2000, T0 + 7 * MINUTE),
                        eval(8, 13, 2000, T0 + 70 * MINUTE),
                        eval(1, 0, 0.1, T0 + 200 * MINUTE),
                        eval(7, 11, 400, T0 + 300 * MINUTE));
        assertThat(run(script)).isEqualTo(run(script));
        assertThat(run(script))
                .extracting(LifecycleDecision::action)
                .containsExactly(
                        Action.NONE,
                        Action.OPEN,
                        Action.UPDATE,
                        Action.UPDATE,
                        Action.CLOSE,
                        Action.OPEN);
        assertThat(AlertLifecycle.alertId(ZONE, 1, 60, T0 + MINUTE + 59_999))
                .isEqualTo(ZONE + "-r1-w60-" + (T0 / MINUTE + 1));
    }

    private static List<LifecycleDecision> run(List<Evaluation> script) {
        ZoneAlert state = null;
        List<LifecycleDecision> out = new java.util.ArrayList<>();
        for (Evaluation e : script) {
            LifecycleDecision d = LIFECYCLE.decide(state, e);
            out.add(d);
            state = d.next();
        }
        return out;
    }

    @Test
    void forgetsAClosedAlertAfterTheLookback() {
        ZoneAlert closed = LIFECYCLE.decide(openedAt(T0), eval(0, 0, 0, T0 + MINUTE)).next();
        assertThat(LIFECYCLE.canForget(null, T0)).isTrue();
        assertThat(LIFECYCLE.canForget(openedAt(T0), T0 + 30 * DAY)).isFalse();
        assertThat(LIFECYCLE.canForget(closed, T0 + MINUTE + 7 * DAY)).isFalse();
        assertThat(LIFECYCLE.canForget(closed, T0 + MINUTE + 7 * DAY + 1)).isTrue();
        LifecycleDecision quiet = LIFECYCLE.decide(closed, eval(0, 0, 0, T0 + 8 * DAY));
        assertThat(quiet.next()).isNull();
    }

    @Test
    void buildsAnExplainedHotspotAlert() {
        LifecycleDecision d =
                LIFECYCLE.decide(
                        null, new Evaluation(ZONE, 1, 60, Signal.CFS, 7, 1.5, 7.8, 450, T0));
        Explanation why =
                new Explanation(
                        List.of(ZONE, "8948e0d1a63ffff"),
                        new LatLon(29.42, -98.49),
                        "CENTRAL",
                        List.of(new TypeCount("Shots Fired", 4), new TypeCount("Disturbance", 3)),
                        2);
        Instant emitted = Instant.parse("2026-03-02T18:00:01Z");
        HotspotAlert a = d.toAlert(why, emitted);

        assertThat(a.alertId()).isEqualTo(d.next().alertId());
        assertThat(a.state()).isEqualTo(AlertState.OPENED);
        assertThat(a.category()).isEqualTo(EmergenceCategory.NEW);
        assertThat(a.zone()).isEqualTo(ZONE);
        assertThat(a.ring()).isEqualTo(1);
        assertThat(a.window()).isEqualTo(Duration.ofMinutes(60));
        assertThat(a.observed()).isEqualTo(7);
        assertThat(a.expected()).isEqualTo(1.5);
        assertThat(a.score()).isEqualTo(7.8);
        assertThat(a.recurrenceIntervalDays()).isEqualTo(450);
        assertThat(a.signal()).isEqualTo(Signal.CFS);
        assertThat(a.confirmed()).isTrue();
        assertThat(a.cells()).hasSize(2);
        assertThat(a.district()).isEqualTo("CENTRAL");
        assertThat(a.topTypes()).hasSize(2);
        assertThat(a.tipCount()).isEqualTo(2);
        assertThat(a.openedAt()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(a.eventTime()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(a.modelVersion()).isEqualTo(StreamDetector.MODEL_VERSION);
        assertThat(a.emittedAt()).isEqualTo(emitted);
        assertThat(a.v()).isEqualTo(HotspotAlert.VERSION);
    }
}
