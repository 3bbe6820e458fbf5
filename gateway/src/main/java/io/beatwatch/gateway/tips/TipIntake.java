package io.beatwatch.gateway.tips;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.model.Tip;
import io.beatwatch.gateway.config.GatewayConfig;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a submitted tip body into a {@link Tip}, or a rejection with a reason. Only the
 * allow-listed fields ({@link #ALLOWED_FIELDS}) are read; everything else (IP, device id, name,
 * phone, e-mail, user agent, any other field) is dropped before a tip exists. The time and id are
 * the server's, never the client's.
 */
public final class TipIntake {

    /** The only fields read from a submission. */
    public static final Set<String> ALLOWED_FIELDS =
            Set.of("category", "lat", "lon", "text", "channel");

    /** Channel used when the client names none. */
    public static final String DEFAULT_CHANNEL = "web";

    /** Rejection reason codes (also the {@code reason} tag of the rejected-tips counter). */
    public static final String NOT_AN_OBJECT = "not_an_object";

    public static final String MISSING_CATEGORY = "missing_category";
    public static final String UNKNOWN_CATEGORY = "unknown_category";
    public static final String MISSING_COORDINATES = "missing_coordinates";
    public static final String BAD_COORDINATES = "bad_coordinates";
    public static final String TEXT_TOO_LONG = "text_too_long";
    public static final String BAD_TEXT = "bad_text";
    public static final String UNKNOWN_CHANNEL = "unknown_channel";

    private final GatewayConfig.Tips config;
    private final Set<String> categories;
    private final Set<String> channels;

    public TipIntake(GatewayConfig.Tips config) {
        this.config = config;
        this.categories = Set.copyOf(config.categories());
        this.channels = Set.copyOf(config.channels());
    }

    /** The outcome of one submission: a tip, or a reason code and a client-safe detail. */
    public record Result(Tip tip, String reason, String detail) {
        public boolean accepted() {
            return tip != null;
        }

        static Result ok(Tip t) {
            return new Result(t, null, null);
        }

        static Result reject(String reason, String detail) {
            return new Result(null, reason, detail);
        }
    }

    /** Validates a parsed body; {@code ids} supplies the server-side tip id. */
    public Result accept(JsonNode body, Instant receivedAt, Supplier<String> ids) {
        if (body == null || !body.isObject()) {
            return Result.reject(NOT_AN_OBJECT, "the body must be a JSON object");
        }
        var category = body.get("category");
        if (category == null || !category.isTextual() || category.asText().isBlank()) {
            return Result.reject(MISSING_CATEGORY, "category is required");
        }
        var cat = category.asText().trim().toLowerCase(Locale.ROOT);
        if (!categories.contains(cat)) {
            return Result.reject(
                    UNKNOWN_CATEGORY, "category must be one of " + config.categories());
        }
        var lat = body.get("lat");
        var lon = body.get("lon");
        if (lat == null || lon == null || lat.isNull() || lon.isNull()) {
            return Result.reject(MISSING_COORDINATES, "lat and lon are required");
        }
        if (!lat.isNumber() || !lon.isNumber()) {
            return Result.reject(BAD_COORDINATES, "lat and lon must be numbers");
        }
        double la = lat.asDouble();
        double lo = lon.asDouble();
        if (!Double.isFinite(la)
                || !Double.isFinite(lo)
                || Math.abs(la) > 90
                || Math.abs(lo) > 180
                || (la == 0 && lo == 0)) {
            return Result.reject(BAD_COORDINATES, "lat must be -90..90 and lon -180..180");
        }
        String text = null;
        var t = body.get("text");
        if (t != null && !t.isNull()) {
            if (!t.isTextual()) {
                return Result.reject(BAD_TEXT, "text must be a string");
            }
            text = t.asText().strip();
            if (text.codePointCount(0, text.length()) > config.maxTextChars()) {
                return Result.reject(
                        TEXT_TOO_LONG,
                        "text must be at most " + config.maxTextChars() + " characters");
            }
            if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                return Result.reject(BAD_TEXT, "text must not contain control characters");
            }
            if (text.isEmpty()) {
                text = null;
            }
        }
        var channel = DEFAULT_CHANNEL;
        var ch = body.get("channel");
        if (ch != null && !ch.isNull()) {
            var c = ch.asText("").trim().toLowerCase(Locale.ROOT);
            if (!ch.isTextual() || !channels.contains(c)) {
                return Result.reject(
                        UNKNOWN_CHANNEL, "channel must be one of " + config.channels());
            }
            channel = c;
        }
        // Coordinates are kept to ~1 m (5 decimals); more precision identifies a device, not a
        // place.
        return Result.ok(
                new Tip(
                        Tip.VERSION,
                        ids.get(),
                        receivedAt,
                        cat,
                        round5(la),
                        round5(lo),
                        text,
                        channel));
    }

    static double round5(double d) {
        return Math.round(d * 1e5) / 1e5;
    }
}
