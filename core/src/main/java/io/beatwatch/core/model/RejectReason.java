package io.beatwatch.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a record was rejected. Every reject names one; nothing is dropped silently. */
public enum RejectReason {
    MALFORMED_RECORD("malformed_record"),
    MISSING_ID("missing_id"),
    MISSING_COORDINATES("missing_coordinates"),
    UNPARSEABLE_COORDINATES("unparseable_coordinates"),
    OUT_OF_BOUNDS("out_of_bounds"),
    MISSING_TIME("missing_time"),
    UNPARSEABLE_TIME("unparseable_time"),
    FUTURE_TIME("future_time"),
    MISSING_TYPE("missing_type"),
    UNKNOWN_TYPE("unknown_type"),
    OVERSIZED_FIELD("oversized_field"),
    UNSUPPORTED_VERSION("unsupported_version"),
    /** A whole record (CSV row, NDJSON line, Kafka payload) longer than the configured maximum. */
    OVERSIZED_RECORD("oversized_record");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The stable snake_case code used in the DLQ, metrics tags and reports. */
    @JsonValue
    public String code() {
        return code;
    }
}
