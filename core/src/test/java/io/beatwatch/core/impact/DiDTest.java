package io.beatwatch.core.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DiDTest {

    /** {treatedBefore, treatedAfter, comparisonBefore, comparisonAfter, effect}, by hand. */
    static final double[][] CASES = {
        {100, 80, 200, 200, -0.20}, // comparison flat: the treated change itself
        {100, 80, 200, 220, 0.8 / 1.1 - 1}, // -27.3%: the comparison rose by 10%
        {50, 60, 100, 120, 0}, // both rose by 20%: no effect
        {40, 60, 100, 100, 0.5}, // treated rose by half
        {10, 5, 30, 15, 0}, // both halved
    };

    @Test
    void relativeEffectMatchesHandComputedTable() {
        for (double[] c : CASES) {
            assertThat(DiD.relativeEffect(c[0], c[1], c[2], c[3]))
                    .as("case %s", java.util.Arrays.toString(c))
                    .isCloseTo(c[4], within(1e-12));
        }
    }

    @Test
    void undefinedWithoutBeforeCalls() {
        assertThat(DiD.relativeEffect(0, 5, 10, 10)).isNaN();
        assertThat(DiD.relativeEffect(5, 5, 0, 10)).isNaN();
        assertThat(DiD.relativeEffect(5, 5, 10, 0)).isNaN();
    }

    @Test
    void perExposureScalesTheLogRatioByTheContrast() {
        // comparison patrolled on half its after days: 1 + effect = (2/3)^(1/0.5) = 4/9
        assertThat(DiD.perExposure(-1.0 / 3, 0.5)).isCloseTo(-5.0 / 9, within(1e-12));
        assertThat(DiD.perExposure(-0.2, 1)).isEqualTo(-0.2);
        assertThat(DiD.perExposure(0, 0.3)).isCloseTo(0, within(1e-12));
        assertThat(DiD.perExposure(-0.2, 0)).isNaN();
        assertThat(DiD.perExposure(Double.NaN, 0.5)).isNaN();
    }
}
