package io.beatwatch.core.detect;

import java.util.List;

/**
 * The one-sided Poisson scan statistic (Kulldorff): log-likelihood ratio score, exact Poisson upper
 * tail in log space, and the recurrence interval that turns a p-value into "one false alarm this
 * strong every N days, city-wide".
 *
 * <p>Mapping the supervisor's budget to a threshold: with {@code T} tests per day (see {@link
 * #testsPerDay}), a zone alerts when {@code RI = 1 / (p × T) >= N}, i.e. when {@code p <= 1 / (N ×
 * T)} ({@link #pValueThreshold}). If the {@code T} tests were independent and the Poisson model
 * held, the city would then see at most one false alarm per {@code N} days on average (a
 * Bonferroni-style union bound).
 */
public final class PoissonScan {

    /** Largest recurrence interval reported (about 2.7 million years): keeps JSON finite. */
    public static final double MAX_RECURRENCE_DAYS = 1e9;

    private static final int LN_FACTORIAL_TABLE = 1024;
    private static final double[] LN_FACTORIAL = new double[LN_FACTORIAL_TABLE];
    private static final double HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double EPS = 1e-16;
    private static final int MAX_ITERATIONS = 10_000_000;

    static {
        for (int k = 1; k < LN_FACTORIAL_TABLE; k++) {
            LN_FACTORIAL[k] = LN_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    private PoissonScan() {}

    /**
     * One-sided Poisson log-likelihood ratio: {@code o·ln(o/e) − (o − e)} when {@code o > e}, else
     * 0. NaN or non-positive {@code e} with {@code o > 0} gives +∞ only for {@code e == 0}; NaN
     * gives 0 (no baseline, no score).
     */
    public static double llr(long observed, double expected) {
        if (Double.isNaN(expected) || observed <= expected) {
            return 0.0;
        }
        if (expected <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return observed * Math.log(observed / expected) - (observed - expected);
    }

    /**
     * Quasi-Poisson LLR for overdispersed counts (variance = {@code dispersion} × mean): {@code
     * llr(o, e) / dispersion}. Dispersion 1 is the plain Poisson score.
     */
    public static double llr(long observed, double expected, double dispersion) {
        checkDispersion(dispersion);
        return llr(observed, expected) / dispersion;
    }

    /**
     * ln of the quasi-Poisson upper tail: the Poisson tail of the rescaled counts {@code o / φ}
     * against {@code e / φ}, continuous in {@code o / φ} (regularized incomplete gamma {@code
     * P(o/φ, e/φ)}). With φ = 1 it is {@link #logUpperTail(long, double)} exactly.
     */
    public static double logUpperTail(long observed, double expected, double dispersion) {
        checkDispersion(dispersion);
        if (dispersion == 1.0) return logUpperTail(observed, expected);
        if (observed <= 0 || Double.isNaN(expected)) return 0.0;
        if (expected <= 0) return Double.NEGATIVE_INFINITY;
        return logRegularizedGammaP(observed / dispersion, expected / dispersion);
    }

    /** {@link #recurrenceIntervalDays(long, double, double)} under quasi-Poisson dispersion φ. */
    public static double recurrenceIntervalDays(
            long observed, double expected, double testsPerDay, double dispersion) {
        if (!(testsPerDay > 0)) {
            throw new IllegalArgumentException("testsPerDay must be > 0, was " + testsPerDay);
        }
        double logRi = -logUpperTail(observed, expected, dispersion) - Math.log(testsPerDay);
        if (logRi > Math.log(MAX_RECURRENCE_DAYS)) return MAX_RECURRENCE_DAYS;
        return Math.exp(logRi);
    }

    private static void checkDispersion(double dispersion) {
        if (!(dispersion >= 1.0) || Double.isInfinite(dispersion)) {
            throw new IllegalArgumentException("dispersion must be >= 1, was " + dispersion);
        }
    }

    /** ln Γ(a) for real a > 0 (Lanczos, g = 7, relative error about 1e-15). */
    public static double lnGamma(double a) {
        if (!(a > 0)) throw new IllegalArgumentException("a must be > 0, was " + a);
        if (a == Math.rint(a) && a <= LN_FACTORIAL_TABLE) return LN_FACTORIAL[(int) a - 1];
        if (a < 0.5) {
            // reflection keeps the approximation in its accurate range
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - lnGamma(1 - a);
        }
        double x = a - 1;
        double sum = LANCZOS[0];
        double t = x + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (x + i);
        return HALF_LN_TWO_PI + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };

    /** ln P(a, x), the regularized lower incomplete gamma function, for a > 0 and x > 0. */
    static double logRegularizedGammaP(double a, double x) {
        if (x < a + 1) {
            double sum = 1.0;
            double term = 1.0;
            for (int n = 1; n < MAX_ITERATIONS; n++) {
                term *= x / (a + n);
                sum += term;
                if (term < sum * EPS) break;
            }
            return a * Math.log(x) - x - lnGamma(a + 1) + Math.log(sum);
        }
        double logQ = -x + a * Math.log(x) - lnGamma(a) + Math.log(lentzUpper(a, x));
        return Math.log1p(-Math.exp(logQ));
    }

    /** The continued fraction of the upper incomplete gamma function (Lentz's method). */
    private static double lentzUpper(double a, double x) {
        double b = x + 1 - a;
        double c = 1.0 / 1e-300;
        double d = 1.0 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < 1e-300) d = 1e-300;
            c = b + an / c;
            if (Math.abs(c) < 1e-300) c = 1e-300;
            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) break;
        }
        return h;
    }

