package io.beatwatch.core.validate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Maximum lengths, in characters, that untrusted records may carry. A longer field rejects the
 * record ({@code oversized_field}); a longer record is rejected before parsing ({@code
 * oversized_record}), which also bounds the memory one bad line can take.
 *
 * @param maxIdLength incident / tip id
 * @param maxTypeLength call type, initial / final type, category
 * @param maxFieldLength every other short text field (address, district, beat, disposition, ...)
 * @param maxTextLength a tip's free text
 * @param maxRecordChars a whole record: CSV row, NDJSON line or Kafka payload
 */
public record FieldLimits(
        int maxIdLength,
        int maxTypeLength,
        int maxFieldLength,
        int maxTextLength,
        int maxRecordChars) {

    public static final int DEFAULT_MAX_ID_LENGTH = 64;
    public static final int DEFAULT_MAX_TYPE_LENGTH = 100;
    public static final int DEFAULT_MAX_FIELD_LENGTH = 200;
    public static final int DEFAULT_MAX_TEXT_LENGTH = 2_000;
    public static final int DEFAULT_MAX_RECORD_CHARS = 16_384;

    /** The defaults above: generous for every real feed seen so far. */
    public static final FieldLimits DEFAULT =
            new FieldLimits(
                    DEFAULT_MAX_ID_LENGTH,
                    DEFAULT_MAX_TYPE_LENGTH,
                    DEFAULT_MAX_FIELD_LENGTH,
                    DEFAULT_MAX_TEXT_LENGTH,
                    DEFAULT_MAX_RECORD_CHARS);

    /** Limits read from configuration: an absent entry takes its default. */
    @JsonCreator
    public static FieldLimits of(
            @JsonProperty("maxIdLength") Integer maxIdLength,
            @JsonProperty("maxTypeLength") Integer maxTypeLength,
            @JsonProperty("maxFieldLength") Integer maxFieldLength,
            @JsonProperty("maxTextLength") Integer maxTextLength,
            @JsonProperty("maxRecordChars") Integer maxRecordChars) {
        return new FieldLimits(
                maxIdLength == null ? DEFAULT_MAX_ID_LENGTH : maxIdLength,
                maxTypeLength == null ? DEFAULT_MAX_TYPE_LENGTH : maxTypeLength,
                maxFieldLength == null ? DEFAULT_MAX_FIELD_LENGTH : maxFieldLength,
                maxTextLength == null ? DEFAULT_MAX_TEXT_LENGTH : maxTextLength,
                maxRecordChars == null ? DEFAULT_MAX_RECORD_CHARS : maxRecordChars);
    }

    public FieldLimits {
        requirePositive("maxIdLength", maxIdLength);
        requirePositive("maxTypeLength", maxTypeLength);
        requirePositive("maxFieldLength", maxFieldLength);
        requirePositive("maxTextLength", maxTextLength);
        requirePositive("maxRecordChars", maxRecordChars);
        int longestField =
                Math.max(
                        Math.max(maxIdLength, maxTypeLength),
                        Math.max(maxFieldLength, maxTextLength));
        if (maxRecordChars < longestField) {
            throw new IllegalArgumentException(
                    "limits: maxRecordChars "
                            + maxRecordChars
                            + " must be at least the longest field limit "
                            + longestField);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("limits: " + name + " must be > 0, was " + value);
        }
    }
}
