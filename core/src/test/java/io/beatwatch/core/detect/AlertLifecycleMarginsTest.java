package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.Signal;
import org.junit.jupiter.api.Test;

/**
 * The margins of {@link AlertLifecycle} at their edges (defaults: a rise of 2 in score or 3 in
 * calls escalates, a fall of 2 diminishes, 60 min without news re-reports, 7 days make it NEW).
 */
class AlertLifecycleMarginsTest {

    static final long MINUTE = 60_000L;
    static final long DAY = 1440 * MINUTE;
    static final long T0 = 1_700_006_400_000L;
    static final AlertLifecycle LIFECYCLE = new AlertLifecycle(DetectionConfig.defaults());

    /** Open since T0, last reported at T0: score 10, 6 calls, ring 1, 60 min, CFS. */
    static final ZoneAlert OPEN =
            new ZoneAlert(
                    "z-r1-w60-1",
                    true,
                    "z",
                    1,
                    60,
                    T0,
                    0,
                    10,
                    6,
                    1,
                    60,
                    Signal.CFS,
                    EmergenceCategory.NEW,
                    T0,
                    10,
                    0);

    static Evaluation eval(int ring, int window, long observed, double score, long at) {
        return new Evaluation("z", ring, window, Signal.CFS, observed, 0.5, score, 1e6, at);
    }

    static EmergenceCategory categoryOf(ZoneAlert previous, Evaluation e) {
        var d = LIFECYCLE.decide(previous, e);
        return d.action() == LifecycleDecision.Action.NONE ? null : d.category();
    }

    @Test
    void anOpenAlertEscalatesFromARiseOfExactlyTheMargin() {
        long at = T0 + 10 * MINUTE;
        assertThat(categoryOf(OPEN, eval(1, 60, 6, 12.0, at)))
                .isEqualTo(EmergenceCategory.INTENSIFYING);
        assertThat(categoryOf(OPEN, eval(1, 60, 6, 11.99, at))).isNull();
        assertThat(categoryOf(OPEN, eval(1, 60, 9, 10.5, at)))
                .isEqualTo(EmergenceCategory.INTENSIFYING);
        assertThat(categoryOf(OPEN, eval(1, 60, 8, 10.5, at))).isNull();
        // more calls in another ring or window are another count: no escalation by calls
        assertThat(categoryOf(OPEN, eval(0, 60, 9, 10.5, at))).isNull();
        assertThat(categoryOf(OPEN, eval(1, 30, 9, 10.5, at))).isNull();
    }

    @Test
    void anOpenAlertDiminishesFromAFallOfExactlyTheMarginAndReReportsAfterAnHour() {
        long at = T0 + 10 * MINUTE;
        assertThat(categoryOf(OPEN, eval(1, 60, 6, 8.0, at)))
                .isEqualTo(EmergenceCategory.DIMINISHING);
        assertThat(categoryOf(OPEN, eval(1, 60, 6, 8.01, at))).isNull();
        assertThat(categoryOf(OPEN, eval(1, 60, 6, 10, T0 + 60 * MINUTE)))
                .isEqualTo(EmergenceCategory.PERSISTENT);
        assertThat(categoryOf(OPEN, eval(1, 60, 6, 10, T0 + 60 * MINUTE - 1))).isNull();
    }

    @Test
    void aReopenWithinTheLookbackComparesWithThePeakAndAfterItIsNew() {
        var closed = OPEN.closed(T0 + DAY);
        assertThat(categoryOf(closed, eval(1, 60, 6, 12, T0 + 8 * DAY)))
                .isEqualTo(EmergenceCategory.INTENSIFYING);
        assertThat(categoryOf(closed, eval(1, 60, 6, 10, T0 + 8 * DAY)))
                .isEqualTo(EmergenceCategory.PERSISTENT);
        assertThat(categoryOf(closed, eval(1, 60, 6, 10, T0 + 8 * DAY + 1)))
                .isEqualTo(EmergenceCategory.NEW);
        // in the very minute of the close nothing opens (the id would repeat)
        var same = LIFECYCLE.decide(closed, eval(1, 60, 6, 20, T0 + DAY + 30_000));
        assertThat(same.action()).isEqualTo(LifecycleDecision.Action.NONE);
        assertThat(same.next()).isEqualTo(closed);
    }
}
