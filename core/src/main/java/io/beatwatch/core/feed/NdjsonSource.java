package io.beatwatch.core.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.feed.internal.LineReader;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.validate.InvalidRecordException;
import java.io.IOException;
import java.io.Reader;

/** One JSON object per line; blank lines are skipped. */
final class NdjsonSource implements RowSource {

    private final LineReader lines;
    private final int maxRecordChars;

    NdjsonSource(Reader in, int maxRecordChars) {
        this.lines = new LineReader(in, maxRecordChars);
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public Next next() throws IOException {
        String line;
        do {
            line = lines.next();
            if (line == null) {
                return null;
            }
        } while (line.isBlank() && !lines.oversized());
        if (lines.oversized()) {
            return Next.bad(
                    new InvalidRecordException(
                            RejectReason.OVERSIZED_RECORD,
                            "line of " + lines.lineChars() + " chars exceeds " + maxRecordChars),
                    line);
        }
        JsonNode node;
        try {
            node = Json.strictReader().readTree(line);
        } catch (JsonProcessingException e) {
            return Next.bad(
                    new InvalidRecordException(
                            RejectReason.MALFORMED_RECORD,
                            "malformed JSON: " + e.getOriginalMessage()),
                    line);
        } catch (RuntimeException e) {
            return Next.bad(
                    new InvalidRecordException(
                            RejectReason.MALFORMED_RECORD, "malformed JSON: " + e.getMessage()),
                    line);
        }
        if (node == null || !node.isObject()) {
            return Next.bad(
                    new InvalidRecordException(
                            RejectReason.MALFORMED_RECORD, "line is not a JSON object"),
                    line);
        }
        return Next.of(new JsonRow(node, line));
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
