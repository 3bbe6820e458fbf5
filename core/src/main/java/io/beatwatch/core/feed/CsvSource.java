package io.beatwatch.core.feed;

import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.validate.InvalidRecordException;
import java.io.IOException;
import java.io.Reader;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** CSV rows under a header row; rows with the wrong number of fields are malformed. */
final class CsvSource implements RowSource {

    private final CsvParser parser;
    private final String[] header;
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * Reads the header and checks that every {@code required} column is in it (a profile that does
     * not fit the file is a configuration error, reported at once).
     */
    CsvSource(Reader in, int maxRecordChars, Collection<String> required, String name)
            throws IOException {
        this.parser = new CsvParser(in, maxRecordChars);
        String[] h = parser.next();
        if (h == null) {
            throw new IllegalArgumentException(name + ": no header row (empty file)");
        }
        this.header = h;
        for (int i = 0; i < h.length; i++) {
            index.putIfAbsent(h[i].strip(), i);
        }
        List<String> missing =
                required.stream()
                        .filter(Objects::nonNull)
                        .filter(c -> !index.containsKey(c))
                        .toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    name
                            + ": columns "
                            + missing
                            + " named by the profile are not in the header "
                            + List.of(h));
        }
    }

    @Override
    public Next next() throws IOException {
        String[] fields = parser.next();
        if (fields == null) {
            return null;
        }
        CsvParser.Problem problem = parser.problem();
        if (problem == CsvParser.Problem.OVERSIZED) {
            return Next.bad(
                    new InvalidRecordException(
                            RejectReason.OVERSIZED_RECORD,
                            "row of " + parser.recordChars() + " chars exceeds the limit"),
                    CsvParser.format(fields));
        }
        if (problem == CsvParser.Problem.UNTERMINATED_QUOTE) {
            return Next.bad(
                    new InvalidRecordException(
                            RejectReason.MALFORMED_RECORD,
                            "quoted field not closed before end of file"),
                    CsvParser.format(fields));
        }
        if (fields.length != header.length) {
            return Next.bad(
                    new InvalidRecordException(
                            RejectReason.MALFORMED_RECORD,
                            "row has " + fields.length + " fields, header has " + header.length),
                    CsvParser.format(fields));
        }
        return Next.of(new CsvRow(index, fields));
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
