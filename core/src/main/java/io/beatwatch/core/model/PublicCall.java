package io.beatwatch.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What the public feed may know of one call (Kafka topic {@code beatwatch.public-calls}, key =
 * {@link #id}), written by the job at decode: where, when, whether officer-initiated and whether
 * sensitive, decided there with the city profile, and the (public) police district for the
 * transparency page's trends. No type, category or address ever enters this topic. CAD updates of
 * an incident come again under the same id.
 *
 * @param id incident id (to count an incident once; never published)
 * @param sensitive of a sensitive type by current, initial or final type or category
 * @param district the call's police district, or null
 */
public record PublicCall(
        int v,
        String id,
        Instant receivedAt,
        double lat,
        double lon,
        boolean officerInitiated,
        boolean sensitive,
        String district) {

    public static final int VERSION = 1;

    public PublicCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The public view of {@code c}, with the sensitivity decided by the caller. */
    public static PublicCall of(CallForService c, boolean sensitive) {
        return new PublicCall(
                VERSION,
                c.id(),
                c.receivedAt(),
                c.lat(),
                c.lon(),
                c.officerInitiated(),
                sensitive,
                c.district());
    }
}
