package io.beatwatch.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaptureTest {

    /** Ten cells; 20 events: the busiest cells are 0 (8), 3 (5), 7 (4). */
    private static final int[] OBSERVED = {8, 1, 0, 5, 0, 1, 0, 4, 1, 0};

    @Test
    void hitRatePaiAndPeiOfAHandMadeCase() {
        // flag cells 3 and 1 (2 of 10 cells): n = 5 + 1 = 6 of N = 20; n* = 8 + 5 = 13
        int[] ranking = {3, 1, 0, 2, 4, 5, 6, 7, 8, 9};
        Capture c = Capture.of(OBSERVED, ranking, 2);

        assertThat(c.captured()).isEqualTo(6);
        assertThat(c.total()).isEqualTo(20);
        assertThat(c.best()).isEqualTo(13);
        assertThat(c.hitRate()).isEqualTo(0.3);
        assertThat(c.pai()).isCloseTo(0.3 / 0.2, within(1e-12));
        assertThat(c.pei()).isCloseTo(6 / 13.0, within(1e-12));
        assertThat(c.maxPai()).isCloseTo((13 / 20.0) / 0.2, within(1e-12));
    }

    @Test
    void perfectChoiceHasPeiOneAndTheMaxPai() {
        int[] ranking = Capture.rank(Arrays.stream(OBSERVED).asDoubleStream().toArray());
        for (int k = 1; k <= OBSERVED.length; k++) {
            Capture c = Capture.of(OBSERVED, ranking, k);
            assertThat(c.pei()).isEqualTo(1.0);
            assertThat(c.pai()).isCloseTo(c.maxPai(), within(1e-12));
        }
        // flagging everything captures everything: PAI 1
        assertThat(Capture.of(OBSERVED, ranking, 10).pai()).isCloseTo(1.0, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({"1, 8", "2, 13", "3, 17", "4, 18", "6, 20", "10, 20"})
    void bestIsTheSumOfTheKLargestCounts(int k, long expected) {
        assertThat(Capture.best(OBSERVED, k)).isEqualTo(expected);
        assertThat(WalkForward.bestPrefix(OBSERVED, k)[k]).isEqualTo(expected);
    }

    @Test
    void emptyPeriodIsUndefinedNotZero() {
        Capture c = Capture.of(new int[4], new int[] {0, 1, 2, 3}, 1);
        assertThat(c.hitRate()).isNaN();
        assertThat(c.pai()).isNaN();
        assertThat(c.pei()).isNaN();
    }

    @Test
    void rankBreaksTiesByLowerIndexAndPutsNanLast() {
        double[] scores = {1, 3, Double.NaN, 3, 2, 1};
        assertThat(Capture.rank(scores)).containsExactly(1, 3, 4, 0, 5, 2);
    }

    @Test
    void topIsThePrefixOfRankOnRandomScoresWithTies() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            double[] s = new double[200];
            for (int i = 0; i < s.length; i++) s[i] = rng.nextInt(20);
            int k = 1 + rng.nextInt(60);
            assertThat(Capture.top(s, k)).containsExactly(Arrays.copyOf(Capture.rank(s), k));
        }
    }

    @ParameterizedTest
    @CsvSource({"0.01, 11191, 112", "0.005, 11191, 56", "0.05, 2831, 142", "0.01, 50, 1"})
    void cellsForFractionRoundsAndKeepsOne(double fraction, int cells, int expected) {
        assertThat(Capture.cellsForFraction(fraction, cells)).isEqualTo(expected);
    }

    @Test
    void refusesImpossibleCounts() {
        assertThatThrownBy(() -> new Capture(2, 10, 5, 4, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Capture.cellsForFraction(0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
