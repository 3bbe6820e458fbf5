package io.beatwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * A targeted-patrol prompt for a dispatcher: which place (cell, and its beat when the feed has
 * beats), why (reason text, and the alert behind it if any), for how long, and until when it is
 * valid. Deterministic {@link #suggestionId}: {@code p-<cell>-<epoch minute of createdAt>}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PatrolSuggestion(
        int v,
        String suggestionId,
        String district,
        String cell,
        String beat,
        LatLon centroid,
        String reason,
        String alertId,
        int dwellMinutes,
        Instant createdAt,
        Instant validUntil) {

    public static final int VERSION = 1;

    public PatrolSuggestion {
        Objects.requireNonNull(suggestionId, "suggestionId");
        Objects.requireNonNull(cell, "cell");
    }
}
