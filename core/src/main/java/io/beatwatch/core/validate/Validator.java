package io.beatwatch.core.validate;

import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.Reject;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.model.Tip;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The semantic checks every event passes, whatever its origin (Kafka JSON, a CSV row, the tips
 * intake): id and type present, time not in the future, coordinates real and inside the city,
 * fields within their limits. Each check throws {@link InvalidRecordException}; the {@code check}
 * methods catch it and return a {@link Parsed}. Immutable and thread-safe.
 *
 * <p>Check order (the first failing check names the reject): id, time, type, coordinates, bounds,
 * field lengths.
 */
public final class Validator {

    /**
     * Both coordinates closer to zero than this mean "no location": feeds write 0,0 or 1e-05,-1e-05
     * for calls they could not geocode.
     */
    static final double PLACEHOLDER_EPSILON = 1e-3;

    private static final int MAX_PAYLOAD_IN_REJECT = 4_096;

    private final ValidationRules rules;
    private final Clock clock;
    private final String source;

    /**
     * A validator for events of {@code source} (feed name, written into rejects), judged against
     * {@code clock} for the future-time check.
     */
    public Validator(ValidationRules rules, Clock clock, String source) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.source = source;
    }

    /** The rules this validator applies. */
    public ValidationRules rules() {
        return rules;
    }

    /** The feed name written into rejects. */
    public String source() {
        return source;
    }

    /** Checks a call built elsewhere; ok with the same call, or the first failing reason. */
    public Parsed<CallForService> check(CallForService call, String payload) {
        try {
            requireId(call.id());
            requireNotFuture(call.receivedAt());
            requireType(call.type(), "type");
            requireLocation(call.lat(), call.lon());
            checkLengths(call);
            return Parsed.ok(call);
        } catch (InvalidRecordException e) {
            return Parsed.rejected(reject(e, payload));
        }
    }

    /** Checks a tip built elsewhere; ok with the same tip, or the first failing reason. */
    public Parsed<Tip> check(Tip tip, String payload) {
        try {
            requireId(tip.id());
            requireNotFuture(tip.receivedAt());
            requireType(tip.category(), "category");
            requireLocation(tip.lat(), tip.lon());
            checkLengths(tip);
            return Parsed.ok(tip);
        } catch (InvalidRecordException e) {
            return Parsed.rejected(reject(e, payload));
        }
    }

    /** A reject stamped with this validator's clock and source. */
    public Reject reject(RejectReason reason, String detail, String payload) {
        return new Reject(
                Reject.VERSION, source, truncate(payload), reason, detail, clock.instant());
    }

    /** A reject from a failed check. */
    public Reject reject(InvalidRecordException e, String payload) {
        return reject(e.reason(), e.detail(), payload);
    }

    /** The trimmed id, or {@code missing_id}. */
    public String requireId(String raw) {
        if (isBlank(raw)) {
            throw new InvalidRecordException(RejectReason.MISSING_ID, "id is missing or empty");
        }
        return raw.strip();
    }

    /** The trimmed type, or {@code missing_type} naming {@code field}. */
    public String requireType(String raw, String field) {
        if (isBlank(raw)) {
            throw new InvalidRecordException(
                    RejectReason.MISSING_TYPE, field + " is missing or empty");
        }
        return raw.strip();
    }

    /** The time if it is not beyond now + the allowed skew, else {@code future_time}. */
    public Instant requireNotFuture(Instant time) {
        if (time == null) {
            throw new InvalidRecordException(RejectReason.MISSING_TIME, "time is missing");
        }
        Instant latest = clock.instant().plus(rules.maxFutureSkew());
        if (time.isAfter(latest)) {
            throw new InvalidRecordException(
                    RejectReason.FUTURE_TIME,
                    "time "
                            + time
                            + " is after now + "
                            + rules.maxFutureSkew()
                            + " ("
                            + latest
                            + ")");
        }
        return time;
    }

    /**
     * Checks a parsed coordinate pair: real numbers in range ({@code unparseable_coordinates}), not
     * a 0,0 placeholder ({@code missing_coordinates}), inside the bounds ({@code out_of_bounds}).
     */
    public void requireLocation(double lat, double lon) {
        if (!Double.isFinite(lat)
                || !Double.isFinite(lon)
                || Math.abs(lat) > 90
                || Math.abs(lon) > 180) {
            throw new InvalidRecordException(
                    RejectReason.UNPARSEABLE_COORDINATES,
                    "coordinates " + lat + "," + lon + " are not a WGS84 point");
        }
        if (Math.abs(lat) < PLACEHOLDER_EPSILON && Math.abs(lon) < PLACEHOLDER_EPSILON) {
            throw new InvalidRecordException(
                    RejectReason.MISSING_COORDINATES,
                    "coordinates " + lat + "," + lon + " are a 0,0 placeholder");
        }
        if (!rules.bounds().contains(lat, lon)) {
            throw new InvalidRecordException(
                    RejectReason.OUT_OF_BOUNDS,
                    "coordinates " + lat + "," + lon + " outside " + rules.bounds());
        }
    }

    /**
     * Parses one coordinate from text: blank is {@code missing_coordinates}, anything but a finite
     * decimal number is {@code unparseable_coordinates}.
     */
    public static double parseCoordinate(String raw, String field) {
        if (isBlank(raw)) {
            throw new InvalidRecordException(
                    RejectReason.MISSING_COORDINATES, field + " is missing or empty");
        }
        String s = raw.strip();
        try {
            double value = Double.parseDouble(s);
            // parseDouble accepts "NaN", "Infinity" and hex floats: none is a coordinate.
            if (!Double.isFinite(value) || !looksDecimal(s)) {
                throw new NumberFormatException(s);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidRecordException(
                    RejectReason.UNPARSEABLE_COORDINATES,
                    field + " '" + abbreviate(s) + "' is not a number");
        }
    }

    /** Checks every text field of a call against the limits. */
    public void checkLengths(CallForService c) {
        FieldLimits l = rules.limits();
        requireMaxLength("id", c.id(), l.maxIdLength());
        requireMaxLength("type", c.type(), l.maxTypeLength());
        requireMaxLength("typeInitial", c.typeInitial(), l.maxTypeLength());
        requireMaxLength("typeFinal", c.typeFinal(), l.maxTypeLength());
        requireMaxLength("category", c.category(), l.maxTypeLength());
        requireMaxLength("disposition", c.disposition(), l.maxFieldLength());
        requireMaxLength("district", c.district(), l.maxFieldLength());
        requireMaxLength("beat", c.beat(), l.maxFieldLength());
        requireMaxLength("address", c.address(), l.maxFieldLength());
        requireMaxLength("source", c.source(), l.maxFieldLength());
    }

    /** Checks every text field of a tip against the limits. */
    public void checkLengths(Tip t) {
        FieldLimits l = rules.limits();
        requireMaxLength("id", t.id(), l.maxIdLength());
        requireMaxLength("category", t.category(), l.maxTypeLength());
        requireMaxLength("text", t.text(), l.maxTextLength());
        requireMaxLength("channel", t.channel(), l.maxFieldLength());
    }

    /** {@code oversized_record} if a whole record is longer than the limit. */
    public void requireRecordSize(int chars) {
        if (chars > rules.limits().maxRecordChars()) {
            throw new InvalidRecordException(
                    RejectReason.OVERSIZED_RECORD,
                    "record of " + chars + " chars exceeds " + rules.limits().maxRecordChars());
        }
    }

    private static void requireMaxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidRecordException(
                    RejectReason.OVERSIZED_FIELD,
                    field + " has " + value.length() + " chars, limit " + max);
        }
    }

    /** Null, empty or only whitespace. */
    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** At most 40 chars of {@code s}, for reject details that must stay short. */
    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static boolean looksDecimal(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9')
                    && c != '.'
                    && c != '-'
                    && c != '+'
                    && c != 'e'
                    && c != 'E') {
                return false;
            }
        }
        return true;
    }

    private static String truncate(String payload) {
        if (payload == null || payload.length() <= MAX_PAYLOAD_IN_REJECT) {
            return payload;
        }
        return payload.substring(0, MAX_PAYLOAD_IN_REJECT) + "...[truncated]";
    }
}
