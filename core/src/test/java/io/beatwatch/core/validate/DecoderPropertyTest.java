package io.beatwatch.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.Reject;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.model.Tip;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property tests of {@link Decoder} on untrusted input: it never throws, never hangs, every reject
 * names its reason, and a valid record changed in one field is either accepted with the other
 * fields intact or rejected for that field. Fixed seeds and modest tries, so CI stays quick.
 */
class DecoderPropertyTest {

    static final Decoder DECODER = DecoderTest.DECODER;
    static final Duration BOUND = Duration.ofSeconds(2);

    /** The reasons a change to each wire field may cause (besides the record-level ones). */
    static final Map<String, Set<RejectReason>> FIELD_REASONS =
            Map.ofEntries(
                    Map.entry("v", EnumSet.of(RejectReason.UNSUPPORTED_VERSION)),
                    Map.entry(
                            "id",
                            EnumSet.of(
                                    RejectReason.MISSING_ID,
                                    RejectReason.OVERSIZED_FIELD,
                                    RejectReason.MALFORMED_RECORD)),
                    Map.entry(
                            "receivedAt",
                            EnumSet.of(
                                    RejectReason.MISSING_TIME,
                                    RejectReason.UNPARSEABLE_TIME,
                                    RejectReason.FUTURE_TIME)),
                    Map.entry(
                            "type",
                            EnumSet.of(
                                    RejectReason.MISSING_TYPE,
                                    RejectReason.OVERSIZED_FIELD,
                                    RejectReason.MALFORMED_RECORD)),
                    Map.entry(
                            "category",
                            EnumSet.of(
                                    RejectReason.MISSING_TYPE,
                                    RejectReason.OVERSIZED_FIELD,
                                    RejectReason.MALFORMED_RECORD)),
                    Map.entry("lat", coordinateReasons()),
                    Map.entry("lon", coordinateReasons()),
                    Map.entry("priority", EnumSet.of(RejectReason.MALFORMED_RECORD)),
                    Map.entry("officerInitiated", EnumSet.of(RejectReason.MALFORMED_RECORD)));

    static final Set<RejectReason> TEXT_FIELD_REASONS =
            EnumSet.of(RejectReason.OVERSIZED_FIELD, RejectReason.MALFORMED_RECORD);

