package io.beatwatch.core.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WdqTest {

    /**
     * {A before, A after, B before, B after, C before, C after, success, buffer, WDQ}: SM = Aa/Ca -
     * Ab/Cb, BM = Ba/Ca - Bb/Cb, WDQ = BM / SM, by hand.
     */
    static final double[][] CASES = {
        // A fell 30%, buffer fell 10%, control flat: diffusion of benefits
        {100, 70, 80, 72, 200, 200, -0.15, -0.04, 0.04 / 0.15},
        // buffer rose by 12 calls: displacement, smaller than the gain
        {100, 70, 80, 92, 200, 200, -0.15, 0.06, -0.4},
        // buffer unchanged relative to control: no displacement
        {100, 50, 40, 40, 100, 100, -0.5, 0, 0},
        // control doubled: A flat is a relative gain, buffer doubled with it
        {100, 100, 50, 100, 100, 200, -0.5, 0, 0},
        // buffer rose more than A fell: displacement larger than the gain
        {100, 90, 100, 130, 100, 100, -0.1, 0.3, -3},
    };

    @Test
    void quotientMatchesHandComputedTable() {
        for (double[] c : CASES) {
            Wdq w = Wdq.of(c[0], c[1], c[2], c[3], c[4], c[5]);
            assertThat(w.successMeasure()).isCloseTo(c[6], within(1e-12));
            assertThat(w.bufferMeasure()).isCloseTo(c[7], within(1e-12));
            assertThat(w.quotient()).isCloseTo(c[8], within(1e-12));
        }
    }

    @Test
    void readsOnlyWhenTreatedAreaImproved() {
        assertThat(Wdq.reading(0.1, 2)).startsWith("not interpretable");
        assertThat(Wdq.reading(-0.1, 0.27))
                .isEqualTo("diffusion of benefits into the surrounding ring");
        assertThat(Wdq.reading(-0.1, 0)).isEqualTo("no measurable displacement or diffusion");
        assertThat(Wdq.reading(-0.1, -0.4)).startsWith("some displacement");
        assertThat(Wdq.reading(-0.1, -3)).startsWith("displacement larger");
        assertThat(Wdq.reading(-0.1, 1.5)).startsWith("diffusion of benefits larger");
    }
}
