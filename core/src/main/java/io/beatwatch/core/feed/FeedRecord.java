package io.beatwatch.core.feed;

import io.beatwatch.core.model.Reject;
import io.beatwatch.core.validate.Parsed;

/**
 * One data row of a feed file and what became of it. {@code row} counts data records from 1 (the
 * header and blank lines are not counted; a quoted line break does not start a new row).
 */
public record FeedRecord<T>(long row, Parsed<T> result) {

    /** Whether the row was accepted. */
    public boolean isOk() {
        return result.isOk();
    }

    /** The accepted record; throws if rejected. */
    public T value() {
        return result.value();
    }

    /** The reject; throws if accepted. */
    public Reject reject() {
        return result.reject();
    }
}
