package io.beatwatch.core.synth;

import io.beatwatch.core.grid.H3Grid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Ground truth of an emerging cluster injected into the synthetic city: {@code extraCount} extra
 * events spread uniformly over {@code duration} from {@code start}, at points inside the cells
 * within {@code radiusRings} of {@code centreCell}. Every event it adds is labelled with its id.
 *
 * @param id label, also in the events' source ({@code synthetic:cluster:<id>})
 * @param centreCell H3 cell at the city's resolution
 * @param radiusRings 0 = only the centre cell, 1 = the cell and its 6 neighbours, ...
 * @param start first possible event time
 * @param duration span of the extra events
 * @param extraCount how many extra events
 * @param types call types (or tip categories) drawn uniformly for its events
 * @param kind citizen calls, officer-initiated calls, or tips
 */
public record InjectedCluster(
        String id,
        String centreCell,
        int radiusRings,
        Instant start,
        Duration duration,
        int extraCount,
        List<String> types,
        Kind kind)
        implements java.io.Serializable {

    /** What an injected cluster adds. */
    public enum Kind {
        /** Citizen-initiated calls: the signal the detector should alert on. */
        CALLS,
        /** Officer-initiated calls: excluded from the alert signal by default. */
        OFFICER_CALLS,
        /** Tips only: an unconfirmed, tips-signal alert at most. */
        TIPS
    }

    /** Default types of a citizen-call cluster. */
    public static final List<String> DEFAULT_CALL_TYPES =
            List.of("Disturbance", "Shots Fired", "Suspicious Person");

    public InjectedCluster {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(centreCell, "centreCell");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(kind, "kind");
        types = List.copyOf(types);
        if (types.isEmpty()) throw new IllegalArgumentException("no types");
        if (radiusRings < 0) throw new IllegalArgumentException("radiusRings must be >= 0");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (extraCount < 0) throw new IllegalArgumentException("extraCount must be >= 0");
        if (!H3Grid.isValidCell(centreCell)) {
            throw new IllegalArgumentException("not an H3 cell: " + centreCell);
        }
    }

    /** A cluster of citizen calls of the default types. */
    public static InjectedCluster calls(
            String id,
            String centreCell,
            int radiusRings,
            Instant start,
            Duration duration,
            int extraCount) {
        return new InjectedCluster(
                id,
                centreCell,
                radiusRings,
                start,
                duration,
                extraCount,
                DEFAULT_CALL_TYPES,
                Kind.CALLS);
    }

    /** The instant after the last possible event. */
    public Instant end() {
        return start.plus(duration);
    }

    /** The cells its events fall in (the centre first). */
    public List<String> cells() {
        return H3Grid.ring(centreCell, radiusRings);
    }

    /** Whether {@code t} lies in {@code [start, end)}. */
    public boolean activeAt(Instant t) {
        return !t.isBefore(start) && t.isBefore(end());
    }

    /** The source (calls) or channel (tips) label of its events. */
    public String label() {
        return Event.CLUSTER_SOURCE_PREFIX + id;
    }
}
