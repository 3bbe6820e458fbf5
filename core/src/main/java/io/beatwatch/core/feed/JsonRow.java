package io.beatwatch.core.feed;

import com.fasterxml.jackson.databind.JsonNode;

/** An NDJSON record: top-level keys are the columns; nested values read as their JSON text. */
final class JsonRow implements Row {

    private final JsonNode node;
    private final String line;

    JsonRow(JsonNode node, String line) {
        this.node = node;
        this.line = line;
    }

    @Override
    public String get(String column) {
        JsonNode f = node.get(column);
        if (f == null || f.isNull()) {
            return null;
        }
        return f.isValueNode() ? f.asText() : f.toString();
    }

    @Override
    public String payload() {
        return line;
    }

    @Override
    public String canonical() {
        return line;
    }
}
