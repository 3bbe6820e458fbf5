package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoissonScanTest {

    @ParameterizedTest(name = "llr({0}, {1}) = {2}")
    @CsvSource({
        // o, e, o·ln(o/e) − (o − e), hand-computed
        "10, 2, 8.094379124341003", // 10·ln 5 − 8
        "4, 1, 2.545177444479562", // 4·ln 4 − 3
        "1, 0.5, 0.19314718055994530", // ln 2 − 0.5
        "6, 0.1, 18.66606736", // 6·ln 60 − 5.9
        "2, 2, 0", // no excess
        "1, 3, 0", // deficit: one-sided
        "0, 0.5, 0"
    })
    void llrMatchesHandComputedValues(long observed, double expected, double llr) {
        assertThat(PoissonScan.llr(observed, expected)).isCloseTo(llr, offset(1e-6));
    }

    @Test
    void llrWithoutBaselineIsZeroAndWithZeroExpectationInfinite() {
        assertThat(PoissonScan.llr(5, Double.NaN)).isZero();
        assertThat(PoissonScan.llr(5, 0.0)).isInfinite();
    }

    @ParameterizedTest(name = "ln P(X >= {0} | {1}) = {2}")
    @CsvSource({
        // reference values: mpmath regularized incomplete gamma at 40 digits
        "10, 2, -9.9760996437060603978",
        "50, 5, -72.902912338991311853",
        "1200, 1000, -21.481654963403037295",
        "900, 1000, -0.00062279167875856679047",
        "20, 0.01, -134.44854388694055216",
        "5, 0.1, -16.38365078162436396",
        "100000, 99000, -7.1855927407897026084",
        "3, 0.0015, -21.299754939658957295",
        "1, 1, -0.45867514538708189102",
        "2, 3, -0.22207945950008767602"
    })
    void logUpperTailMatchesReference(long observed, double expected, double logTail) {
        double got = PoissonScan.logUpperTail(observed, expected);
        assertThat(got).isCloseTo(logTail, offset(Math.max(1e-9, Math.abs(logTail) * 1e-9)));
    }

    @Test
    void upperTailMatchesDirectSumOfTerms() {
        // P(X >= 3 | 0.5) = 1 − e^−0.5 (1 + 0.5 + 0.125), by hand
        double byHand = 1 - Math.exp(-0.5) * (1 + 0.5 + 0.125);
        assertThat(PoissonScan.pValue(3, 0.5)).isCloseTo(byHand, within(1e-15));
        // P(X >= 10 | 2) = 4.6498075e-5 (tables)
        assertThat(PoissonScan.pValue(10, 2)).isCloseTo(4.6498075017e-5, within(1e-14));
        assertThat(PoissonScan.pValue(0, 2)).isEqualTo(1.0);
    }

    @Test
    void upperTailDoesNotUnderflowForHugeExcess() {
        double log = PoissonScan.logUpperTail(500, 0.01);
        assertThat(log).isFinite().isLessThan(-2500);
        assertThat(PoissonScan.pValue(500, 0.01)).isZero();
        assertThat(PoissonScan.recurrenceIntervalDays(500, 0.01, 1e6))
                .isEqualTo(PoissonScan.MAX_RECURRENCE_DAYS);
    }

    @Test
    void lnFactorialIsContinuousAcrossTableAndStirling() {
        double exact = 0;
        for (int k = 1; k <= 1500; k++) exact += Math.log(k);
        assertThat(PoissonScan.lnFactorial(1500)).isCloseTo(exact, offset(1e-9));
        assertThat(PoissonScan.lnFactorial(1024) - PoissonScan.lnFactorial(1023))
                .isCloseTo(Math.log(1024), offset(1e-10));
    }

    @Test
    void recurrenceIntervalIsOneOverPTimesTestsPerDay() {
        // p = 4.6498075017e-5, 1,000 tests a day: 1 / 0.046498075017 = 21.50626665 days
        assertThat(PoissonScan.recurrenceIntervalDays(10, 2, 1000))
                .isCloseTo(21.50626665, offset(1e-7));
        // a p-value of 1 (no events) recurs many times a day
        assertThat(PoissonScan.recurrenceIntervalDays(0, 2, 1000)).isCloseTo(0.001, offset(1e-12));
    }

    @Test
    void testsPerDayCountsZonesRingsAndNonOverlappingWindows() {
        // 1,000 cells × 2 rings × (48 + 24 + 8) windows a day
        assertThat(PoissonScan.testsPerDay(1000, 2, List.of(30, 60, 180))).isEqualTo(160_000);
        assertThat(DetectionConfig.defaults().testsPerDay(1000)).isEqualTo(160_000);
        assertThat(PoissonScan.testsPerDay(0, 0, List.of(60))).isEqualTo(24);
    }

    @Test
    void budgetMapsToPValueThresholdAndMinimumCount() {
        double tests = 160_000;
        assertThat(PoissonScan.pValueThreshold(100, tests)).isCloseTo(6.25e-8, offset(1e-20));
        // P(X >= 5 | 0.1) = 7.67e-8 misses the 6.25e-8 threshold; P(X >= 6 | 0.1) = 1.28e-9 meets
        // it
        assertThat(PoissonScan.minObservedForBudget(0.1, 100, tests, 100)).isEqualTo(6);
        assertThat(PoissonScan.recurrenceIntervalDays(5, 0.1, tests)).isLessThan(100);
        assertThat(PoissonScan.recurrenceIntervalDays(6, 0.1, tests)).isGreaterThanOrEqualTo(100);
        assertThat(PoissonScan.minObservedForBudget(1000, 100, tests, 10)).isEqualTo(11);
    }

    @ParameterizedTest(name = "ln P({0}, {1}) = {2}")
    @CsvSource({
        // mpmath: log(gammainc(a, 0, x, regularized=True)) at 40 digits
        "2.5, 0.05, -8.7259617354922103251",
        "3.3333333333333335, 0.3333333333333333, -6.1423281067165870166",
        "5.0, 1.0, -5.6103339828971544038",
        "0.5, 1.0, -0.17114331524104095665",
        "300.3, 250.1, -6.7949967320376753415",
        "50.5, 60.0, -0.10041789507860653195"
    })
    void regularizedGammaMatchesReferenceForRealShapes(double a, double x, double logP) {
        assertThat(PoissonScan.logRegularizedGammaP(a, x))
                .isCloseTo(logP, offset(Math.abs(logP) * 1e-10));
    }

    @ParameterizedTest(name = "lnGamma({0}) = {1}")
    @CsvSource({
        "0.3, 1.0957979948180755606",
        "2.5, 0.28468287047291915963",
        "10.7, 14.403210596298516115",
        "171.5, 709.14316303092824227",
        "1500.25, 9468.921207123967627",
        "11, 15.104412573075515295" // ln 10!
    })
    void lnGammaMatchesReference(double a, double lnGamma) {
        assertThat(PoissonScan.lnGamma(a)).isCloseTo(lnGamma, offset(Math.abs(lnGamma) * 1e-13));
    }

    @Test
    void dispersionOneIsThePlainPoissonModelAndMoreDispersionIsLessSurprising() {
        assertThat(PoissonScan.llr(10, 2, 1.0)).isEqualTo(PoissonScan.llr(10, 2));
        assertThat(PoissonScan.logUpperTail(10, 2, 1.0)).isEqualTo(PoissonScan.logUpperTail(10, 2));
        // φ = 2: the tail of 5 against 1, i.e. ln P(5, 1) = ln P(X >= 5 | 1)
        assertThat(PoissonScan.logUpperTail(10, 2, 2.0))
                .isCloseTo(PoissonScan.logUpperTail(5, 1.0), offset(1e-12));
        assertThat(PoissonScan.llr(10, 2, 2.0)).isCloseTo(8.094379124341003 / 2, offset(1e-12));
        double ri1 = PoissonScan.recurrenceIntervalDays(6, 0.2, 1e5, 1.0);
        double ri15 = PoissonScan.recurrenceIntervalDays(6, 0.2, 1e5, 1.5);
        double ri2 = PoissonScan.recurrenceIntervalDays(6, 0.2, 1e5, 2.0);
        assertThat(ri1).isGreaterThan(ri15);
        assertThat(ri15).isGreaterThan(ri2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PoissonScan.llr(3, 1, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        // o, e: with shape 1 the negative binomial is geometric, P(X >= o) = (e / (1 + e))^o
        "1, 0.5",
        "3, 0.5",
        "6, 0.02",
        "10, 2.0"
    })
    void negativeBinomialWithShapeOneIsGeometric(long o, double e) {
        double expected = o * Math.log(e / (1 + e));
        assertThat(PoissonScan.logUpperTailNegBin(o, e, 1.0)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void negativeBinomialTendsToPoissonAsTheShapeGrows() {
        double nb = PoissonScan.logUpperTailNegBin(6, 0.3, 1e6);
        assertThat(nb).isCloseTo(PoissonScan.logUpperTail(6, 0.3), within(1e-4));
        // a thin history (small shape) makes a burst less surprising than Poisson says
        assertThat(PoissonScan.logUpperTailNegBin(6, 0.3, 2.0))
                .isGreaterThan(PoissonScan.logUpperTail(6, 0.3));
    }
}
