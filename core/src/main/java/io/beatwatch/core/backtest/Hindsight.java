package io.beatwatch.core.backtest;

/**
 * A reference, not a forecast: each cell's calls over every complete day of the whole file, future
 * included. It shows how far any fixed map of hotspots could go; a method that knows only the past
 * cannot be expected to beat it, and the gap between it and {@code n*} is what no fixed map can
 * capture (day-to-day noise and one-off bursts).
 */
public final class Hindsight implements Forecaster {

    private final double[] counts;

    public Hindsight(Timeline timeline) {
        EventTable t = timeline.table();
        counts = new double[t.cellCount()];
        for (int k = 0; k < timeline.dayCount(); k++) {
            for (int i = timeline.from(k); i < timeline.to(k); i++) {
                if (timeline.include(i)) counts[t.cell(i)]++;
            }
        }
    }

    @Override
    public String name() {
        return "hindsight (not a forecast)";
    }

    @Override
    public String description() {
        return "counts over all complete days, future included: a fixed map in hindsight, for"
                + " reference";
    }

    @Override
    public double[] scores(Period p) {
        return counts.clone();
    }
}
