package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tails of {@link PoissonScan} against references computed to 50 digits (mpmath: {@code
 * log(betainc(o, r, 0, e/(r+e), regularized=True))}, {@code log(gammainc(o/φ, 0, e/φ,
 * regularized=True))}, and the Poisson tail by summing the pmf), on both sides of each branch, and
 * the edges of their arguments.
 */
class PoissonTailsTest {

    @ParameterizedTest(name = "ln P(NB(mean {1}, shape {2}) >= {0}) = {3}")
    @CsvSource({
        // observed, mean, shape, reference; p = e/(r+e) below (o+1)/(o+r+2): the direct fraction
        "5, 0.5, 3, -6.9380100976209185",
        "7, 3.2, 4.5, -2.3917891458004173",
        "40, 12, 9.5, -9.3726410249692763",
        "30, 2, 5, -28.13203169634084",
        "3, 0.05, 0.5, -8.321395713740297",
        // above it: the complement of the mirrored fraction
        "2, 10, 2, -0.076961041136128325",
        "1, 4, 1.5, -0.15364917416601935",
        "3, 20, 4, -0.0087400724277587527",
        "6, 9, 3.5, -0.36130912395158385",
        "10, 30, 25, -0.00084973955275150756",
    })
    void negativeBinomialTailMatchesTheReference(long o, double e, double r, double reference) {
        assertThat(PoissonScan.logUpperTailNegBin(o, e, r))
                .isCloseTo(reference, within(Math.abs(reference) * 1e-9 + 1e-14));
    }

    @ParameterizedTest(name = "ln P({0}/{2}, {1}/{2}) = {3}")
    @CsvSource({
        // observed, expected, dispersion, reference: series (x < a + 1) then continued fraction
        "7, 2, 1.5, -3.9636980465945375",
        "25, 3, 2.5, -14.366885973179183",
        "9, 8.5, 3, -0.61905306606900134",
        "3, 9, 2, -0.029728429758413093",
        "4, 12, 1.2, -0.0044651491275672348",
        "2, 7, 1.7, -0.023710422596486203",
    })
    void quasiPoissonTailMatchesTheReference(long o, double e, double phi, double reference) {
        assertThat(PoissonScan.logUpperTail(o, e, phi))
                .isCloseTo(reference, within(Math.abs(reference) * 1e-9 + 1e-14));
    }

    @ParameterizedTest(name = "ln P(Poisson({1}) >= {0}) = {2}")
    @CsvSource({
        "3, 8, -0.0138494298912386",
        "2, 2, -0.52088580766434436",
        "12, 30.5, -4.6088690132293206e-5",
        "1, 0.5, -0.93275212956718857",
    })
    void poissonTailMatchesTheReference(long o, double e, double reference) {
        assertThat(PoissonScan.logUpperTail(o, e))
                .isCloseTo(reference, within(Math.abs(reference) * 1e-9 + 1e-15));
    }

