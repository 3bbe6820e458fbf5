package io.beatwatch.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

    @Test
    void readsTheSameInstantAsTheJdkForEveryFractionLength() {
        var random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            Instant t =
                    Instant.ofEpochSecond(
                            random.nextLong(-2_000_000_000L, 5_000_000_000L),
                            random.nextInt(1_000_000_000));
            String whole = t.toString().substring(0, 19);
            String nanos = String.format("%09d", t.getNano());
            int digits = random.nextInt(10);
            String s = whole + (digits == 0 ? "" : "." + nanos.substring(0, digits)) + "Z";

            assertThat(IsoInstant.utc(s)).as(s).isEqualTo(Instant.parse(s));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-06-01T21:00Z",
                "2024-06-01t21:00:00Z",
                "2024-06-01T21:00:00z",
                "2024-06-01T24:00:00Z",
                "2024-06-01T23:59:60Z",
                "2023-02-29T00:00:00Z",
                "2024-13-01T00:00:00Z",
                "2024-06-01T21:00:00.Z",
                "2024-06-01T21:00:00.1234567890Z",
                "2024-06-01T21:00:00+01:00",
                "+12024-06-01T21:00:00Z",
                "2024-06-01 21:00:00Z",
                "2024-06-0aT21:00:00Z"
            })
    void leavesEveryOtherFormToTheJdk(String s) {
        assertThat(IsoInstant.utc(s)).isNull();
    }

    @Test
    void parseStillReadsOffsetsAndShortForms() {
        assertThat(IsoInstant.parse("2024-06-01T16:00:00-05:00"))
                .isEqualTo(Instant.parse("2024-06-01T21:00:00Z"));
        assertThat(IsoInstant.parse("2024-06-01T21:00Z"))
                .isEqualTo(Instant.parse("2024-06-01T21:00:00Z"));
        assertThat(IsoInstant.parse("2024-02-29T10:00:00Z"))
                .isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
    }
}
