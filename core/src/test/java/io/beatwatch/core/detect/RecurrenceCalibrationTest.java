package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.Signal;
import org.junit.jupiter.api.Test;

class RecurrenceCalibrationTest {

    private static final RecurrenceCalibration MAP =
            new RecurrenceCalibration(
                    "test", new double[] {5, 10, 20}, new double[] {-1, 0, 2}, 0.1);

    @Test
    void interpolatesBetweenPointsAndExtendsBothEnds() {
        assertThat(MAP.log10Days(10)).isEqualTo(0.0);
        assertThat(MAP.log10Days(15)).isCloseTo(1.0, within(1e-12));
        assertThat(MAP.log10Days(7.5)).isCloseTo(-0.5, within(1e-12));
        // below the first point: the first point's offset (one decade per unit of strength)
        assertThat(MAP.log10Days(4)).isCloseTo(-2.0, within(1e-12));
        // above the last: the tail slope
        assertThat(MAP.log10Days(30)).isCloseTo(3.0, within(1e-12));
        assertThat(MAP.recurrenceIntervalDays(-15 * Math.log(10))).isCloseTo(10.0, within(1e-9));
        assertThat(MAP.recurrenceIntervalDays(-1e5)).isEqualTo(PoissonScan.MAX_RECURRENCE_DAYS);
    }

    @Test
    void fitCountsAlertsAtLeastAsStrongPerDay() {
        // 100 alerts of strengths 1..100 over 10 days: RI(x) = 10 / #(alerts >= x)
        double[] peaks = new double[100];
        for (int i = 0; i < 100; i++) peaks[i] = i + 1;
        RecurrenceCalibration c = RecurrenceCalibration.fit("fit", peaks, 10, 30, 20);
        for (int x : new int[] {1, 2, 10, 50, 91, 100}) {
            double measured = 10.0 / (100 - x + 1);
            if (java.util.Arrays.binarySearch(c.strength(), x) >= 0) {
                assertThat(Math.pow(10, c.log10Days(x))).isCloseTo(measured, within(1e-9));
            }
        }
        assertThat(Math.pow(10, c.log10Days(1))).isCloseTo(0.1, within(1e-9));
        assertThat(Math.pow(10, c.log10Days(100))).isCloseTo(10.0, within(1e-9));
        for (int i = 1; i < c.strength().length; i++) {
            assertThat(c.log10Days()[i]).isGreaterThanOrEqualTo(c.log10Days()[i - 1]);
        }
        assertThat(c.log10Days(150)).isGreaterThan(1.0);
    }

    @Test
    void refusesNonMonotoneOrTooFewPoints() {
        assertThatThrownBy(
                        () ->
                                new RecurrenceCalibration(
                                        "x", new double[] {1, 1}, new double[] {0, 1}, 1))
                .hasMessageContaining("increase");
        assertThatThrownBy(
                        () ->
                                new RecurrenceCalibration(
                                        "x", new double[] {1, 2}, new double[] {1, 0}, 1))
                .hasMessageContaining("decrease");
        assertThatThrownBy(() -> RecurrenceCalibration.fit("x", new double[] {1, 2}, 5, 10, 5))
                .hasMessageContaining("3 alerts");
    }

    @Test
    void configSwitchReplacesThePoissonBoundAndRoundTripsAsJson() {
        DetectionConfig poisson = DetectionConfig.defaults();
        DetectionConfig calibrated = poisson.withCalibration(MAP);
        assertThat(poisson.calibration()).isNull();
        assertThat(calibrated.withRecurrenceThresholdDays(30).calibration()).isEqualTo(MAP);
        double tests = 5e5;
        assertThat(poisson.recurrenceIntervalDays(6, 0.1, tests))
                .isEqualTo(PoissonScan.recurrenceIntervalDays(6, 0.1, tests));
        double x = -PoissonScan.logUpperTail(6, 0.1) / Math.log(10);
        assertThat(calibrated.recurrenceIntervalDays(6, 0.1, tests))
                .isCloseTo(Math.pow(10, MAP.log10Days(x)), within(1e-9));
        Evaluation e = Evaluation.of("c", 0, 60, Signal.CFS, 6, 0.1, tests, calibrated, 0L);
        assertThat(e.recurrenceIntervalDays())
                .isEqualTo(calibrated.recurrenceIntervalDays(6, 0.1, tests));
        RecurrenceCalibration back = Json.decode(Json.encode(MAP), RecurrenceCalibration.class);
        assertThat(back).isEqualTo(MAP);
    }
}
