package io.beatwatch.core.impact;

/**
 * The difference-in-differences of counts on the multiplicative scale: how the treated group's
 * calls changed from before to after, relative to how the comparison group's changed.
 *
 * <pre>
 *   effect = (T_after / T_before) / (C_after / C_before) - 1
 * </pre>
 *
 * with T and C the summed calls of the treated and comparison cells over the same analysed days.
 * -0.20 means 20% fewer calls than the comparison trend predicts. It is the exponentiated
 * treated-after coefficient of a Poisson regression with cell and period fixed effects, the
 * standard estimator for counts.
 */
public final class DiD {

    private DiD() {}

    /** The relative effect; NaN when a group has no calls in a period. */
    public static double relativeEffect(
            double treatedBefore,
            double treatedAfter,
            double comparisonBefore,
            double comparisonAfter) {
        if (treatedBefore <= 0 || comparisonBefore <= 0 || comparisonAfter <= 0) return Double.NaN;
        return (treatedAfter / treatedBefore) / (comparisonAfter / comparisonBefore) - 1;
    }

    /**
     * The effect per unit of exposure contrast (the Wald estimator on the log scale): when the
     * comparison cells were themselves patrolled on a share {@code s} of their after days and the
     * treated cells on all, {@code contrast = 1 - s} and {@code 1 + effect = (1 + itt)^(1 /
     * contrast)}. No contrast, no estimate (NaN); a contrast of 1 returns {@code itt}.
     */
    public static double perExposure(double itt, double contrast) {
        if (!(contrast > 0) || !(itt > -1)) return Double.NaN;
        if (contrast == 1) return itt;
        return Math.expm1(Math.log1p(itt) / contrast);
    }
}
