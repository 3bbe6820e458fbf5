package io.beatwatch.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.Reject;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.model.Tip;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecoderTest {

    static final Instant NOW = Instant.parse("2024-06-02T00:00:00Z");
    static final Instant T0 = NOW.minus(Duration.ofHours(3));
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Bounds SAN_ANTONIO = new Bounds(29.0, 29.85, -98.95, -98.15);
    static final ValidationRules RULES = ValidationRules.of(SAN_ANTONIO);
    static final Decoder DECODER = new Decoder(RULES, CLOCK, "test-feed");

    static final CallForService CALL =
            new CallForService(
                    1,
                    "C-1",
                    T0,
                    "Disturbance",
                    null,
                    null,
                    "Other Calls",
                    2,
                    false,
                    null,
                    "CENTRAL",
                    "2110",
                    29.42,
                    -98.49,
                    "100 Test St",
                    "sapd-cad");

    static final Tip TIP = new Tip(1, "T-1", T0, "Graffiti", 29.42, -98.49, "on the wall", "app");

    /** The valid call as JSON, changed by {@code edit}. */
    static String call(Consumer<ObjectNode> edit) {
        ObjectNode n = (ObjectNode) Json.tree(Json.encode(CALL));
        edit.accept(n);
        return n.toString();
    }

    static String tip(Consumer<ObjectNode> edit) {
        ObjectNode n = (ObjectNode) Json.tree(Json.encode(TIP));
        edit.accept(n);
        return n.toString();
    }

    static Stream<Arguments> badCalls() {
        return Stream.of(
                bad(RejectReason.MALFORMED_RECORD, "{\"v\":1,\"id\":"),
                bad(RejectReason.MALFORMED_RECORD, "[1,2,3]"),
                bad(RejectReason.MALFORMED_RECORD, "\"just a string\""),
                bad(RejectReason.MALFORMED_RECORD, ""),
                bad(RejectReason.MALFORMED_RECORD, null),
                bad(RejectReason.MALFORMED_RECORD, call(n -> {}) + " trailing"),
                bad(
                        RejectReason.MALFORMED_RECORD,
                        call(n -> {}).replace("\"id\":\"C-1\"", "\"id\":\"C-1\",\"id\":\"C-2\"")),
                bad(RejectReason.MALFORMED_RECORD, call(n -> n.putObject("district").put("a", 1))),
                bad(RejectReason.MALFORMED_RECORD, call(n -> n.put("officerInitiated", "maybe"))),
                bad(RejectReason.MALFORMED_RECORD, call(n -> n.put("priority", "urgent"))),
                bad(RejectReason.UNSUPPORTED_VERSION, call(n -> n.remove("v"))),
                bad(RejectReason.UNSUPPORTED_VERSION, call(n -> n.put("v", 2))),
                bad(RejectReason.UNSUPPORTED_VERSION, call(n -> n.put("v", "1"))),
                bad(RejectReason.MISSING_ID, call(n -> n.remove("id"))),
                bad(RejectReason.MISSING_ID, call(n -> n.put("id", "   "))),
                bad(RejectReason.MISSING_ID, call(n -> n.putNull("id"))),
                bad(RejectReason.MISSING_TIME, call(n -> n.remove("receivedAt"))),
                bad(RejectReason.MISSING_TIME, call(n -> n.put("receivedAt", ""))),
                bad(RejectReason.UNPARSEABLE_TIME, call(n -> n.put("receivedAt", "yesterday"))),
                bad(RejectReason.UNPARSEABLE_TIME, call(n -> n.put("receivedAt", 1717200000000L))),
                bad(
                        RejectReason.UNPARSEABLE_TIME,
                        call(n -> n.put("receivedAt", "2024-13-01T00:00:00Z"))),
                bad(
                        RejectReason.FUTURE_TIME,
                        call(
                                n ->
                                        n.put(
                                                "receivedAt",
                                                NOW.plus(Duration.ofMinutes(61)).toString()))),
                bad(RejectReason.MISSING_TYPE, call(n -> n.remove("type"))),
                bad(RejectReason.MISSING_TYPE, call(n -> n.put("type", ""))),
                bad(RejectReason.MISSING_COORDINATES, call(n -> n.remove("lat"))),
                bad(RejectReason.MISSING_COORDINATES, call(n -> n.putNull("lon"))),
                bad(
                        RejectReason.MISSING_COORDINATES,
                        call(n -> n.put("lat", "")),
                        "blank text coordinate"),
                bad(RejectReason.MISSING_COORDINATES, call(n -> n.put("lat", 0.0).put("lon", 0.0))),
                bad(
                        RejectReason.MISSING_COORDINATES,
                        call(n -> n.put("lat", 1e-05).put("lon", -1e-05))),
                bad(RejectReason.UNPARSEABLE_COORDINATES, call(n -> n.put("lat", "north"))),
                bad(RejectReason.UNPARSEABLE_COORDINATES, call(n -> n.put("lat", "NaN"))),
                bad(RejectReason.UNPARSEABLE_COORDINATES, call(n -> n.put("lat", "0x1p4"))),
                bad(RejectReason.UNPARSEABLE_COORDINATES, call(n -> n.put("lat", 91.5))),
                bad(RejectReason.UNPARSEABLE_COORDINATES, call(n -> n.put("lon", true))),
                bad(RejectReason.OUT_OF_BOUNDS, call(n -> n.put("lat", 30.41).put("lon", -97.70))),
                bad(RejectReason.OVERSIZED_FIELD, call(n -> n.put("id", "x".repeat(65)))),
                bad(RejectReason.OVERSIZED_FIELD, call(n -> n.put("type", "t".repeat(101)))),
                bad(RejectReason.OVERSIZED_FIELD, call(n -> n.put("address", "a".repeat(201)))),
                bad(
                        RejectReason.OVERSIZED_RECORD,
                        call(n -> n.put("padding", "p".repeat(20_000)))));
    }

    private static Arguments bad(RejectReason reason, String json) {
        return Arguments.of(reason, json, json == null ? "null" : Validator.abbreviate(json));
    }

    private static Arguments bad(RejectReason reason, String json, String label) {
        return Arguments.of(reason, json, label);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("badCalls")
    void rejectsBadCallWithItsReason(RejectReason reason, String json, String label) {
        Parsed<CallForService> parsed = DECODER.call(json);

        assertThat(parsed.isOk()).isFalse();
        Reject r = parsed.reject();
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.detail()).isNotBlank();
        assertThat(r.source()).isEqualTo("test-feed");
        assertThat(r.at()).isEqualTo(NOW);
        assertThat(r.v()).isEqualTo(Reject.VERSION);
    }

    @Test
    void everyReasonIsReachableExceptTypeListOnes() {
        Set<RejectReason> seen =
                badCalls()
                        .map(a -> (RejectReason) a.get()[0])
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(RejectReason.class)));

        // unknown_type is for agencies that whitelist their types; no decoder emits it yet.
        assertThat(seen).containsAll(EnumSet.complementOf(EnumSet.of(RejectReason.UNKNOWN_TYPE)));
    }

    @Test
    void rejectKeepsOriginalPayloadTruncatedWhenHuge() {
        String json = call(n -> n.put("padding", "p".repeat(20_000)));

        Reject r = DECODER.call(json).reject();

        assertThat(r.payload()).startsWith(json.substring(0, 100)).endsWith("[truncated]");
        assertThat(r.payload().length()).isLessThan(5_000);
        assertThat(DECODER.call("{\"v\":2}").reject().payload()).isEqualTo("{\"v\":2}");
    }

    @Test
    void acceptsValidCallAsEncoded() {
        Parsed<CallForService> parsed = DECODER.call(Json.encode(CALL));

        assertThat(parsed.isOk()).isTrue();
        assertThat(parsed.value()).isEqualTo(CALL);
        assertThat(DECODER.call(Json.encodeBytes(CALL)).value()).isEqualTo(CALL);
    }

    @Test
    void isLenientWhereHarmless() {
        String json =
                call(
                        n -> {
                            n.put("lat", "29.42");
                            n.put("lon", "-98.49");
                            n.put("receivedAt", "2024-06-01T16:00:00-05:00");
                            n.put("priority", "2");
                            n.put("futureField", "ignored");
                        });

        CallForService c = DECODER.call(json).value();

        assertThat(c.receivedAt()).isEqualTo(Instant.parse("2024-06-01T21:00:00Z"));
        assertThat(c.lat()).isEqualTo(29.42);
        assertThat(c.priority()).isEqualTo(2);
    }

    @Test
    void acceptsTimeWithinTheAllowedSkew() {
        String json = call(n -> n.put("receivedAt", NOW.plus(Duration.ofMinutes(59)).toString()));

        assertThat(DECODER.call(json).isOk()).isTrue();
    }

    @Test
    void skewIsConfigurable() {
        var strict = new Decoder(new ValidationRules(SAN_ANTONIO, Duration.ZERO, null), CLOCK, "x");
        String json = call(n -> n.put("receivedAt", NOW.plusSeconds(1).toString()));

        assertThat(strict.call(json).reject().reason()).isEqualTo(RejectReason.FUTURE_TIME);
    }

    @Test
    void limitsAreConfigurable() {
        var tight =
                new Decoder(
                        new ValidationRules(
                                SAN_ANTONIO, null, new FieldLimits(4, 100, 200, 2000, 16384)),
                        CLOCK,
                        "x");

        assertThat(tight.call(Json.encode(CALL)).isOk()).isTrue();
        assertThat(tight.call(call(n -> n.put("id", "C-123"))).reject().reason())
                .isEqualTo(RejectReason.OVERSIZED_FIELD);
    }

    @Test
    void derivesOfficerInitiatedFromTypeWhenAbsent() {
        var decoder =
                new Decoder(
                        new Validator(RULES, CLOCK, "x"), t -> t.equals("Officer Traffic Stop"));
        String stop =
                call(
                        n -> {
                            n.remove("officerInitiated");
                            n.put("type", "Officer Traffic Stop");
                        });
        String explicitFalse = call(n -> n.put("type", "Officer Traffic Stop"));
        String initialWins =
                call(
                        n -> {
                            n.remove("officerInitiated");
                            n.put("typeInitial", "Officer Traffic Stop");
                            n.put("type", "DWI");
                        });

        assertThat(decoder.call(stop).value().officerInitiated()).isTrue();
        assertThat(decoder.call(explicitFalse).value().officerInitiated()).isFalse();
        assertThat(decoder.call(initialWins).value().officerInitiated()).isTrue();
    }

    static Stream<Arguments> badTips() {
        return Stream.of(
                Arguments.of(RejectReason.MALFORMED_RECORD, "{"),
                Arguments.of(RejectReason.UNSUPPORTED_VERSION, tip(n -> n.put("v", 0))),
                Arguments.of(RejectReason.MISSING_ID, tip(n -> n.remove("id"))),
                Arguments.of(RejectReason.MISSING_TIME, tip(n -> n.remove("receivedAt"))),
                Arguments.of(RejectReason.UNPARSEABLE_TIME, tip(n -> n.put("receivedAt", "noon"))),
                Arguments.of(
                        RejectReason.FUTURE_TIME,
                        tip(n -> n.put("receivedAt", NOW.plus(Duration.ofDays(1)).toString()))),
                Arguments.of(RejectReason.MISSING_TYPE, tip(n -> n.remove("category"))),
                Arguments.of(RejectReason.MISSING_COORDINATES, tip(n -> n.remove("lon"))),
                Arguments.of(RejectReason.UNPARSEABLE_COORDINATES, tip(n -> n.put("lon", "w"))),
                Arguments.of(
                        RejectReason.OUT_OF_BOUNDS, tip(n -> n.put("lat", 48.77).put("lon", 9.18))),
                Arguments.of(
                        RejectReason.OVERSIZED_FIELD, tip(n -> n.put("text", "t".repeat(2001)))),
                Arguments.of(
                        RejectReason.OVERSIZED_RECORD,
                        tip(n -> n.put("text", "t".repeat(17_000)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTips")
    void rejectsBadTipWithItsReason(RejectReason reason, String json) {
        assertThat(DECODER.tip(json).reject().reason()).isEqualTo(reason);
        assertThat(DECODER.tip(json.getBytes(StandardCharsets.UTF_8)).reject().reason())
                .isEqualTo(reason);
    }

    @Test
    void acceptsValidTip() {
        assertThat(DECODER.tip(Json.encode(TIP)).value()).isEqualTo(TIP);
    }

    @Test
    void neverThrowsOnGarbage() {
        var random = new java.util.Random(42);
        String valid = Json.encode(CALL);
        for (int i = 0; i < 2_000; i++) {
            var sb = new StringBuilder(valid);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, (char) random.nextInt(128));
                    default -> sb.setCharAt(at, "{}[]\",:0-eE.\\ ".charAt(random.nextInt(14)));
                }
            }
            String fuzzed = sb.toString();
            assertThatCode(() -> DECODER.call(fuzzed)).doesNotThrowAnyException();
            assertThatCode(() -> DECODER.tip(fuzzed)).doesNotThrowAnyException();
        }
    }

    static Stream<String> shapes() {
        String valid = Json.encode(CALL);
        return Stream.of(
                valid,
                " " + valid + "\n",
                valid.replace("\"id\"", "\"\\u0069d\""),
                call(n -> n.put("lat", 29).put("lon", -98)),
                call(n -> n.put("lat", "29.42")),
                call(n -> n.put("priority", 3_000_000_000L)),
                call(n -> n.put("priority", "7")),
                call(n -> n.put("priority", 2.0)),
                call(n -> n.put("v", 1.0)),
                call(n -> n.put("v", 1L << 40)),
                call(n -> n.put("officerInitiated", "true")),
                call(n -> n.putNull("officerInitiated")),
                call(n -> n.put("type", 42)),
                call(n -> n.put("district", true)),
                call(n -> n.putObject("extra").put("a", 1)),
                call(n -> n.putArray("extra").add(1)),
                call(n -> n.put("receivedAt", "2024-06-01T21:00:00.5Z")),
                call(n -> n.put("receivedAt", "2024-06-01T21:00:00.123456789Z")),
                call(n -> n.put("receivedAt", "2024-06-01T21:00:00.1234567891Z")),
                call(n -> n.put("receivedAt", "2024-06-01T21:00:00.Z")),
                call(n -> n.put("receivedAt", "2024-06-01t21:00:00z")),
                call(n -> n.put("receivedAt", "2024-06-01T21:00Z")),
                call(n -> n.put("receivedAt", " 2024-06-01T21:00:00Z ")),
                call(n -> n.put("receivedAt", "2024-06-01T24:00:00Z")),
                call(n -> n.put("receivedAt", "2024-05-31T23:59:60Z")),
                call(n -> n.put("receivedAt", "2024-02-29T10:00:00Z")),
                call(n -> n.put("receivedAt", "2023-02-29T10:00:00Z")),
                call(n -> n.put("receivedAt", "2024-06-01T16:00:00+01:00")),
                call(n -> n.put("receivedAt", "+2024-06-01T16:00:00Z")),
                valid.replace("}", ",\"x\":1,\"x\":2}"),
                valid.replace("}", "}}"),
                "{}",
                "   ");
    }

    @Test
    void streamingPathReadsWhatTheTreeReads() {
        var random = new java.util.Random(7);
        var inputs = new java.util.ArrayList<String>(shapes().toList());
        String valid = Json.encode(CALL);
        for (int i = 0; i < 3_000; i++) {
            var sb = new StringBuilder(valid);
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, "{}[]\",:0-eE.\\ 1tfn".charAt(random.nextInt(18)));
                default -> sb.setCharAt(at, "{}[]\",:0-eE.\\ 19".charAt(random.nextInt(16)));
            }
            inputs.add(sb.toString());
        }
        for (String json : inputs) {
            assertSame(DECODER.call(json), DECODER.callFromTree(json), json);
            String asTip = json.replace("\"type\"", "\"category\"");
            assertSame(DECODER.tip(asTip), DECODER.tipFromTree(asTip), asTip);
        }
    }

    private static void assertSame(Parsed<?> fast, Parsed<?> tree, String json) {
        assertThat(fast.isOk()).as(json).isEqualTo(tree.isOk());
        if (tree.isOk()) {
            assertThat(fast.value()).as(json).isEqualTo(tree.value());
        } else {
            assertThat(fast.reject()).as(json).isEqualTo(tree.reject());
        }
    }
}
