package io.beatwatch.jobs.hotspot;

/**
 * The current state of one cell for the Redis view: per window (config order) observed, expected,
 * score and recurrence interval of citizen calls, plus officer-initiated and tip counts in the
 * longest window. Absolute values, written idempotently.
 */
public final class CellView {

    public String cell;
    public String district;

    /** The beat of the cell's latest call that had one; null when the feed has no beats. */
    public String beat;

    public int[] windows;
    public long[] observed;
    public double[] expected;
    public double[] score;
    public double[] recurrenceDays;
    public long officerInitiated;
    public long tips;
    public long eventTimeMillis;

    public CellView() {}

    /** The view of a detector reading. */
    static CellView of(io.beatwatch.core.detect.CellReading r) {
        var v = new CellView();
        v.cell = r.cell();
        v.district = r.district();
        v.beat = r.beat();
        v.windows = r.windows();
        v.observed = r.observed();
        v.expected = r.expected();
        v.score = r.score();
        v.recurrenceDays = r.recurrenceDays();
        v.officerInitiated = r.officerInitiated();
        v.tips = r.tips();
        v.eventTimeMillis = r.eventTimeMillis();
        return v;
    }
}
