package io.beatwatch.core.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.model.Tip;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Decodes raw JSON text from Kafka (or the tips intake) into a {@link CallForService} or a {@link
 * Tip}, or a {@link io.beatwatch.core.model.Reject} naming its reason. Never throws on bad input.
 * Immutable and thread-safe.
 *
 * <p>Strict where it matters (version, id, time, type, coordinates, duplicate keys, trailing
 * garbage), lenient where harmless: unknown fields are ignored, numbers are accepted where text is
 * expected, coordinates may be numeric strings, and {@code receivedAt} may carry any ISO-8601
 * offset.
 */
public final class Decoder {

    private static final ObjectReader READER = Json.strictReader();

    private final Validator validator;
    private final Predicate<String> officerInitiatedType;

    /**
     * A decoder for events of {@code source}. A call without an {@code officerInitiated} field is
     * citizen-initiated.
     */
    public Decoder(ValidationRules rules, Clock clock, String source) {
        this(new Validator(rules, clock, source), type -> false);
    }

    /**
     * A decoder that derives {@code officerInitiated}, when the record does not carry it, from the
     * initial (else current) call type, e.g. with a city profile's officer-initiated type list.
     */
    public Decoder(Validator validator, Predicate<String> officerInitiatedType) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.officerInitiatedType =
                Objects.requireNonNull(officerInitiatedType, "officerInitiatedType");
    }

    /** The validator behind this decoder. */
    public Validator validator() {
        return validator;
    }

    /** Decodes a call from UTF-8 bytes. */
    public Parsed<CallForService> call(byte[] json) {
        return call(json == null ? null : new String(json, StandardCharsets.UTF_8));
    }

    /** Decodes a tip from UTF-8 bytes. */
    public Parsed<Tip> tip(byte[] json) {
        return tip(json == null ? null : new String(json, StandardCharsets.UTF_8));
    }

    /** Decodes a call from JSON text. */
    public Parsed<CallForService> call(String json) {
        try {
            JsonNode n = parseObject(json);
            requireVersion(n);
            String id = validator.requireId(text(n, "id"));
            Instant receivedAt = validator.requireNotFuture(instant(n, "receivedAt"));
            String type = validator.requireType(text(n, "type"), "type");
            String typeInitial = text(n, "typeInitial");
            double lat = coordinate(n, "lat");
            double lon = coordinate(n, "lon");
            validator.requireLocation(lat, lon);
            Boolean flag = bool(n, "officerInitiated");
            boolean officerInitiated =
                    flag != null
                            ? flag
                            : officerInitiatedType.test(typeInitial != null ? typeInitial : type);
            var call =
                    new CallForService(
                            CallForService.VERSION,
                            id,
                            receivedAt,
                            type,
                            typeInitial,
                            text(n, "typeFinal"),
                            text(n, "category"),
                            integer(n, "priority"),
                            officerInitiated,
                            text(n, "disposition"),
                            text(n, "district"),
                            text(n, "beat"),
                            lat,
                            lon,
                            text(n, "address"),
                            text(n, "source"));
            validator.checkLengths(call);
            return Parsed.ok(call);
        } catch (InvalidRecordException e) {
            return Parsed.rejected(validator.reject(e, json));
        }
    }

    /** Decodes a tip from JSON text. */
    public Parsed<Tip> tip(String json) {
        try {
            JsonNode n = parseObject(json);
            requireVersion(n);
            String id = validator.requireId(text(n, "id"));
            Instant receivedAt = validator.requireNotFuture(instant(n, "receivedAt"));
            String category = validator.requireType(text(n, "category"), "category");
            double lat = coordinate(n, "lat");
            double lon = coordinate(n, "lon");
            validator.requireLocation(lat, lon);
            var tip =
                    new Tip(
                            Tip.VERSION,
                            id,
                            receivedAt,
                            category,
                            lat,
                            lon,
                            text(n, "text"),
                            text(n, "channel"));
            validator.checkLengths(tip);
            return Parsed.ok(tip);
        } catch (InvalidRecordException e) {
            return Parsed.rejected(validator.reject(e, json));
        }
    }

    private JsonNode parseObject(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidRecordException(RejectReason.MALFORMED_RECORD, "empty payload");
        }
        validator.requireRecordSize(json.length());
        JsonNode node;
        try {
            node = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(
                    RejectReason.MALFORMED_RECORD, "malformed JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            // Jackson's stream constraints (nesting depth, number length) throw unchecked.
            throw new InvalidRecordException(
                    RejectReason.MALFORMED_RECORD, "malformed JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(
                    RejectReason.MALFORMED_RECORD, "payload is not a JSON object");
        }
        return node;
    }

    private static void requireVersion(JsonNode n) {
        JsonNode v = n.get("v");
        if (v == null || v.isNull()) {
            throw new InvalidRecordException(RejectReason.UNSUPPORTED_VERSION, "v is missing");
        }
        if (!v.isIntegralNumber() || v.asLong() != CallForService.VERSION) {
            throw new InvalidRecordException(
                    RejectReason.UNSUPPORTED_VERSION,
                    "v " + Validator.abbreviate(v.toString()) + " is not supported (expected 1)");
        }
    }

    /** Text of a scalar field; null when absent or JSON null. */
    private static String text(JsonNode n, String field) {
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

    private static Instant instant(JsonNode n, String field) {
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
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw new InvalidRecordException(
                        RejectReason.UNPARSEABLE_TIME,
                        field + " '" + Validator.abbreviate(s) + "' is not an ISO-8601 instant");
            }
        }
    }

    private static double coordinate(JsonNode n, String field) {
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

    private static Boolean bool(JsonNode n, String field) {
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

    private static Integer integer(JsonNode n, String field) {
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
