package io.beatwatch.core.patrol;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code String.format(Locale.ROOT, "%.Nf", x)} without a Formatter: the planner writes a reason
 * for every suggestion, and parsing the format string was a tenth of its time. Same digits: the
 * Formatter rounds the shortest decimal of {@code x} (the digits of {@link Double#toString}) half
 * up, and so does this.
 */
final class Decimals {

    private Decimals() {}

    /** {@code x} with {@code decimals} digits after the point (finite {@code x}). */
    static String fixed(double x, int decimals) {
        if (!Double.isFinite(x))
            return String.format(java.util.Locale.ROOT, "%." + decimals + "f", x);
        String s =
                new BigDecimal(Double.toString(x))
                        .setScale(decimals, RoundingMode.HALF_UP)
                        .toPlainString();
        // the Formatter keeps the sign of a value that rounds to zero
        return x < 0 || (x == 0 && 1 / x < 0) ? (s.startsWith("-") ? s : "-" + s) : s;
    }
}
