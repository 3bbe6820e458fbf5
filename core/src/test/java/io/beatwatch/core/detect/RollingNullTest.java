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
    void aCensoredPeakCountsAsAtLeastItsThresholdAndOnlyObservedOnesSetTheScale() {
        // the hundred peaks above, but 99 and 100 opened alerts at a threshold of 98: kept as
        // "at least 98"
        var n = new RollingNull(1, 90);
        for (int i = 1; i <= 100; i++) n.record(0, i, (i - 1) % 10, 98);
        n.refit(10, 10);
        // upper = 10th strongest = 91; the 9 above it: 92..98 observed (excesses 1..7) and two
        // censored at 98 (excess 7 each): σ = (1 + ... + 7 + 2 × 7) / 7 observed = 42 / 7 = 6
        // (the maximum-likelihood scale of an exponential with right-censored values)
        assertThat(n.scale(0)).isCloseTo(6, within(1e-9));
        // the empirical part still counts them: 10 peaks >= 91 in 10 days, 3 >= 98
        assertThat(n.recurrenceDays(0, 91)).isCloseTo(1.0, within(1e-9));
        assertThat(n.threshold(0, 100)).isCloseTo(91 + 6 * Math.log(100), within(1e-9));
    }

    @Test
    void aDayOfEmergencesDoesNotSilenceTheNextDay() {
        // a clean null of 30 days (peaks 2..5), then a day with 40 emergences of strength 30
        // that crossed a threshold of 9
        var n = new RollingNull(1, 90);
        for (int d = 0; d < 30; d++) for (int i = 0; i < 10; i++) n.record(0, 2 + i * 0.3, d);
        n.refit(30, 30);
        double before = n.threshold(0, 100);
        for (int i = 0; i < 40; i++) n.record(0, 30, 30, 9);
        n.refit(31, 31);
        var uncensored = new RollingNull(1, 90);
        for (int d = 0; d < 30; d++) {
            for (int i = 0; i < 10; i++) uncensored.record(0, 2 + i * 0.3, d);
        }
        for (int i = 0; i < 40; i++) uncensored.record(0, 30, 30);
        uncensored.refit(31, 31);
        assertThat(before).isLessThan(9);
        assertThat(n.threshold(0, 100)).isLessThan(11);
        assertThat(uncensored.threshold(0, 100)).isGreaterThan(30);
    }

    @Test
    void censoredPeaksSurviveASnapshot() throws Exception {
        var n = new RollingNull(1, 90);
        for (int i = 1; i <= 100; i++) n.record(0, i, (i - 1) % 10, 95);
        n.refit(10, 10);
        var bytes = new java.io.ByteArrayOutputStream();
        n.writeTo(new java.io.DataOutputStream(bytes));
        var copy = new RollingNull(1, 90);
        copy.readFrom(
                new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())),
                10);
        assertThat(copy.scale(0)).isEqualTo(n.scale(0));
        assertThat(copy.threshold(0, 100)).isEqualTo(n.threshold(0, 100));
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
