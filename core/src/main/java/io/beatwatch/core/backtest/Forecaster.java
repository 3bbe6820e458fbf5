package io.beatwatch.core.backtest;

/**
 * A method that flags cells for a period: a risk score per study-area cell (higher is flagged
 * first). It may use only events before the period's start. The walk-forward runner calls it for
 * each period in time order, so an implementation may keep state between calls.
 */
public interface Forecaster {

    /** Short name for tables and plots. */
    String name();

    /** One sentence on what it is, for reports. */
    String description();

    /** Scores for every cell of the table's study area, for period {@code p}. */
    double[] scores(Period p);
}
