package io.beatwatch.core.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.RejectReason;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire fields of one JSON record as {@link Decoder} reads them. {@link Tree} reads any JSON and
 * names every problem with its reject reason; {@link Flat} reads only the plain shape (one object
 * of strings, numbers, booleans and nulls, no duplicate key, nothing after it) in one streaming
 * pass with no tree, and throws {@link NotFlat} for anything else, so the decoder then reads the
 * record again as a tree. The tree cost about a quarter of the plain loop's time.
 */
sealed interface RecordFields {

    /** {@code v} is 1. */
    void requireVersion();

    /** Text of a scalar field; null when absent or JSON null. */
    String text(String field);

    /** An ISO-8601 instant ({@code missing_time}, {@code unparseable_time}). */
    Instant instant(String field);

    /** A coordinate, a number or numeric text. */
    double coordinate(String field);

    /** A boolean, or the text true / false; null when absent. */
    Boolean bool(String field);

    /** An integer, or integer text; null when absent. */
    Integer integer(String field);

    /** Thrown by {@link Flat} for a record that is not of the plain shape; carries no trace. */
    final class NotFlat extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFlat() {
            super(null, null, false, false);
        }
    }

    /** The fields of a Jackson tree, with the decoder's rules for every JSON shape. */
    record Tree(JsonNode n) implements RecordFields {

        @Override
        public void requireVersion() {
            JsonNode v = n.get("v");
            if (v == null || v.isNull()) {
                throw new InvalidRecordException(RejectReason.UNSUPPORTED_VERSION, "v is missing");
            }
            if (!v.isIntegralNumber() || v.asLong() != CallForService.VERSION) {
                throw new InvalidRecordException(
                        RejectReason.UNSUPPORTED_VERSION,
                        "v "
                                + Validator.abbreviate(v.toString())
                                + " is not supported (expected 1)");
            }
        }

        @Override
        public String text(String field) {
            JsonNode f = n.get(field);
            if (f == null || f.isNull()) {
                return null;
            }
            if (!f.isValueNode()) {
                throw new InvalidRecordException(
                        RejectReason.MALFORMED_RECORD,
                        field + " must be a string, not " + f.getNodeType());
            }
            return f.asText();
        }

        @Override
        public Instant instant(String field) {
            JsonNode f = n.get(field);
            if (f == null || f.isNull() || (f.isTextual() && f.asText().isBlank())) {
                throw new InvalidRecordException(RejectReason.MISSING_TIME, field + " is missing");
            }
            if (!f.isTextual()) {
                throw new InvalidRecordException(
                        RejectReason.UNPARSEABLE_TIME,
                        field + " must be an ISO-8601 string, not " + f.getNodeType());
            }
            String s = f.asText().strip();
            try {
                return IsoInstant.parse(s);
            } catch (DateTimeParseException e) {
                throw new InvalidRecordException(
                        RejectReason.UNPARSEABLE_TIME,
                        field + " '" + Validator.abbreviate(s) + "' is not an ISO-8601 instant");
            }
        }

        @Override
        public double coordinate(String field) {
            JsonNode f = n.get(field);
            if (f == null || f.isNull()) {
                throw new InvalidRecordException(
                        RejectReason.MISSING_COORDINATES, field + " is missing");
            }
            if (f.isNumber()) {
                return f.doubleValue();
            }
            if (f.isTextual()) {
                return Validator.parseCoordinate(f.asText(), field);
            }
            throw new InvalidRecordException(
                    RejectReason.UNPARSEABLE_COORDINATES,
                    field + " must be a number, not " + f.getNodeType());
        }

        @Override
        public Boolean bool(String field) {
            JsonNode f = n.get(field);
            if (f == null || f.isNull()) {
                return null;
            }
            if (f.isBoolean()) {
                return f.booleanValue();
            }
            if (f.isTextual() && (f.asText().equals("true") || f.asText().equals("false"))) {
                return Boolean.parseBoolean(f.asText());
            }
            throw new InvalidRecordException(
                    RejectReason.MALFORMED_RECORD, field + " must be true or false");
        }

        @Override
        public Integer integer(String field) {
            JsonNode f = n.get(field);
            if (f == null || f.isNull()) {
                return null;
            }
            if (f.isIntegralNumber() && f.canConvertToInt()) {
                return f.intValue();
            }
            if (f.isTextual()) {
                try {
                    return Integer.valueOf(f.asText().strip());
                } catch (NumberFormatException e) {
                    // fall through to the reject below
                }
            }
            throw new InvalidRecordException(
                    RejectReason.MALFORMED_RECORD, field + " must be an integer");
        }
    }

    /**
     * The fields of a plain record, read in one streaming pass by the project mapper's parser
     * factory (numbers read to the same doubles as the tree's). Each accessor returns what {@link
     * Tree} returns for the same text, or throws {@link NotFlat} where the tree would reject or
     * read a value differently (numbers as text, integers beyond int, blank times); a field that
     * fails a check throws as the tree does, and the decoder reads such records again as a tree, so
     * a reject always comes from the tree.
     */
    final class Flat implements RecordFields {

        /**
         * The project mapper's parser factory with Jackson's fast double parser, which reads every
         * number as the same double as {@code Double.parseDouble} (both round correctly) and saved
         * about 4% of the loop.
         */
        private static final JsonFactory FACTORY =
                Json.mapper()
                        .getFactory()
                        .rebuild()
                        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                        .build();

        private static final NotFlat NOT_FLAT = new NotFlat();

        /** The fields a call or a tip reads, each with its slot. */
        private static final Map<String, Integer> SLOTS = slots();

        private final JsonToken[] tokens = new JsonToken[SLOTS.size()]; // null: absent
        private final String[] texts = new String[SLOTS.size()];
        private final double[] numbers = new double[SLOTS.size()];
        private List<String> others; // names of the other fields, for the duplicate check

        private Flat() {}

        private static Map<String, Integer> slots() {
            List<String> names =
                    List.of(
                            "v",
                            "id",
                            "receivedAt",
                            "type",
                            "typeInitial",
                            "typeFinal",
                            "category",
                            "priority",
                            "officerInitiated",
                            "disposition",
                            "district",
                            "beat",
                            "lat",
                            "lon",
                            "address",
                            "source",
                            "text",
                            "channel");
            Map<String, Integer> slots = new HashMap<>();
            for (String n : names) slots.put(n, slots.size());
            // a HashMap: Map.copyOf's probing showed at 3% of the loop's samples
            return Collections.unmodifiableMap(slots);
        }

        /**
         * The fields of {@code json}; throws {@link NotFlat} unless it is a plain object of at most
         * {@code maxChars} chars.
         */
        static Flat read(String json, int maxChars) {
            if (json == null || json.length() > maxChars) throw NOT_FLAT;
            var fields = new Flat();
            try (JsonParser p = FACTORY.createParser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) throw NOT_FLAT;
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    fields.add(p.currentName(), p.nextToken(), p);
                }
                // the object is closed and nothing but whitespace follows it
                if (t != JsonToken.END_OBJECT || p.nextToken() != null) throw NOT_FLAT;
            } catch (NotFlat e) {
                throw e;
            } catch (Exception e) {
                // malformed JSON, a stream constraint: the tree names it
                throw NOT_FLAT;
            }
            return fields;
        }

        private void add(String name, JsonToken token, JsonParser p) throws Exception {
            if (token == null || token.isStructStart()) throw NOT_FLAT;
            Integer slot = SLOTS.get(name);
            // a duplicate key is a reject (strict reader): the tree names it
            if (slot == null) {
                if (others == null) others = new ArrayList<>();
                if (others.contains(name)) throw NOT_FLAT;
                others.add(name);
                return;
            }
            int i = slot;
            if (tokens[i] != null) throw NOT_FLAT;
            tokens[i] = token;
            switch (token) {
                case VALUE_STRING -> texts[i] = p.getText();
                case VALUE_NUMBER_FLOAT -> numbers[i] = p.getDoubleValue();
                case VALUE_NUMBER_INT -> {
                    // ints only: a long or a big integer reads differently as a priority
                    if (p.getNumberType() != JsonParser.NumberType.INT) throw NOT_FLAT;
                    numbers[i] = p.getIntValue();
                }
                default -> {} // true, false, null
            }
        }

        /** The slot of {@code field}, one the decoder reads. */
        private static int find(String field) {
            return SLOTS.get(field);
        }

        /** The token of {@code field}; a missing field reads as JSON null. */
        private JsonToken token(int i) {
            return tokens[i] == null ? JsonToken.VALUE_NULL : tokens[i];
        }

        @Override
        public void requireVersion() {
            int i = find("v");
            if (token(i) != JsonToken.VALUE_NUMBER_INT || numbers[i] != CallForService.VERSION) {
                throw NOT_FLAT;
            }
        }

        @Override
        public String text(String field) {
            int i = find(field);
            return switch (token(i)) {
                case VALUE_NULL -> null;
                case VALUE_STRING -> texts[i];
                default -> throw NOT_FLAT;
            };
        }

        @Override
        public Instant instant(String field) {
            int i = find(field);
            if (token(i) != JsonToken.VALUE_STRING) throw NOT_FLAT;
            Instant fast = IsoInstant.utc(texts[i]);
            if (fast == null) throw NOT_FLAT;
            return fast;
        }

        @Override
        public double coordinate(String field) {
            int i = find(field);
            return switch (token(i)) {
                case VALUE_NUMBER_FLOAT, VALUE_NUMBER_INT -> numbers[i];
                case VALUE_STRING -> Validator.parseCoordinate(texts[i], field);
                default -> throw NOT_FLAT;
            };
        }

        @Override
        public Boolean bool(String field) {
            int i = find(field);
            return switch (token(i)) {
                case VALUE_NULL -> null;
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> throw NOT_FLAT;
            };
        }

        @Override
        public Integer integer(String field) {
            int i = find(field);
            return switch (token(i)) {
                case VALUE_NULL -> null;
                case VALUE_NUMBER_INT -> (int) numbers[i];
                default -> throw NOT_FLAT;
            };
        }
    }
}