    /** ln(k!) for k >= 0: a table below 1024, Stirling's series above (error < 1e-15). */
    public static double lnFactorial(long k) {
        if (k < 0) throw new IllegalArgumentException("k must be >= 0, was " + k);
        if (k < LN_FACTORIAL_TABLE) return LN_FACTORIAL[(int) k];
        double n = k;
        double inv = 1.0 / n;
        double inv2 = inv * inv;
        return n * Math.log(n)
                - n
                + HALF_LN_TWO_PI
                + 0.5 * Math.log(n)
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
    }

    /** ln P(X = k) for X ~ Poisson(mean). */
    public static double logPmf(long k, double mean) {
        if (k < 0) return Double.NEGATIVE_INFINITY;
        if (mean <= 0) return k == 0 ? 0.0 : Double.NEGATIVE_INFINITY;
        return k * Math.log(mean) - mean - lnFactorial(k);
    }

    /**
     * ln P(X >= observed) for X ~ Poisson(expected), exact (the regularized incomplete gamma
     * function), computed in log space so it neither underflows for tiny p nor loses precision for
     * large counts.
     */
    public static double logUpperTail(long observed, double expected) {
        if (observed <= 0) return 0.0;
        if (Double.isNaN(expected)) return 0.0;
        if (expected <= 0) return Double.NEGATIVE_INFINITY;
        double a = observed;
        double x = expected;
        if (x < a + 1) {
            // P(X >= a) = pmf(a) × Σ_n x^n / ((a+1)…(a+n)): the series of the lower gamma
            double sum = 1.0;
            double term = 1.0;
            for (int n = 1; n < MAX_ITERATIONS; n++) {
                term *= x / (a + n);
                sum += term;
                if (term < sum * EPS) break;
            }
            return logPmf(observed, expected) + Math.log(sum);
        }
        // upper gamma by Lentz's continued fraction gives P(X < a); the tail is its complement
        double h = lentzUpper(a, x);
        // Q(a, x) = e^-x x^a / Γ(a) × h, with Γ(a) = (a-1)!
        double logQ = -x + a * Math.log(x) - lnFactorial(observed - 1) + Math.log(h);
        return Math.log1p(-Math.exp(logQ));
    }

