package io.beatwatch.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which stream an alert rests on. A tips-only alert is unconfirmed until calls corroborate it. */
public enum Signal {
    @JsonProperty("cfs")
    CFS,
    @JsonProperty("tips")
    TIPS,
    @JsonProperty("both")
    BOTH
}
