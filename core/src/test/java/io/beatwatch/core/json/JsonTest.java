package io.beatwatch.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.PatrolFeedback;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.model.Reject;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.model.Tip;
import io.beatwatch.core.model.TypeCount;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");

    static final CallForService FULL_CALL =
            new CallForService(
                    1,
                    "SAPD-2024-0000001",
                    T0,
                    "Disturbance",
                    "Suspicious Person",
                    "Disturbance",
                    "Other Calls",
                    2,
                    false,
                    "Report Taken",
                    "CENTRAL",
                    "2110",
                    29.42,
                    -98.49,
                    "100 Test St",
                    "sapd-cad");

    static final CallForService MINIMAL_CALL =
            new CallForService(
                    1,
                    "C-1",
                    T0,
                    "Patrol By",
                    null,
                    null,
                    null,
                    null,
                    true,
                    null,
                    null,
                    null,
                    29.4,
                    -98.5,
                    null,
                    null);

    static final Tip TIP =
            new Tip(1, "T-1", T0.plusMillis(123), "Wilder Müll", 48.77, 9.18, "Sofa am Weg", "app");

    static final Tip TIP_NO_TEXT = new Tip(1, "T-2", T0, "Gefahrenstelle", 48.78, 9.17, null, null);

    static final HotspotAlert ALERT =
            new HotspotAlert(
                    1,
                    "8948e0b5d9bffff:PT60M:2024-06-01T12:00:00Z",
                    AlertState.OPENED,
                    EmergenceCategory.NEW,
                    "8948e0b5d9bffff",
                    1,
                    List.of("8948e0b5d9bffff", "8948e0b5d8bffff"),
                    new LatLon(29.42, -98.49),
                    "CENTRAL",
                    Duration.ofMinutes(60),
                    9,
                    1.75,
                    8.3,
                    120.5,
                    Signal.BOTH,
                    true,
                    List.of(new TypeCount("Disturbance", 6), new TypeCount("Theft", 3)),
                    2,
                    T0,
                    T0.plusSeconds(30),
                    "scan-1",
                    T0.plusSeconds(31));

    static final PatrolSuggestion SUGGESTION =
            new PatrolSuggestion(
                    1,
                    "s-1",
                    "CENTRAL",
                    "8948e0b5d9bffff",
                    "6120",
                    new LatLon(29.42, -98.49),
                    "alert: 9 calls vs 1.75 expected in 60 min",
                    ALERT.alertId(),
                    12,
                    T0,
                    T0.plus(Duration.ofMinutes(45)));

    static final PatrolFeedback FEEDBACK =
            new PatrolFeedback(
                    1,
                    "s-1",
                    PatrolFeedback.Action.ARRIVED,
                    "2A12",
                    "CENTRAL",
                    "8948e0b5d9bffff",
                    T0.plusSeconds(600));

    static final Reject REJECT =
            new Reject(
                    1,
                    "sapd-cad",
                    "{\"id\":\"x\"}",
                    RejectReason.OUT_OF_BOUNDS,
                    "coordinates 30.4,-97.7 outside bounds",
                    T0);

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("call-for-service", FULL_CALL),
                Arguments.of("call-for-service", MINIMAL_CALL),
                Arguments.of("tip", TIP),
                Arguments.of("tip", TIP_NO_TEXT),
                Arguments.of("hotspot-alert", ALERT),
                Arguments.of("hotspot-alert", ALERT.withoutProcessingTime()),
                Arguments.of("patrol-suggestion", SUGGESTION),
                Arguments.of("patrol-feedback", FEEDBACK),
                Arguments.of("reject", REJECT));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void encodedSampleValidatesAgainstItsSchema(String schemaName, Object sample) {
        JsonNode doc = Json.tree(Json.encode(sample));

        assertThat(validate(schemaName, doc)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void decodeOfEncodeIsIdentity(String schemaName, Object sample) {
        String json = Json.encode(sample);

        assertThat(Json.decode(json, sample.getClass())).isEqualTo(sample);
        assertThat(Json.decode(Json.encodeBytes(sample), sample.getClass())).isEqualTo(sample);
    }

    @Test
    void typedHelpersDecodeEachRecord() {
        assertThat(Json.decodeCall(Json.encode(FULL_CALL))).isEqualTo(FULL_CALL);
        assertThat(Json.decodeTip(Json.encode(TIP))).isEqualTo(TIP);
        assertThat(Json.decodeAlert(Json.encode(ALERT))).isEqualTo(ALERT);
        assertThat(Json.decodeSuggestion(Json.encode(SUGGESTION))).isEqualTo(SUGGESTION);
        assertThat(Json.decodeFeedback(Json.encode(FEEDBACK))).isEqualTo(FEEDBACK);
        assertThat(Json.decodeReject(Json.encode(REJECT))).isEqualTo(REJECT);
    }

    @Test
    void writesInstantsAndDurationsAsIsoStringsAndEnumsAsCodes() {
        JsonNode alert = Json.tree(Json.encode(ALERT));
        JsonNode reject = Json.tree(Json.encode(REJECT));

        assertThat(alert.get("window").asText()).isEqualTo("PT1H");
        assertThat(alert.get("openedAt").asText()).isEqualTo("2024-06-01T12:00:00Z");
        assertThat(alert.get("state").asText()).isEqualTo("opened");
        assertThat(alert.get("signal").asText()).isEqualTo("both");
        assertThat(reject.get("reason").asText()).isEqualTo("out_of_bounds");
        assertThat(Json.tree(Json.encode(FEEDBACK)).get("action").asText()).isEqualTo("arrived");
    }

    @Test
    void omitsAbsentOptionalFields() {
        JsonNode call = Json.tree(Json.encode(MINIMAL_CALL));

        assertThat(call.has("priority")).isFalse();
        assertThat(call.has("address")).isFalse();
        assertThat(call.get("officerInitiated").asBoolean()).isTrue();
    }

    @Test
    void ignoresUnknownPropertiesForForwardCompatibility() {
        ObjectNode newer = (ObjectNode) Json.tree(Json.encode(FULL_CALL));
        newer.put("addedInV1_1", "something");

        assertThat(Json.decodeCall(newer.toString())).isEqualTo(FULL_CALL);
    }

    @Test
    void decodeOfBadJsonThrowsIllegalArgument() {
        assertThatThrownBy(() -> Json.decodeCall("{not json"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.decodeCall("{\"v\":1}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> invalidDocs() {
        return Stream.of(
                invalid("call-for-service", FULL_CALL, n -> n.remove("id"), "required id"),
                invalid("call-for-service", FULL_CALL, n -> n.put("v", 2), "v const"),
                invalid(
                        "call-for-service",
                        FULL_CALL,
                        n -> n.put("receivedAt", "yesterday"),
                        "date-time"),
                invalid("call-for-service", FULL_CALL, n -> n.put("lat", 91.0), "lat max"),
                invalid("call-for-service", FULL_CALL, n -> n.put("type", ""), "empty type"),
                invalid(
                        "call-for-service",
                        FULL_CALL,
                        n -> n.put("priority", "high"),
                        "priority int"),
                invalid(
                        "call-for-service",
                        FULL_CALL,
                        n -> n.put("ip", "10.0.0.1"),
                        "unknown field"),
                invalid("tip", TIP, n -> n.remove("category"), "required category"),
                invalid("tip", TIP, n -> n.put("phone", "555-0100"), "tipster detail"),
                invalid("tip", TIP, n -> n.put("lon", "east"), "lon number"),
                invalid("hotspot-alert", ALERT, n -> n.put("state", "bogus"), "state enum"),
                invalid("hotspot-alert", ALERT, n -> n.put("window", "60 minutes"), "duration"),
                invalid("hotspot-alert", ALERT, n -> n.put("observed", -1), "observed min"),
                invalid("hotspot-alert", ALERT, n -> n.put("signal", "rumour"), "signal enum"),
                invalid(
                        "patrol-suggestion",
                        SUGGESTION,
                        n -> n.put("dwellMinutes", -5),
                        "dwell min"),
                invalid("patrol-suggestion", SUGGESTION, n -> n.remove("cell"), "required cell"),
                invalid("patrol-feedback", FEEDBACK, n -> n.put("action", "maybe"), "action enum"),
                invalid("reject", REJECT, n -> n.put("reason", "nope"), "reason enum"),
                invalid("reject", REJECT, n -> n.remove("at"), "required at"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidDocs")
    void invalidDocumentFailsItsSchema(String schemaName, JsonNode doc, String why) {
        assertThat(validate(schemaName, doc)).isNotEmpty();
    }

    @Test
    void rejectSchemaListsEveryReasonCode() {
        JsonNode reasons = Json.tree(readSchemaText("reject")).at("/properties/reason/enum");
        List<String> inSchema =
                Stream.iterate(0, i -> i + 1)
                        .limit(reasons.size())
                        .map(i -> reasons.get(i).asText())
                        .toList();

        assertThat(inSchema)
                .containsExactlyInAnyOrderElementsOf(
                        Stream.of(RejectReason.values()).map(RejectReason::code).toList());
    }

    private static Arguments invalid(
            String schema, Object sample, Consumer<ObjectNode> breakIt, String why) {
        ObjectNode node = (ObjectNode) Json.tree(Json.encode(sample));
        breakIt.accept(node);
        return Arguments.of(schema, node, why);
    }

    static Set<ValidationMessage> validate(String schemaName, JsonNode doc) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = schemaStream(schemaName)) {
            JsonSchema schema = factory.getSchema(in, config);
            return schema.validate(doc);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static InputStream schemaStream(String name) {
        InputStream in =
                JsonTest.class.getClassLoader().getResourceAsStream("schemas/" + name + ".v1.json");
        assertThat(in).as("schema %s on the classpath", name).isNotNull();
        return in;
    }

    private static String readSchemaText(String name) {
        try (InputStream in = schemaStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