    /**
     * ln P(X >= observed) for X negative binomial with mean {@code expected} and shape {@code r} (a
     * Poisson count whose rate is Gamma-distributed with shape r: the predictive count of a cell
     * whose rate is known from r - prior events only). Tends to {@link #logUpperTail(long, double)}
     * as r grows. Exact: the regularized incomplete beta {@code I_p(o, r)} with {@code p = e / (r +
     * e)}, in log space.
     */
    public static double logUpperTailNegBin(long observed, double expected, double r) {
        if (observed <= 0 || Double.isNaN(expected)) return 0.0;
        if (expected <= 0) return Double.NEGATIVE_INFINITY;
        if (!(r > 0)) throw new IllegalArgumentException("shape must be > 0, was " + r);
        double p = expected / (r + expected);
        return logRegularizedBeta(p, observed, r);
    }

    /** ln I_x(a, b), the regularized incomplete beta function, for 0 < x < 1, a, b > 0. */
    static double logRegularizedBeta(double x, double a, double b) {
        double logFront =
                lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1) / (a + b + 2)) {
            return logFront + Math.log(betaFraction(a, b, x)) - Math.log(a);
        }
        double upper = Math.exp(logFront + Math.log(betaFraction(b, a, 1 - x)) - Math.log(b));
        return Math.log1p(-Math.min(1.0, upper));
    }

    /** The continued fraction of the incomplete beta function (modified Lentz). */
    private static double betaFraction(double a, double b, double x) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < 1e-300) d = 1e-300;
        d = 1 / d;
        double h = d;
        for (int m = 1; m < 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < 1e-300) d = 1e-300;
            c = 1 + aa / c;
            if (Math.abs(c) < 1e-300) c = 1e-300;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < 1e-300) d = 1e-300;
            c = 1 + aa / c;
            if (Math.abs(c) < 1e-300) c = 1e-300;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) break;
        }
        return h;
    }

    /** P(X >= observed) for X ~ Poisson(expected): the one-sided p-value of one zone and window. */
    public static double pValue(long observed, double expected) {
        return Math.exp(logUpperTail(observed, expected));
    }

    /**
     * Days between false alarms this strong, city-wide: {@code 1 / (p × testsPerDay)}, capped at
     * {@link #MAX_RECURRENCE_DAYS}. An alert with a recurrence interval of 100 days is one that,
     * with no real excess anywhere, the whole city would produce once in 100 days.
     */
    public static double recurrenceIntervalDays(
            long observed, double expected, double testsPerDay) {
        if (!(testsPerDay > 0)) {
            throw new IllegalArgumentException("testsPerDay must be > 0, was " + testsPerDay);
        }
        double logRi = -logUpperTail(observed, expected) - Math.log(testsPerDay);
        if (logRi > Math.log(MAX_RECURRENCE_DAYS)) return MAX_RECURRENCE_DAYS;
        return Math.exp(logRi);
    }

    /**
     * Tests per day, the multiplicity of the recurrence interval: {@code activeCells × rings × Σ_w
     * (1440 / w)}. Each zone (active centre cell × ring radius) and each window length counts once
     * per non-overlapping window a day. Overlapping zones and sliding windows are correlated, which
     * this bound over-counts; evaluating after every event looks more often than once a window,
     * which it under-counts. The measured false-alarm rate is checked against the budget by
     * backtest.
     *
     * @param activeCells cells with any baseline activity (the zones that can alert), at least 1
     */
    public static double testsPerDay(long activeCells, int rings, List<Integer> windowsMinutes) {
        double perZone = 0;
        for (int w : windowsMinutes) perZone += 1440.0 / w;
        return Math.max(1, activeCells) * Math.max(1, rings) * perZone;
    }

    /** The largest per-test p-value that still meets a budget of one false alarm per N days. */
    public static double pValueThreshold(double budgetDays, double testsPerDay) {
        return 1.0 / (budgetDays * testsPerDay);
    }

    /**
     * The fewest events that reach a recurrence interval of {@code budgetDays} at this expectation
     * (at most {@code cap}; returns {@code cap + 1} when none up to the cap does). For docs, tests
     * and the console's "how many more calls until an alert" hint.
     */
    public static long minObservedForBudget(
            double expected, double budgetDays, double testsPerDay, long cap) {
        for (long o = 1; o <= cap; o++) {
            if (o > expected && recurrenceIntervalDays(o, expected, testsPerDay) >= budgetDays) {
                return o;
            }
        }
        return cap + 1;
    }
}
