package io.beatwatch.core.feed;

import io.beatwatch.core.validate.InvalidRecordException;
import java.io.Closeable;
import java.io.IOException;

/** Splits a feed's text into rows, or reports a record that cannot be a row at all. */
interface RowSource extends Closeable {

    /** The next record, or null at the end of input. */
    Next next() throws IOException;

    /** A row, or a record-level problem (malformed, oversized) with its payload. */
    record Next(Row row, InvalidRecordException problem, String payload) {
        static Next of(Row row) {
            return new Next(row, null, null);
        }

        static Next bad(InvalidRecordException problem, String payload) {
            return new Next(null, problem, payload);
        }
    }
}