    @Test
    void tailsOfNothingObservedOrNoBaselineAreCertainAndOfZeroExpectedImpossible() {
        assertThat(PoissonScan.logUpperTail(0, 2.0)).isZero();
        assertThat(PoissonScan.logUpperTail(3, Double.NaN)).isZero();
        assertThat(PoissonScan.logUpperTail(3, 0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PoissonScan.logUpperTail(3, -1.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PoissonScan.logUpperTail(0, 2.0, 1.5)).isZero();
        assertThat(PoissonScan.logUpperTail(3, Double.NaN, 1.5)).isZero();
        assertThat(PoissonScan.logUpperTail(3, 0.0, 1.5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PoissonScan.logUpperTailNegBin(0, 2.0, 3)).isZero();
        assertThat(PoissonScan.logUpperTailNegBin(3, Double.NaN, 3)).isZero();
        assertThat(PoissonScan.logUpperTailNegBin(3, 0.0, 3)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PoissonScan.logUpperTailNegBin(3, 1.0, 0))
                .withMessageContaining("shape");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PoissonScan.logUpperTail(3, 1.0, 0.5))
                .withMessageContaining("dispersion");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PoissonScan.logUpperTail(3, 1.0, Double.POSITIVE_INFINITY));
        assertThatIllegalArgumentException().isThrownBy(() -> PoissonScan.llr(3, 1.0, Double.NaN));
    }

    @Test
    void llrIsZeroUpToTheExpectationAndInfiniteWithNone() {
        assertThat(PoissonScan.llr(3, 3.0)).isZero();
        // 3 ln(3 / 2.5) - 0.5
        assertThat(PoissonScan.llr(3, 2.5)).isCloseTo(0.0469646703818639, within(1e-9));
        assertThat(PoissonScan.llr(1, 0.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PoissonScan.llr(0, 0.0)).isZero();
        assertThat(PoissonScan.llr(5, Double.NaN)).isZero();
        assertThat(PoissonScan.llr(3, 2.5, 2.0)).isCloseTo(0.0469646703818639 / 2, within(1e-9));
    }

    @Test
    void logPmfAtItsEdges() {
        assertThat(PoissonScan.logPmf(-1, 2.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PoissonScan.logPmf(0, 2.0)).isCloseTo(-2.0, within(1e-15));
        assertThat(PoissonScan.logPmf(0, 0.0)).isZero();
        assertThat(PoissonScan.logPmf(2, 0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PoissonScan.logPmf(0, -1.0)).isZero();
        // ln(e^-3 3^2 / 2) = -3 + 2 ln 3 - ln 2
        assertThat(PoissonScan.logPmf(2, 3.0)).isCloseTo(-1.4959226032237259, within(1e-14));
    }

    @Test
    void lnFactorialAndLnGammaAtTheirEdges() {
        assertThat(PoissonScan.lnFactorial(0)).isZero();
        assertThat(PoissonScan.lnFactorial(1)).isZero();
        assertThat(PoissonScan.lnFactorial(1024)).isCloseTo(6078.211884750050114, within(1e-9));
        assertThatIllegalArgumentException().isThrownBy(() -> PoissonScan.lnFactorial(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> PoissonScan.lnGamma(0));
        assertThat(PoissonScan.lnGamma(1)).isZero();
        // ln Γ(0.25) = 1.2880225246980774
        assertThat(PoissonScan.lnGamma(0.25)).isCloseTo(1.2880225246980774, within(1e-13));
    }

    @Test
    void recurrenceIntervalsAreCappedAndNeedPositiveTests() {
        double cap = PoissonScan.MAX_RECURRENCE_DAYS;
        assertThat(PoissonScan.recurrenceIntervalDays(500, 0.01, 1)).isEqualTo(cap);
        assertThat(PoissonScan.recurrenceIntervalDays(500, 0.01, 1, 1.5)).isEqualTo(cap);
        // 1 / (P(X >= 2 | 2) × 1) with ln P = -0.52088580766434436
        assertThat(PoissonScan.recurrenceIntervalDays(2, 2.0, 1, 1.0))
                .isCloseTo(Math.exp(0.52088580766434436), within(1e-12));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PoissonScan.recurrenceIntervalDays(3, 1.0, 0));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PoissonScan.recurrenceIntervalDays(3, 1.0, 0, 1.5));
    }

    @Test
    void theFewestEventsForABudgetMustExceedTheExpectationAndMayBeTheCap() {
        // expected 2, one test a day: 2 events recur every 1.68 days but are no excess; 3 recur
        // every 1 / P(X >= 3 | 2) = 3.09 days
        assertThat(PoissonScan.minObservedForBudget(2.0, 1.0, 1.0, 10)).isEqualTo(3);
        double tests = 160_000; // P(X >= 6 | 0.1) = 1.28e-9 is the first to meet 6.25e-8
        long six = PoissonScan.minObservedForBudget(0.1, 100, tests, 100);
        assertThat(six).isEqualTo(6);
        assertThat(PoissonScan.minObservedForBudget(0.1, 100, tests, 6)).isEqualTo(6);
        assertThat(PoissonScan.minObservedForBudget(0.1, 100, tests, 5)).isEqualTo(6);
    }
}
