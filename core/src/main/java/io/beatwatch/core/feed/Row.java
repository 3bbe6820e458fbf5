package io.beatwatch.core.feed;

/** One record of a feed, with fields looked up by column name (CSV header or NDJSON key). */
interface Row {

    /** The field's text, or null when the row has no such column or the value is JSON null. */
    String get(String column);

    /** The original record text, for rejects. */
    String payload();

    /** A canonical text of all fields, for synthesized ids. */
    String canonical();
}
