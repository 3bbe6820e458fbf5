package io.beatwatch.core.impact;

/**
 * The weighted displacement quotient of Bowers and Johnson (2003), for a treatment area A, its
 * surrounding buffer B and a control area C, counted before (b) and after (a) the intervention:
 *
 * <pre>
 *   WDQ = (B_a / C_a - B_b / C_b) / (A_a / C_a - A_b / C_b)
 * </pre>
 *
 * The denominator is the success measure (negative when A improved relative to C), the numerator
 * the buffer's change relative to C. Read only when the success measure is negative: WDQ above 0
 * means a diffusion of benefits into the buffer (above 1: larger than the direct effect), about 0
 * no displacement, between -1 and 0 some displacement but less than the gain, below -1 more
 * displacement than gain.
 *
 * @param successMeasure A_a/C_a - A_b/C_b
 * @param bufferMeasure B_a/C_a - B_b/C_b
 * @param quotient their ratio (NaN when the success measure is 0)
 */
public record Wdq(double successMeasure, double bufferMeasure, double quotient) {

    public static Wdq of(
            double aBefore,
            double aAfter,
            double bBefore,
            double bAfter,
            double cBefore,
            double cAfter) {
        double sm = aAfter / cAfter - aBefore / cBefore;
        double bm = bAfter / cAfter - bBefore / cBefore;
        return new Wdq(sm, bm, sm == 0 ? Double.NaN : bm / sm);
    }

    /** A plain-language reading of a quotient and its success measure. */
    public static String reading(double successMeasure, double quotient) {
        if (Double.isNaN(quotient) || !(successMeasure < 0)) {
            return "not interpretable: the treated cells did not improve relative to the comparison"
                    + " cells, so there is no gain that could have been displaced";
        }
        if (quotient > 1) return "diffusion of benefits larger than the direct effect";
        if (quotient > 0.1) return "diffusion of benefits into the surrounding ring";
        if (quotient >= -0.1) return "no measurable displacement or diffusion";
        if (quotient >= -1) return "some displacement, smaller than the direct gain";
        return "displacement larger than the direct gain (the intervention backfired)";
    }
}