    static final List<String> CALL_FIELDS =
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
                    "source");

    static final List<String> TIP_FIELDS =
            List.of("v", "id", "receivedAt", "category", "lat", "lon", "text", "channel");

    private static EnumSet<RejectReason> coordinateReasons() {
        return EnumSet.of(
                RejectReason.MISSING_COORDINATES,
                RejectReason.UNPARSEABLE_COORDINATES,
                RejectReason.OUT_OF_BOUNDS);
    }

    @Property(tries = 300, seed = "13")
    void arbitraryTextNeverThrowsAndEveryRejectIsNamed(@ForAll @Size(max = 300) String text) {
        decodeBoth(text);
    }

    @Property(tries = 300, seed = "13")
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 300) byte[] bytes) {
        Parsed<CallForService> call = bounded(() -> DECODER.call(bytes));
        Parsed<Tip> tip = bounded(() -> DECODER.tip(bytes));
        assertNamed(call);
        assertNamed(tip);
    }

    @Property(tries = 300, seed = "13")
    void mutatedCallsNeverThrow(@ForAll("mutatedCalls") String json) {
        decodeBoth(json);
    }

    @Property(tries = 400, seed = "13")
    void callChangedInOneFieldIsSameCallOrRejectForThatField(
            @ForAll("callFields") String field, @ForAll("jsonValues") JsonNode value) {
        ObjectNode n = (ObjectNode) Json.tree(Json.encode(DecoderTest.CALL));
        n.set(field, value);
        Parsed<CallForService> p = bounded(() -> DECODER.call(n.toString()));
        assertNamed(p);
        if (p.isOk()) {
            assertSameExcept(DecoderTest.CALL, p.value(), field);
        } else {
            assertThat(p.reject().reason())
                    .as("reject for a change to %s: %s", field, p.reject().detail())
                    .isIn(FIELD_REASONS.getOrDefault(field, TEXT_FIELD_REASONS));
        }
    }

    @Property(tries = 200, seed = "13")
    void tipChangedInOneFieldIsSameTipOrRejectForThatField(
            @ForAll("tipFields") String field, @ForAll("jsonValues") JsonNode value) {
        ObjectNode n = (ObjectNode) Json.tree(Json.encode(DecoderTest.TIP));
        n.set(field, value);
        Parsed<Tip> p = bounded(() -> DECODER.tip(n.toString()));
        assertNamed(p);
        if (p.isOk()) {
            assertSameExcept(DecoderTest.TIP, p.value(), field);
        } else {
            assertThat(p.reject().reason())
                    .as("reject for a change to %s: %s", field, p.reject().detail())
                    .isIn(FIELD_REASONS.getOrDefault(field, TEXT_FIELD_REASONS));
        }
    }

    @Property(tries = 60, seed = "13")
    void deepNestingIsMalformedNotAStackOverflow(@ForAll @IntRange(min = 1, max = 20_000) int d) {
        String nested = "[".repeat(d) + "]".repeat(d);
        String json = DecoderTest.call(n -> {}).replace("\"C-1\"", nested);
        Parsed<CallForService> p = bounded(() -> DECODER.call(json));
        assertThat(p.isOk()).isFalse();
        assertThat(p.reject().reason())
                .isIn(RejectReason.MALFORMED_RECORD, RejectReason.OVERSIZED_RECORD);
    }

    @Property(tries = 100, seed = "13")
    void duplicatedKeysAreMalformed(@ForAll("presentCallFields") String field) {
        String json = DecoderTest.call(n -> {});
        String dup = json.substring(0, json.length() - 1) + ",\"" + field + "\":\"x\"}";
        Parsed<CallForService> p = bounded(() -> DECODER.call(dup));
        assertThat(p.isOk()).isFalse();
        assertThat(p.reject().reason()).isEqualTo(RejectReason.MALFORMED_RECORD);
    }

    @Property(tries = 200, seed = "13")
    void timesDecadesAwayAreAcceptedOrFutureOrUnparseable(
            @ForAll @IntRange(min = -999_999, max = 999_999) int year,
            @ForAll @IntRange(min = 1, max = 12) int month,
            @ForAll @IntRange(min = 1, max = 31) int day) {
        String y =
                year < 0 || year > 9999 ? String.format("%+d", year) : String.format("%04d", year);
        String at = String.format("%s-%02d-%02dT12:00:00Z", y, month, day);
        Parsed<CallForService> p =
                bounded(() -> DECODER.call(DecoderTest.call(n -> n.put("receivedAt", at))));
        assertNamed(p);
        if (!p.isOk()) {
            assertThat(p.reject().reason())
                    .isIn(RejectReason.FUTURE_TIME, RejectReason.UNPARSEABLE_TIME);
        }
    }

    /** Any JSON value: numbers of every size, NaN-like text, strings, nested values. */
    @Provide
    Arbitrary<JsonNode> jsonValues() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> scalars =
                Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(50).map(f::textNode),
                        Arbitraries.strings().ofMinLength(60).ofMaxLength(3_000).map(f::textNode),
                        Arbitraries.of(
                                        "NaN",
                                        "Infinity",
                                        "-Infinity",
                                        "0x1p3",
                                        "1e400",
                                        "29.42",
                                        "-98.49",
                                        " 29.5 ",
                                        "",
                                        " ",
                                        "true",
                                        "1",
                                        "9999999999999999999999",
                                        "2024-06-01T12:00:00+02:00",
                                        "2099-01-01T00:00:00Z",
                                        "1970-01-01T00:00:00Z",
                                        "\u0000",
                                        "\uFFFD\uD800")
                                .map(f::textNode),
                        Arbitraries.doubles().map(f::numberNode),
                        Arbitraries.longs().map(f::numberNode),
                        Arbitraries.bigIntegers()
                                .between(
                                        java.math.BigInteger.TEN.pow(30).negate(),
                                        java.math.BigInteger.TEN.pow(30))
                                .map(f::numberNode),
                        Arbitraries.of(
                                f.nullNode(),
                                f.booleanNode(true),
                                f.booleanNode(false),
                                f.numberNode(1),
                                f.numberNode(0),
                                f.numberNode(29.42)));
        return Arbitraries.oneOf(
                scalars,
                scalars,
                scalars,
                scalars.list().ofMaxSize(3).map(l -> f.arrayNode().addAll(l)),
                scalars.map(v -> f.objectNode().set("x", v)));
    }

    @Provide
    Arbitrary<String> callFields() {
        return Arbitraries.of(CALL_FIELDS);
    }

    /** The fields the valid call's JSON carries (nulls are not written). */
    @Provide
    Arbitrary<String> presentCallFields() {
        List<String> present = new java.util.ArrayList<>();
        Json.tree(Json.encode(DecoderTest.CALL)).fieldNames().forEachRemaining(present::add);
        return Arbitraries.of(present);
    }

    @Provide
    Arbitrary<String> tipFields() {
        return Arbitraries.of(TIP_FIELDS);
    }

    /** The valid call's JSON, cut, flipped, spliced or with a byte changed. */
    @Provide
    Arbitrary<String> mutatedCalls() {
        String base = DecoderTest.call(n -> {});
        Arbitrary<Integer> at = Arbitraries.integers().between(0, base.length());
        return Arbitraries.oneOf(
                at.map(i -> base.substring(0, i)),
                Combinators.combine(at, Arbitraries.chars())
                        .as(
                                (i, c) ->
                                        base.substring(0, Math.min(i, base.length() - 1))
                                                + c
                                                + base.substring(Math.min(i + 1, base.length()))),
                Combinators.combine(at, Arbitraries.strings().ofMaxLength(20))
                        .as((i, s) -> base.substring(0, i) + s + base.substring(i)),
                Combinators.combine(at, at)
                        .as(
                                (i, j) ->
                                        base.substring(0, Math.min(i, j))
                                                + base.substring(Math.max(i, j))),
                Arbitraries.integers().between(1, 5).map(k -> base.repeat(k)),
                Arbitraries.just(
                        new String(
                                base.getBytes(StandardCharsets.UTF_16LE),
                                StandardCharsets.ISO_8859_1)));
    }

    static void decodeBoth(String text) {
        assertNamed(bounded(() -> DECODER.call(text)));
        assertNamed(bounded(() -> DECODER.tip(text)));
    }

    /** Runs {@code decode} under a time bound (a hang fails the property, not the build). */
    static <T> T bounded(Supplier<T> decode) {
        return assertTimeoutPreemptively(BOUND, decode::get);
    }

    /** Ok, or a reject with a reason, a detail and a stamp. */
    static void assertNamed(Parsed<?> p) {
        assertThat(p).isNotNull();
        if (!p.isOk()) {
            Reject r = p.reject();
            assertThat(r.reason()).isNotNull();
            assertThat(r.reason().code()).isNotBlank();
            assertThat(r.detail()).isNotBlank();
        }
    }

    /** Every wire field of {@code actual} but {@code field} is the one of {@code expected}. */
    static void assertSameExcept(Object expected, Object actual, String field) {
        ObjectNode e = (ObjectNode) Json.tree(Json.encode(expected));
        ObjectNode a = (ObjectNode) Json.tree(Json.encode(actual));
        e.remove(field);
        a.remove(field);
        assertThat(a).as("fields other than %s", field).isEqualTo(e);
    }
}
