package io.beatwatch.core.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusterBootstrapTest {

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        double[] v = {5, 1, 4, 2, 3, Double.NaN};
        assertThat(ClusterBootstrap.quantile(v, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(ClusterBootstrap.quantile(v, 0.5)).isCloseTo(3, within(1e-12));
        assertThat(ClusterBootstrap.quantile(v, 0.975)).isCloseTo(4.9, within(1e-12));
        assertThat(ClusterBootstrap.quantile(new double[] {Double.NaN}, 0.5)).isNaN();
    }

    @Test
    void redrawsEachStratumToItsOwnSize() {
        int[][] strata = {{0, 1, 2}, {5, 6}};
        var rng = new SplittableRandom(7);
        for (int r = 0; r < 100; r++) {
            int[] w = ClusterBootstrap.weights(8, strata, rng);
            assertThat(w[0] + w[1] + w[2]).isEqualTo(3);
            assertThat(w[5] + w[6]).isEqualTo(2);
            assertThat(w[3] + w[4] + w[7]).isZero();
        }
        assertThat(ClusterBootstrap.identity(8, strata)).containsExactly(1, 1, 1, 0, 0, 1, 1, 0);
    }

    @Test
    void sameSeedSameReplicates() {
        int[][] strata = {{0, 1, 2, 3}};
        assertThat(ClusterBootstrap.weights(4, strata, new SplittableRandom(3)))
                .containsExactly(ClusterBootstrap.weights(4, strata, new SplittableRandom(3)));
    }
}
