package io.beatwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/** A record that failed validation, with its original payload (topic {@code beatwatch.dlq}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reject(
        int v, String source, String payload, RejectReason reason, String detail, Instant at) {

    public static final int VERSION = 1;

    public Reject {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
