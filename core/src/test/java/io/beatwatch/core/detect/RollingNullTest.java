package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RollingNullTest {

    @Test
    void notReadyUntilEnoughEpisodesAndDays() {
        var n = new RollingNull(1, 90);
        for (int i = 0; i < RollingNull.MIN_EPISODES - 1; i++) n.record(0, 3 + i, 0);
        n.refit(5, 5);
        assertThat(n.ready(0)).isFalse();
        n.record(0, 4, 1);
        n.refit(5, 5);
        assertThat(n.ready(0)).isTrue();
    }

    @Test
    void hundredPeaksOverTenDaysByHand() {
        // peaks 1..100 over days 0..9 (10 a day); today 10: D = 10, b = 10 strongest
        var n = new RollingNull(1, 90);
        for (int i = 1; i <= 100; i++) n.record(0, i, (i - 1) % 10);
        n.refit(10, 10);
        // upper = 10th strongest = 91; excesses of the 9 above it: 1..9, mean 5 -> σ = 5
        double sigma = 5;
        assertThat(n.scale(0)).isCloseTo(sigma, within(1e-9));
        // at the 10th strongest: 10 days / 10 peaks = one day
        assertThat(n.recurrenceDays(0, 91)).isCloseTo(1.0, within(1e-9));
        // below it, the empirical rate: 50 peaks >= 51 in 10 days -> 0.2 days
        assertThat(n.recurrenceDays(0, 51)).isCloseTo(0.2, within(1e-9));
        // above it, the exponential tail: RI(x) = exp((x - 91) / σ)
        assertThat(n.recurrenceDays(0, 91 + sigma * Math.log(100))).isCloseTo(100, within(1e-6));
        assertThat(n.threshold(0, 100)).isCloseTo(91 + sigma * Math.log(100), within(1e-9));
    }

    @Test
    void forgetsDaysOutsideThePeriodAndNeverUsesToday() {
        var n = new RollingNull(1, 5);
        for (int d = 0; d < 20; d++) for (int i = 0; i < 20; i++) n.record(0, 2 + i * 0.1, d);
        n.record(0, 1000, 20); // today's own peak
        n.refit(20, 5);
        assertThat(n.episodes(0)).isEqualTo(5 * 20);
        assertThat(n.threshold(0, 1)).isLessThan(10);
    }

    /** A null whose peaks are exponential above a floor: the promised rate is the measured one. */
    @Test
    void measuredFalseAlarmRateMatchesTheBudgetOnAKnownNull() {
        var random = new SplittableRandom(7);
        int perDay = 40;
        double scale = 1.3;
        var n = new RollingNull(1, 365);
        for (int d = 0; d < 365; d++) {
            for (int i = 0; i < perDay; i++) n.record(0, 2 + expo(random, scale), d);
        }
        n.refit(365, 365);
        for (double budget : new double[] {10, 30, 100}) {
            double threshold = n.threshold(0, budget);
            // true rate of peaks above the threshold: perDay × exp(-(t - 2) / scale)
            double promised = 1 / budget;
            double actual = perDay * Math.exp(-(threshold - 2) / scale);
            assertThat(actual).as("budget %s", budget).isBetween(promised / 2, promised * 2);
        }
    }

    @Test
    void strataShareTheBudget() {
        var one = new RollingNull(1, 90);
        var three = new RollingNull(3, 90);
        for (int d = 0; d < 30; d++) {
            for (int i = 0; i < 30; i++) {
                one.record(0, 2 + i * 0.2, d);
                for (int s = 0; s < 3; s++) three.record(s, 2 + i * 0.2, d);
            }
        }
        one.refit(30, 30);
        three.refit(30, 30);
        // each of three strata gets a third of the budget: RI per stratum is a third
        assertThat(three.recurrenceDays(1, 7))
                .isCloseTo(one.recurrenceDays(0, 7) / 3, within(1e-9));
    }

    private static double expo(SplittableRandom r, double scale) {
        return -scale * Math.log(1 - r.nextDouble());
    }
}
