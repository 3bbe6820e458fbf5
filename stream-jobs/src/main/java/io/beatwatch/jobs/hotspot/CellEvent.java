package io.beatwatch.jobs.hotspot;

/**
 * A decoded call or tip reduced to what detection needs: id, event time, H3 cell, district, type
 * and flags. A POJO (public fields, no-arg constructor) so Flink uses its fast POJO serializer.
 */
public final class CellEvent {

    public String id;
    public long timeMillis;
    public String cell;
    public String district;

    /** The call's beat when the feed has one (patrol suggestions name it); null otherwise. */
    public String beat;

    public String type;
    public boolean officerInitiated;
    public boolean tip;
    public double lat;
    public double lon;

    /**
     * A repeat call: same type at the same cell shortly after another (one incident, many callers).
     */
    public boolean repeat;

    /**
     * Of a sensitive type (city profile plus default terms), decided once at decode: never counted
     * publicly. Always false for tips.
     */
    public boolean sensitive;

    public CellEvent() {}

    public CellEvent(
            String id,
            long timeMillis,
            String cell,
            String district,
            String type,
            boolean officerInitiated,
            boolean tip,
            double lat,
            double lon) {
        this.id = id;
        this.timeMillis = timeMillis;
        this.cell = cell;
        this.district = district;
        this.type = type;
        this.officerInitiated = officerInitiated;
        this.tip = tip;
        this.lat = lat;
        this.lon = lon;
    }

    /** The stream this event counts in for alerting. */
    public Stream stream(boolean excludeOfficerInitiated) {
        if (tip) return Stream.TIPS;
        if (officerInitiated && excludeOfficerInitiated) return Stream.OFFICER;
        return repeat ? Stream.REPEAT : Stream.CFS;
    }

    /** The three things a place counts separately. */
    public enum Stream {
        /** Citizen-initiated calls: the alert signal. */
        CFS,
        /** Community tips: a separate, unconfirmed signal. */
        TIPS,
        /** Officer-initiated events: counted and shown, never scored. */
        OFFICER,
        /** Repeat calls about what is likely one incident: counted once, in the first call. */
        REPEAT
    }
}
