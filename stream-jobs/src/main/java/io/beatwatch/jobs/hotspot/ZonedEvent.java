package io.beatwatch.jobs.hotspot;

/** A stamped event routed to one zone (a centre cell and a ring radius) that contains it. */
public final class ZonedEvent {

    public String zone;
    public int ring;
    public Stamped stamped;

    public ZonedEvent() {}

    public ZonedEvent(String zone, int ring, Stamped stamped) {
        this.zone = zone;
        this.ring = ring;
        this.stamped = stamped;
    }

    /** The key of the zone: its centre cell and ring. */
    public String key() {
        return zone + "/" + ring;
    }
}
