package io.beatwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/** A dispatcher's answer to a suggestion (topic {@code beatwatch.patrol-feedback}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PatrolFeedback(
        int v,
        String suggestionId,
        Action action,
        String unit,
        String district,
        String cell,
        Instant at) {

    public static final int VERSION = 1;

    /** What the dispatcher did with the suggestion. */
    public enum Action {
        @JsonProperty("accepted")
        ACCEPTED,
        @JsonProperty("declined")
        DECLINED,
        @JsonProperty("arrived")
        ARRIVED,
        @JsonProperty("done")
        DONE
    }

    public PatrolFeedback {
        Objects.requireNonNull(suggestionId, "suggestionId");
        Objects.requireNonNull(action, "action");
    }
}
