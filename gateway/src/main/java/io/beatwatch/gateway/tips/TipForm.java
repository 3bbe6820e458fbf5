package io.beatwatch.gateway.tips;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.view.Hexes;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a submission of the public tip form into the body the tip intake takes: the picked point
 * becomes the centre of its cell (so a tip carries a cell, never a device location), free text and
 * the typed place are scrubbed ({@link TextScrubber}), and the answer to "when" and the contact the
 * tipster chose to give (only with {@code contactOptIn}) go into the text. Every other field is
 * dropped; the intake then validates as for the API.
 */
public final class TipForm {

    /** The only fields read from a form submission. */
    public static final Set<String> FIELDS =
            Set.of("category", "lat", "lon", "place", "when", "text", "contactOptIn", "contact");

    /** Answers to "when" (the page's text keys). */
    public static final Set<String> WHEN = Set.of("now", "today", "this_week", "earlier");

    /** Longest typed place and contact. */
    public static final int MAX_PLACE = 200;

    public static final int MAX_CONTACT = 200;

    private final int cellResolution;

    public TipForm(int cellResolution) {
        this.cellResolution = cellResolution;
    }

    /** A rejected form: reason code and a client-safe detail. */
    public static final class Rejected extends Exception {
        private final String reason;

        Rejected(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The intake body for a form submission. */
    public ObjectNode toIntakeBody(JsonNode form) throws Rejected {
        if (form == null || !form.isObject()) {
            throw new Rejected(TipIntake.NOT_AN_OBJECT, "the body must be a JSON object");
        }
        var out = Json.object();
        if (form.has("category")) {
            out.set("category", form.get("category"));
        }
        var lat = form.get("lat");
        var lon = form.get("lon");
        if (lat != null && lon != null && lat.isNumber() && lon.isNumber()) {
            double la = lat.asDouble();
            double lo = lon.asDouble();
            if (Double.isFinite(la)
                    && Double.isFinite(lo)
                    && Math.abs(la) <= 90
                    && Math.abs(lo) <= 180) {
                var centre = Hexes.center(Hexes.cellAt(la, lo, cellResolution));
                out.put("lat", centre.lat);
                out.put("lon", centre.lng);
            } else {
                out.put("lat", la);
                out.put("lon", lo);
            }
        } else {
            if (lat != null) out.set("lat", lat);
            if (lon != null) out.set("lon", lon);
        }
        var text = new StringBuilder();
        var t = optionalText(form, "text", Integer.MAX_VALUE);
        if (t != null) {
            text.append(TextScrubber.scrub(t));
        }
        var place = optionalText(form, "place", MAX_PLACE);
        if (place != null) {
            text.append(text.length() > 0 ? "\n" : "")
                    .append("Place: ")
                    .append(TextScrubber.scrub(place));
        }
        var when = optionalText(form, "when", 32);
        if (when != null) {
            var w = when.toLowerCase(Locale.ROOT);
            if (!WHEN.contains(w)) {
                throw new Rejected("bad_when", "when must be one of " + WHEN);
            }
            text.append(text.length() > 0 ? "\n" : "").append("When: ").append(w);
        }
        var optIn = form.path("contactOptIn").asBoolean(false);
        var contact = optIn ? optionalText(form, "contact", MAX_CONTACT) : null;
        if (contact != null) {
            // given on purpose by the tipster: kept as typed, never scrubbed
            text.append(text.length() > 0 ? "\n" : "")
                    .append("Contact (the tipster chose to give it): ")
                    .append(contact);
        }
        if (text.length() > 0) {
            out.put("text", text.toString());
        }
        out.put("channel", TipIntake.DEFAULT_CHANNEL);
        return out;
    }

    private static String optionalText(JsonNode form, String field, int max) throws Rejected {
        var v = form.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Rejected(TipIntake.BAD_TEXT, field + " must be a string");
        }
        var s = v.asText().strip();
        if (s.codePointCount(0, s.length()) > max) {
            throw new Rejected(
                    TipIntake.TEXT_TOO_LONG, field + " must be at most " + max + " characters");
        }
        return s.isEmpty() ? null : s;
    }

    /** The reference a tipster can quote, from the tip id: {@code BW-} and its first 8 hex. */
    public static String reference(String tipId) {
        var hex = tipId.replace("-", "").toUpperCase(Locale.ROOT);
        return "BW-" + hex.substring(0, 4) + "-" + hex.substring(4, 8);
    }
}
