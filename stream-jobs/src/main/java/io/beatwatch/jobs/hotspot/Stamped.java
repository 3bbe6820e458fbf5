package io.beatwatch.jobs.hotspot;

/**
 * An event the detector counted (first sight of its incident id; {@code event.repeat} says whether
 * it was a repeat call): what the patrol stage sees, in input order.
 */
public final class Stamped {

    public CellEvent event;

    public Stamped() {}

    public Stamped(CellEvent event) {
        this.event = event;
    }
}
