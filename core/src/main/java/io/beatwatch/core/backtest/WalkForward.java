package io.beatwatch.core.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The walk-forward backtest: for each period in time order, every method flags cells from earlier
 * events only, and each is scored on the same period's events at each area fraction. Methods see
 * the same periods, cells and events, so their results pair up period by period.
 */
public final class WalkForward {

    /** What to run. */
    public record Config(List<Period> periods, double[] areaFractions) {
        public Config {
            periods = List.copyOf(periods);
            areaFractions = areaFractions.clone();
            if (areaFractions.length == 0) throw new IllegalArgumentException("no area fractions");
            for (double f : areaFractions) Capture.cellsForFraction(f, 1);
        }
    }

    /** Progress callback: periods done of total. */
    @FunctionalInterface
    public interface Listener {
        void periodDone(int done, int total);
    }

    /**
     * One period's outcome.
     *
     * @param period the period
     * @param total events in it
     * @param captures per method, per area fraction
     * @param districtEvents events per district index (-1 / no district: not counted)
     */
    public record PeriodResult(
            Period period, long total, Capture[][] captures, long[] districtEvents) {}

    /** Everything measured. */
    public record Result(
            List<String> methods,
            List<String> descriptions,
            double[] areaFractions,
            int areaCells,
            List<PeriodResult> periods,
            double[][][] flaggedDistrictShare,
            double[] callDistrictShare,
            int[][] samplePeriodFlags,
            int[] samplePeriodObserved,
            int samplePeriod) {

        /** Index of a method by name. */
        public int method(String name) {
            return methods.indexOf(name);
        }

        /** Per-period values of one measure for a method at one fraction. */
        public double[] values(int method, int fraction, Measure m) {
            double[] out = new double[periods.size()];
            for (int p = 0; p < out.length; p++) {
                out[p] = m.of(periods.get(p).captures()[method][fraction]);
            }
            return out;
        }

        /** Mean over periods (NaNs skipped). */
        public double mean(int method, int fraction, Measure m) {
            return Stats.mean(values(method, fraction, m));
        }

        /** Periods where method a scored strictly higher than b, and strictly lower. */
        public int[] wins(int a, int b, int fraction, Measure m) {
            double[] x = values(a, fraction, m);
            double[] y = values(b, fraction, m);
            int w = 0, l = 0;
            for (int i = 0; i < x.length; i++) {
                if (x[i] > y[i]) w++;
                else if (x[i] < y[i]) l++;
            }
            return new int[] {w, l};
        }
    }

    /** A per-period measure. */
    public enum Measure {
        HIT_RATE,
        PAI,
        PEI,
        MAX_PAI;

        double of(Capture c) {
            return switch (this) {
                case HIT_RATE -> c.hitRate();
                case PAI -> c.pai();
                case PEI -> c.pei();
                case MAX_PAI -> c.maxPai();
            };
        }
    }

    private WalkForward() {}

    /**
     * Runs the methods over the periods. The sample period (for the map) is the one in the middle
     * of the run; its flagged cells at the largest fraction are kept per method.
     */
    public static Result run(
            Timeline timeline, List<Forecaster> methods, Config config, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        EventTable t = timeline.table();
        int a = t.cellCount();
        int nf = config.areaFractions().length;
        int nm = methods.size();
        int[] ks = new int[nf];
        int maxK = 0;
        for (int f = 0; f < nf; f++) {
            ks[f] = Capture.cellsForFraction(config.areaFractions()[f], a);
            maxK = Math.max(maxK, ks[f]);
        }
        int nd = t.districtCount();
        double[][][] flaggedShare = new double[nm][nf][nd];
        double[] callShare = new double[nd];
        int sample = config.periods().size() / 2;
        int[][] sampleFlags = new int[nm][];
        int[] sampleObserved = null;
        List<PeriodResult> results = new ArrayList<>();
        int done = 0;
        for (Period p : config.periods()) {
            int[] observed = timeline.observed(p);
            long total = 0;
            long[] districtEvents = new long[nd];
            for (int c = 0; c < a; c++) {
                total += observed[c];
                int d = t.cellDistrict(c);
                if (d >= 0) districtEvents[d] += observed[c];
            }
            long[] bestPrefix = bestPrefix(observed, maxK);
            Capture[][] captures = new Capture[nm][nf];
            for (int m = 0; m < nm; m++) {
                int[] ranking = Capture.rank(methods.get(m).scores(p));
                long[] capturedPrefix = new long[maxK + 1];
                for (int i = 0; i < maxK; i++) {
                    capturedPrefix[i + 1] = capturedPrefix[i] + observed[ranking[i]];
                }
                for (int f = 0; f < nf; f++) {
                    int k = ks[f];
                    captures[m][f] = new Capture(k, a, capturedPrefix[k], total, bestPrefix[k]);
                    if (nd > 0) {
                        for (int i = 0; i < k; i++) {
                            int d = t.cellDistrict(ranking[i]);
                            if (d >= 0) flaggedShare[m][f][d] += 1.0 / k;
                        }
                    }
                }
                if (results.size() == sample) {
                    sampleFlags[m] = Arrays.copyOf(ranking, maxK);
                }
            }
            if (results.size() == sample) sampleObserved = observed;
            long inDistricts = Arrays.stream(districtEvents).sum();
            for (int d = 0; d < nd && inDistricts > 0; d++) {
                callShare[d] += districtEvents[d] / (double) inDistricts;
            }
            results.add(new PeriodResult(p, total, captures, districtEvents));
            listener.periodDone(++done, config.periods().size());
        }
        int np = Math.max(1, results.size());
        for (double[][] byF : flaggedShare)
            for (double[] byD : byF) for (int d = 0; d < nd; d++) byD[d] /= np;
        for (int d = 0; d < nd; d++) callShare[d] /= np;
        return new Result(
                methods.stream().map(Forecaster::name).toList(),
                methods.stream().map(Forecaster::description).toList(),
                config.areaFractions(),
                a,
                results,
                flaggedShare,
                callShare,
                sampleFlags,
                sampleObserved,
                results.isEmpty() ? -1 : Math.min(sample, results.size() - 1));
    }

    /** bestPrefix[k] = n* for k cells: the sum of the k largest counts. */
    static long[] bestPrefix(int[] observed, int maxK) {
        int[] sorted = observed.clone();
        Arrays.sort(sorted);
        long[] out = new long[maxK + 1];
        for (int k = 1; k <= maxK; k++) {
            int idx = sorted.length - k;
            out[k] = out[k - 1] + (idx >= 0 ? sorted[idx] : 0);
        }
        return out;
    }
}
