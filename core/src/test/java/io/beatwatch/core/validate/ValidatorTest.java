package io.beatwatch.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.model.Tip;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorTest {

    static final Instant NOW = Instant.parse("2024-06-02T00:00:00Z");
    static final Validator VALIDATOR =
            new Validator(
                    ValidationRules.of(new Bounds(29.0, 29.85, -98.95, -98.15)),
                    Clock.fixed(NOW, ZoneOffset.UTC),
                    "test");

    static CallForService call(String id, Instant t, String type, double lat, double lon) {
        return new CallForService(
                1, id, t, type, null, null, null, null, false, null, null, null, lat, lon, null,
                null);
    }

    static Stream<Arguments> records() {
        Instant ok = NOW.minusSeconds(60);
        return Stream.of(
                Arguments.of(call("C", ok, "Theft", 29.4, -98.5), null),
                Arguments.of(call(" ", ok, "Theft", 29.4, -98.5), RejectReason.MISSING_ID),
                Arguments.of(
                        call("C", NOW.plusSeconds(7200), "Theft", 29.4, -98.5),
                        RejectReason.FUTURE_TIME),
                Arguments.of(call("C", ok, "", 29.4, -98.5), RejectReason.MISSING_TYPE),
                Arguments.of(call("C", ok, "Theft", 0, 0), RejectReason.MISSING_COORDINATES),
                Arguments.of(
                        call("C", ok, "Theft", Double.NaN, -98.5),
                        RejectReason.UNPARSEABLE_COORDINATES),
                Arguments.of(
                        call("C", ok, "Theft", 29.4, 200), RejectReason.UNPARSEABLE_COORDINATES),
                Arguments.of(call("C", ok, "Theft", 45.5, -122.6), RejectReason.OUT_OF_BOUNDS),
                Arguments.of(
                        call("C".repeat(100), ok, "Theft", 29.4, -98.5),
                        RejectReason.OVERSIZED_FIELD),
                // the first failing check names the reject: id before location
                Arguments.of(call("", ok, "Theft", 0, 0), RejectReason.MISSING_ID));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("records")
    void checksCallsBuiltElsewhere(CallForService call, RejectReason expected) {
        var parsed = VALIDATOR.check(call, "payload");

        if (expected == null) {
            assertThat(parsed.value()).isSameAs(call);
        } else {
            assertThat(parsed.reject().reason()).isEqualTo(expected);
            assertThat(parsed.reject().payload()).isEqualTo("payload");
        }
    }

    @Test
    void checksTips() {
        var ok = new Tip(1, "T", NOW, "Graffiti", 29.4, -98.5, null, "app");
        var far = new Tip(1, "T", NOW, "Graffiti", 48.7, 9.1, null, "app");

        assertThat(VALIDATOR.check(ok, null).isOk()).isTrue();
        assertThat(VALIDATOR.check(far, null).reject().reason())
                .isEqualTo(RejectReason.OUT_OF_BOUNDS);
    }

    @ParameterizedTest
    @CsvSource({"29.42, 29.42", "' -98.5 ', -98.5", "1e-05, 0.00001", "+29.4, 29.4"})
    void parsesDecimalCoordinates(String raw, double expected) {
        assertThat(Validator.parseCoordinate(raw, "lat")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"abc", "NaN", "Infinity", "1e999", "29.4d", "0x1p3", "'29,4'"})
    void refusesNonDecimalCoordinates(String raw) {
        assertThatThrownBy(() -> Validator.parseCoordinate(raw, "lat"))
                .isInstanceOfSatisfying(
                        InvalidRecordException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(RejectReason.UNPARSEABLE_COORDINATES));
    }

    @Test
    void boundsAreValidatedAndInclusive() {
        var b = new Bounds(1, 2, 3, 4);

        assertThat(b.contains(1, 3)).isTrue();
        assertThat(b.contains(2, 4)).isTrue();
        assertThat(b.contains(2.0001, 4)).isFalse();
        assertThat(Bounds.world().contains(-90, 180)).isTrue();
        assertThatThrownBy(() -> new Bounds(2, 1, 3, 4)).hasMessageContaining("minLat");
        assertThatThrownBy(() -> new Bounds(1, 2, 4, 3)).hasMessageContaining("minLon");
        assertThatThrownBy(() -> new Bounds(-91, 2, 3, 4)).hasMessageContaining("minLat");
        assertThatThrownBy(() -> new Bounds(1, 2, Double.NaN, 4)).hasMessageContaining("minLon");
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new FieldLimits(0, 1, 1, 1, 10))
                .hasMessageContaining("maxIdLength");
        assertThatThrownBy(() -> new FieldLimits(10, 10, 10, 100, 50))
                .hasMessageContaining("maxRecordChars");
        assertThat(FieldLimits.of(null, 7, null, null, null))
                .isEqualTo(new FieldLimits(64, 7, 200, 2000, 16384));
    }

    @Test
    void parsedMapsValuesAndKeepsRejects() {
        Parsed<Integer> ok = Parsed.ok(2);
        Parsed<Integer> no = Parsed.rejected(VALIDATOR.reject(RejectReason.MISSING_ID, "d", null));

        assertThat(ok.map(i -> i * 2).value()).isEqualTo(4);
        assertThat(no.map(i -> i * 2).reject().reason()).isEqualTo(RejectReason.MISSING_ID);
        assertThatThrownBy(no::value).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ok::reject).isInstanceOf(IllegalStateException.class);
    }
}
