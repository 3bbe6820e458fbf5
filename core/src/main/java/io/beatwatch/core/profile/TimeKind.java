package io.beatwatch.core.profile;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a feed writes its event time. */
public enum TimeKind {
    /** Milliseconds since the epoch, UTC (e.g. San Antonio's ResponseDate). */
    @JsonProperty("epoch-millis")
    EPOCH_MILLIS,
    /** Seconds since the epoch, UTC. */
    @JsonProperty("epoch-seconds")
    EPOCH_SECONDS,
    /** ISO-8601 instant or offset date-time ({@code 2022-08-17T05:00:47Z}, {@code ...+02:00}). */
    @JsonProperty("iso-instant")
    ISO_INSTANT,
    /** A local date-time in the profile's zone, read with {@code pattern}. */
    @JsonProperty("local-date-time")
    LOCAL_DATE_TIME,
    /** A date without time: local midnight in the profile's zone, read with {@code pattern}. */
    @JsonProperty("date-only")
    DATE_ONLY
}
