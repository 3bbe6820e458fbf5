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

    @Test
    void perWindowStrataGiveEachWindowItsShareOfTheBudget() {
        // 10 days; window 30 saw alerts of strength 5, 6, 7 and window 180 of 8, 9, 10
        RecurrenceCalibration c =
                RecurrenceCalibration.byWindow(
                        MAP,
                        java.util.Map.of(30, new double[] {5, 6, 7}, 180, new double[] {8, 9, 10}),
                        10,
                        30,
                        20);
        assertThat(c.strata())
                .extracting(RecurrenceCalibration.Stratum::windowMinutes)
                .containsExactly(30, 180);
        // two windows share the budget: RI_w(x) = 10 / (2 × alerts of w at least x strong)
        assertThat(Math.pow(10, c.log10Days(5, 30))).isCloseTo(10.0 / (2 * 3), within(1e-9));
        assertThat(Math.pow(10, c.log10Days(7, 30))).isCloseTo(10.0 / (2 * 1), within(1e-9));
        assertThat(Math.pow(10, c.log10Days(9, 180))).isCloseTo(10.0 / (2 * 2), within(1e-9));
        // a window without a stratum falls back to the pooled map
        assertThat(c.log10Days(15, 60)).isCloseTo(1.0, within(1e-12));
        assertThat(c.log10Days(15)).isCloseTo(1.0, within(1e-12));
        // x = 7 on the 30-minute window: log10 p = -7, RI 5 days
        assertThat(c.recurrenceIntervalDays(-7 * Math.log(10), 30)).isCloseTo(5.0, within(1e-9));
        assertThatThrownBy(
                        () ->
                                RecurrenceCalibration.byWindow(
                                        MAP, java.util.Map.of(30, new double[] {5, 6}), 10, 30, 20))
                .hasMessageContaining("window 30 min")
                .hasMessageContaining("3 alerts");
    }

    @Test
    void evaluationsUseTheirWindowsStratum() {
        var stratum =
                new RecurrenceCalibration.Stratum(30, new double[] {1, 2}, new double[] {0, 1}, 1);
        RecurrenceCalibration c =
                new RecurrenceCalibration(
                        "w",
                        MAP.strength(),
                        MAP.log10Days(),
                        MAP.tailSlope(),
                        java.util.List.of(stratum));
        DetectionConfig d = DetectionConfig.defaults().withCalibration(c);
        double x = -PoissonScan.logUpperTail(6, 0.1) / Math.log(10); // about 8.1
        double tests = 5e5;
        Evaluation on30 = Evaluation.of("c", 0, 30, Signal.CFS, 6, 0.1, tests, d, 0L);
        Evaluation on60 = Evaluation.of("c", 0, 60, Signal.CFS, 6, 0.1, tests, d, 0L);
        // window 30: the stratum's tail beyond x = 2 rises one decade per unit
        assertThat(Math.log10(on30.recurrenceIntervalDays())).isCloseTo(1 + (x - 2), within(1e-9));
        assertThat(on60.recurrenceIntervalDays())
                .isCloseTo(Math.pow(10, MAP.log10Days(x)), within(1e-9));
        assertThat(d.recurrenceIntervalDays(6, 0.1, tests, 60))
                .isEqualTo(d.recurrenceIntervalDays(6, 0.1, tests));
    }

    @Test
    void stratifiedCalibrationRoundTripsAndOldFilesReadWithoutStrata() {
        RecurrenceCalibration c =
                RecurrenceCalibration.byWindow(
                        MAP, java.util.Map.of(60, new double[] {5, 6, 7, 8}), 4, 30, 20);
        assertThat(Json.decode(Json.encode(c), RecurrenceCalibration.class)).isEqualTo(c);
        String before =
                "{\"name\":\"old\",\"strength\":[5,10],\"log10Days\":[0,1],\"tailSlope\":0.1}";
        RecurrenceCalibration old = Json.decode(before, RecurrenceCalibration.class);
        assertThat(old.strata()).isEmpty();
        assertThat(old.log10Days(7.5, 30)).isCloseTo(0.5, within(1e-12));
        assertThatThrownBy(
                        () ->
                                new RecurrenceCalibration(
                                        "x",
                                        MAP.strength(),
                                        MAP.log10Days(),
                                        1,
                                        java.util.List.of(
                                                new RecurrenceCalibration.Stratum(
                                                        30,
                                                        new double[] {1, 2},
                                                        new double[] {0, 1},
                                                        1),
                                                new RecurrenceCalibration.Stratum(
                                                        30,
                                                        new double[] {1, 2},
                                                        new double[] {0, 1},
                                                        1))))
                .hasMessageContaining("two strata");
    }
}
