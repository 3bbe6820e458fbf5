package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.Signal;
import org.junit.jupiter.api.Test;

/** The thresholds of {@link AlertLifecycle} (defaults: 4 calls, 100 days, close at 10 days). */
class AlertLifecycleEdgesTest {

    static final AlertLifecycle LIFECYCLE = new AlertLifecycle(DetectionConfig.defaults());

    static Evaluation eval(long observed, double expected, double ri) {
        return new Evaluation("8928308280fffff", 1, 60, Signal.CFS, observed, expected, 5, ri, 0);
    }

    @Test
    void opensAtTheMinimumCountAndTheRecurrenceThresholdThemselves() {
        assertThat(LIFECYCLE.opens(eval(4, 0.5, 100))).isTrue();
        assertThat(LIFECYCLE.opens(eval(3, 0.5, 1e6))).isFalse();
        assertThat(LIFECYCLE.opens(eval(4, 0.5, 99.999))).isFalse();
        assertThat(LIFECYCLE.opens(eval(4, 4.0, 1e6))).isFalse(); // no excess
        assertThat(LIFECYCLE.opens(eval(4, Double.NaN, 1e6))).isFalse();
        assertThat(LIFECYCLE.config()).isEqualTo(DetectionConfig.defaults());
    }

    @Test
    void sustainsDownToTheCloseThreshold() {
        assertThat(DetectionConfig.defaults().closeThresholdDays()).isEqualTo(10.0);
        assertThat(LIFECYCLE.sustains(eval(2, 0.5, 10))).isTrue();
        assertThat(LIFECYCLE.sustains(eval(2, 0.5, 9.999))).isFalse();
        assertThat(LIFECYCLE.sustains(eval(2, 2.0, 1e6))).isFalse();
    }

    @Test
    void anEvaluationOfTheTestsPerDayCarriesItsScoreAndRecurrence() {
        var e = Evaluation.of("z", 0, 30, Signal.TIPS, 3, 1.0, 1000, 7);
        assertThat(e.score()).isEqualTo(PoissonScan.llr(3, 1.0));
        assertThat(e.recurrenceIntervalDays())
                .isEqualTo(PoissonScan.recurrenceIntervalDays(3, 1.0, 1000));
        assertThat(e.eventTimeMillis()).isEqualTo(7);
        assertThat(e.hasExcess()).isTrue();
    }
}
