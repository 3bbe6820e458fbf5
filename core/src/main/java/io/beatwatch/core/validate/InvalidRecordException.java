package io.beatwatch.core.validate;

import io.beatwatch.core.model.RejectReason;
import java.util.Objects;

/**
 * Control flow inside decoders and feed mappers: thrown by a check, caught by the same decoder and
 * turned into a {@link io.beatwatch.core.model.Reject}. Never escapes a decoder. Carries no stack
 * trace, so a flood of bad records stays cheap.
 */
public final class InvalidRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RejectReason reason;

    /** A failure of {@code reason} with a human-readable {@code detail}. */
    public InvalidRecordException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the record is rejected. */
    public RejectReason reason() {
        return reason;
    }

    /** What exactly was wrong, for people. */
    public String detail() {
        return getMessage();
    }
}
