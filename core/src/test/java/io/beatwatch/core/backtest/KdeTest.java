package io.beatwatch.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KdeTest {

    /** A square lattice of places every {@code step} metres, {@code half} steps each side. */
    private static double[][] lattice(double step, int half) {
        int n = 2 * half + 1;
        double[] x = new double[n * n];
        double[] y = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                x[i * n + j] = (i - half) * step;
                y[i * n + j] = (j - half) * step;
            }
        }
        return new double[][] {x, y};
    }

    @Test
    void densityOfOnePointIntegratesToItsWeight() {
        double[][] g = lattice(25, 60);
        Kde kde = new Kde(g[0], g[1], 250);
        double[] d = new double[g[0].length];
        kde.add(10, -30, 3.0, d);
        double integral = 0;
        for (double v : d) integral += v * 25 * 25;
        // the kernel is cut at 4 bandwidths: 1 - exp(-8) of the mass stays
        assertThat(integral).isCloseTo(3.0 * (1 - Math.exp(-8)), within(0.01));
    }

    @Test
    void peakIsAtThePointAndFallsWithDistanceSymmetrically() {
        double[] x = {0, 100, -100, 0, 0, 250, 1000, 1001};
        double[] y = {0, 0, 0, 100, -100, 0, 0, 0};
        Kde kde = new Kde(x, y, 250);
        double[] d = new double[x.length];
        kde.add(0, 0, 1.0, d);
        assertThat(d[0]).isCloseTo(1 / (2 * Math.PI * 250 * 250), within(1e-15));
        assertThat(d[1]).isEqualTo(d[2]).isEqualTo(d[3]).isEqualTo(d[4]).isLessThan(d[0]);
        assertThat(d[5]).isCloseTo(d[0] * Math.exp(-0.5), within(1e-15));
        // 4 bandwidths away: the edge of the support; beyond it nothing
        assertThat(d[6]).isGreaterThan(0);
        assertThat(d[7]).isZero();
    }

    @Test
    void twoPointsAddUp() {
        double[][] g = lattice(100, 10);
        Kde kde = new Kde(g[0], g[1], 300);
        double[] a = new double[g[0].length];
        double[] b = new double[g[0].length];
        double[] both = new double[g[0].length];
        kde.add(-200, 50, 1, a);
        kde.add(400, -300, 2, b);
        kde.add(-200, 50, 1, both);
        kde.add(400, -300, 2, both);
        for (int i = 0; i < both.length; i++) {
            assertThat(both[i]).isCloseTo(a[i] + b[i], within(1e-18));
        }
    }

    @Test
    void silvermanOfAKnownSample() {
        // four corners of a 2 m square: sample variance 4/3 on each axis, n = 4
        double[] x = {0, 2, 0, 2};
        double[] y = {0, 0, 2, 2};
        assertThat(Kde.silverman(x, y))
                .isCloseTo(Math.sqrt(4.0 / 3) * Math.pow(4, -1.0 / 6), within(1e-12));
    }

    @Test
    void projectionIsMetresAroundTheReference() {
        Kde.Projection p = new Kde.Projection(29.42, -98.49);
        assertThat(p.y(29.42 + 0.01, -98.49)).isCloseTo(1105.74, within(0.01));
        assertThat(p.x(29.42, -98.49 + 0.01))
                .isCloseTo(1113.2 * Math.cos(Math.toRadians(29.42)), within(0.01));
    }
}
