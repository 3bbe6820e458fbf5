package io.beatwatch.core.draft;

import io.beatwatch.core.profile.FeedFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The header and first rows of an export, as read by the caller: what {@link ProfileDrafter}
 * guesses from.
 *
 * @param source the file's name, for the draft's comments
 * @param format csv or ndjson
 * @param header column names (CSV header, or NDJSON keys in order of first appearance)
 * @param rows the sampled rows; a short row reads as blank in its missing columns
 */
public record ExportSample(
        String source, FeedFormat format, List<String> header, List<String[]> rows) {

    public ExportSample {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        if (header.isEmpty()) {
            throw new IllegalArgumentException("the export has no columns");
        }
    }

    /** The values of column {@code index}, one per row; null where a row is short. */
    public List<String> column(int index) {
        var out = new ArrayList<String>(rows.size());
        for (String[] r : rows) {
            out.add(index < r.length ? r[index] : null);
        }
        return out;
    }
}
