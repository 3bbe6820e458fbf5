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
            // the common case: a plain object read in one streaming pass, no tree built
            return Parsed.ok(call(flat(json)));
        } catch (RecordFields.NotFlat | InvalidRecordException e) {
            // any other shape, and every reject, through the tree: it names the reason
        }
        return callFromTree(json);
    }

    /** Decodes a tip from JSON text. */
    public Parsed<Tip> tip(String json) {
        try {
            return Parsed.ok(tip(flat(json)));
        } catch (RecordFields.NotFlat | InvalidRecordException e) {
            // any other shape, and every reject, through the tree: it names the reason
        }
        return tipFromTree(json);
    }

    /** The call as the tree path alone reads it (tests compare it with the fast path). */
    Parsed<CallForService> callFromTree(String json) {
        try {
            return Parsed.ok(call(new RecordFields.Tree(parseObject(json))));
        } catch (InvalidRecordException e) {
            return Parsed.rejected(validator.reject(e, json));
        }
    }

    /** The tip as the tree path alone reads it (tests compare it with the fast path). */
    Parsed<Tip> tipFromTree(String json) {
        try {
            return Parsed.ok(tip(new RecordFields.Tree(parseObject(json))));
        } catch (InvalidRecordException e) {
            return Parsed.rejected(validator.reject(e, json));
        }
    }

    /** The fields of a plain record within the size limit; {@code NotFlat} otherwise. */
    private RecordFields flat(String json) {
        return RecordFields.Flat.read(json, validator.rules().limits().maxRecordChars());
    }

    private CallForService call(RecordFields n) {
        n.requireVersion();
        String id = validator.requireId(n.text("id"));
        Instant receivedAt = validator.requireNotFuture(n.instant("receivedAt"));
        String type = validator.requireType(n.text("type"), "type");
        String typeInitial = n.text("typeInitial");
        double lat = n.coordinate("lat");
        double lon = n.coordinate("lon");
        validator.requireLocation(lat, lon);
        Boolean flag = n.bool("officerInitiated");
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
                        n.text("typeFinal"),
                        n.text("category"),
                        n.integer("priority"),
                        officerInitiated,
                        n.text("disposition"),
                        n.text("district"),
                        n.text("beat"),
                        lat,
                        lon,
                        n.text("address"),
                        n.text("source"));
        validator.checkLengths(call);
        return call;
    }

    private Tip tip(RecordFields n) {
        n.requireVersion();
        String id = validator.requireId(n.text("id"));
        Instant receivedAt = validator.requireNotFuture(n.instant("receivedAt"));
        String category = validator.requireType(n.text("category"), "category");
        double lat = n.coordinate("lat");
        double lon = n.coordinate("lon");
        validator.requireLocation(lat, lon);
        var tip =
                new Tip(
                        Tip.VERSION,
                        id,
                        receivedAt,
                        category,
                        lat,
                        lon,
                        n.text("text"),
                        n.text("channel"));
        validator.checkLengths(tip);
        return tip;
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
}
