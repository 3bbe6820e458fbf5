package io.beatwatch.core.feed;

import java.util.Map;

/** A CSV record seen through its header. */
final class CsvRow implements Row {

    private final Map<String, Integer> header;
    private final String[] values;

    CsvRow(Map<String, Integer> header, String[] values) {
        this.header = header;
        this.values = values;
    }

    @Override
    public String get(String column) {
        Integer i = header.get(column);
        return i == null || i >= values.length ? null : values[i];
    }

    @Override
    public String payload() {
        return CsvParser.format(values);
    }

    @Override
    public String canonical() {
        return String.join("\u001f", values);
    }
}
