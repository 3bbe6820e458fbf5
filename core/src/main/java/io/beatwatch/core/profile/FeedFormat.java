package io.beatwatch.core.profile;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a feed file is laid out; either may be gzip-compressed. */
public enum FeedFormat {
    /** RFC 4180 CSV with a header row naming the columns. */
    @JsonProperty("csv")
    CSV,
    /** One JSON object per line; "columns" name top-level keys. */
    @JsonProperty("ndjson")
    NDJSON
}
