package io.beatwatch.core.backtest;

/**
 * The analyst's usual hotspot map: each cell's event count over the training window (the {@code
 * trainDays} complete days before the period, plus the same day's earlier hours for a shift).
 */
public final class PriorCounts implements Forecaster {

    private final Timeline timeline;
    private final int trainDays;

    public PriorCounts(Timeline timeline, int trainDays) {
        if (trainDays < 1) throw new IllegalArgumentException("trainDays must be >= 1");
        this.timeline = timeline;
        this.trainDays = trainDays;
    }

    @Override
    public String name() {
        return "prior counts";
    }

    @Override
    public String description() {
        return "events per cell over the " + trainDays + " complete days before the period";
    }

    @Override
    public double[] scores(Period p) {
        double[] out = new double[timeline.table().cellCount()];
        EventTable t = timeline.table();
        timeline.forEachTrainingEvent(p, trainDays, i -> out[t.cell(i)]++);
        return out;
    }
}
