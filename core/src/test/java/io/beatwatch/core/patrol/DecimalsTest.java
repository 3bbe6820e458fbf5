package io.beatwatch.core.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void roundsHalfUpOnTheShortestDecimalAsTheFormatterDoes() {
        assertThat(Decimals.fixed(0.25, 1)).isEqualTo("0.3");
        assertThat(Decimals.fixed(0.35, 1)).isEqualTo("0.4"); // binary 0.34999..., decimal 0.35
        assertThat(Decimals.fixed(2.5, 0)).isEqualTo("3");
        assertThat(Decimals.fixed(9.96, 1)).isEqualTo("10.0");
        assertThat(Decimals.fixed(1e-7, 1)).isEqualTo("0.0");
        assertThat(Decimals.fixed(-0.04, 1)).isEqualTo("-0.0");
        assertThat(Decimals.fixed(123456.5, 0)).isEqualTo("123457");
    }

    @Test
    void agreesWithStringFormatOnRiskLikeValues() {
        Random rng = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            double x =
                    switch (i % 4) {
                        case 0 -> rng.nextDouble() * 10;
                        case 1 -> rng.nextDouble() * 1000;
                        case 2 -> Math.round(rng.nextDouble() * 1000) / 100.0 + 0.05;
                        default -> Math.pow(0.5, rng.nextDouble() * 20) * 40;
                    };
            for (int decimals = 0; decimals <= 1; decimals++) {
                assertThat(Decimals.fixed(x, decimals))
                        .as("%s at %d", x, decimals)
                        .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", x));
            }
        }
    }
}
