package io.beatwatch.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Emerging hot spot categories, after Esri's emerging hot spot analysis. */
public enum EmergenceCategory {
    /** No alert at this place in the lookback before this one. */
    @JsonProperty("new")
    NEW,
    /** The excess is growing. */
    @JsonProperty("intensifying")
    INTENSIFYING,
    /** The excess holds steady across updates. */
    @JsonProperty("persistent")
    PERSISTENT,
    /** The excess is shrinking but still significant. */
    @JsonProperty("diminishing")
    DIMINISHING
}
