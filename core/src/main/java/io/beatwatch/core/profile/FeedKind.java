package io.beatwatch.core.profile;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a feed carries: calls for service or community tips. */
public enum FeedKind {
    @JsonProperty("cfs")
    CFS,
    @JsonProperty("tips")
    TIPS
}
