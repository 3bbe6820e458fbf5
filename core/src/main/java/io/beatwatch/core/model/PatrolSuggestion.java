package io.beatwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/** A targeted-patrol prompt for a dispatcher: which place, why, and for how long. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PatrolSuggestion(
        int v,
        String suggestionId,
        String district,
        String cell,
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
