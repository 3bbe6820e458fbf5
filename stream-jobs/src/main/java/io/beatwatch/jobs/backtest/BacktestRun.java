package io.beatwatch.jobs.backtest;

import io.beatwatch.core.backtest.AlertHistory;
import io.beatwatch.core.backtest.BeatwatchRisk;
import io.beatwatch.core.backtest.Capture;
import io.beatwatch.core.backtest.Horizon;
import io.beatwatch.core.backtest.KdeForecaster;
import io.beatwatch.core.backtest.Timeline;
import io.beatwatch.core.backtest.WalkForward;
import io.beatwatch.core.backtest.WalkForward.Measure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One backtest run as every part of its report reads it: what was run, the walk-forward result, and
 * the indexes each section needs (the headline area fraction, Beatwatch among the methods, the
 * baselines it is held against).
 */
record BacktestRun(
        DataSet data,
        Timeline timeline,
        Horizon horizon,
        int trainDays,
        Timeline.EventSet events,
        WalkForward.Result result,
        BeatwatchRisk beatwatch,
        List<KdeForecaster> kdes,
        AlertHistory alerts,
        double tuneFraction,
        BacktestReport.Times times) {

    /** The headline area fraction's index: the fraction nearest the one Beatwatch tunes at. */
    int headline() {
        int best = 0;
        for (int f = 0; f < result.areaFractions().length; f++) {
            if (Math.abs(result.areaFractions()[f] - tuneFraction)
                    < Math.abs(result.areaFractions()[best] - tuneFraction)) best = f;
        }
        return best;
    }

    /** Beatwatch's index among the methods. */
    int bw() {
        return result.method(beatwatch.name());
    }

    /** The methods Beatwatch is held against: all but itself and the hindsight reference. */
    List<Integer> baselines() {
        List<Integer> out = new ArrayList<>();
        for (int m = 0; m < result.methods().size(); m++) {
            if (m != bw() && !name(m).startsWith("hindsight")) out.add(m);
        }
        return out;
    }

    String name(int m) {
        return result.methods().get(m);
    }

    double headlineFraction() {
        return result.areaFractions()[headline()];
    }

    String firstLabel() {
        return result.periods().get(0).period().label();
    }

    String lastLabel() {
        return result.periods().get(result.periods().size() - 1).period().label();
    }

    /** Per period, the share of its calls in its busiest cells (n* / N) at area fraction f. */
    double[] bestHitRates(int f) {
        double[] out = new double[result.periods().size()];
        for (int p = 0; p < out.length; p++) {
            Capture c = result.periods().get(p).captures()[0][f];
            out[p] = c.total() == 0 ? Double.NaN : c.best() / (double) c.total();
        }
        return out;
    }

    /** Method m's PEI at the headline in the periods that tuned Beatwatch. */
    double[] tuningPei(int m) {
        double[] v = result.values(m, headline(), Measure.PEI);
        return Arrays.copyOfRange(v, 0, beatwatch.tuningPeriods());
    }

    /** Method m's PEI at the headline in the held-out periods, which tune nothing. */
    double[] heldOutPei(int m) {
        double[] v = result.values(m, headline(), Measure.PEI);
        return Arrays.copyOfRange(v, beatwatch.tuningPeriods(), result.periods().size());
    }

    String gridText() {
        List<BeatwatchRisk.Params> pts = beatwatch.gridPoints();
        return pts.size() + " points, default " + pts.get(0);
    }
}
