package io.beatwatch.jobs.hotspot;

/**
 * A first-seen event with the city-wide figures the space-time permutation expectation needs, as of
 * that event: window counts and baseline counts of the city for calls and for tips, and how many
 * cells have any baseline activity (the multiplicity of the recurrence interval).
 */
public final class Stamped {

    public CellEvent event;

    /** City citizen-call counts per configured window, in config order. */
    public long[] cityCfsWindows;

    public long cityCfsBaseline;

    /** City tip counts per configured window. */
    public long[] cityTipWindows;

    public long cityTipBaseline;

    /** Days of baseline the city has seen (warm-up). */
    public int cityCoveredDays;

    public long activeCells;

    public Stamped() {}

    public Stamped(
            CellEvent event,
            long[] cityCfsWindows,
            long cityCfsBaseline,
            long[] cityTipWindows,
            long cityTipBaseline,
            int cityCoveredDays,
            long activeCells) {
        this.event = event;
        this.cityCfsWindows = cityCfsWindows;
        this.cityCfsBaseline = cityCfsBaseline;
        this.cityTipWindows = cityTipWindows;
        this.cityTipBaseline = cityTipBaseline;
        this.cityCoveredDays = cityCoveredDays;
        this.activeCells = activeCells;
    }
}
