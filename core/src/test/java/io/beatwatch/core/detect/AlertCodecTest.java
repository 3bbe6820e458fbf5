package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.Signal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AlertCodecTest {

    static ZoneAlert roundTrip(ZoneAlert a) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            AlertCodec.write(out, a);
            out.writeInt(0x5EED); // what follows in a snapshot must still be where it was
        }
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            var back = AlertCodec.read(in);
            assertThat(in.readInt()).isEqualTo(0x5EED);
            return back;
        }
    }

    @Test
    void everyFieldOfAnAlertSurvivesTheSnapshot() throws IOException {
        var a =
                new ZoneAlert(
                        "a-8928308280fffff-1",
                        true,
                        "8928308280fffff",
                        1,
                        60,
                        1_732_190_000_000L,
                        3,
                        12.5,
                        9,
                        2,
                        30,
                        Signal.TIPS,
                        EmergenceCategory.INTENSIFYING,
                        1_732_190_600_000L,
                        14.25,
                        1_732_191_200_000L);
        assertThat(roundTrip(a)).isEqualTo(a);
    }

    @Test
    void aClosedAlertWithoutSignalOrCategoryAndNoAlertSurviveToo() throws IOException {
        var closed =
                new ZoneAlert(
                        "a-2",
                        false,
                        "8928308280fffff",
                        0,
                        30,
                        5L,
                        0,
                        0.0,
                        0,
                        0,
                        0,
                        null,
                        null,
                        0L,
                        0.0,
                        0L);
        assertThat(roundTrip(closed)).isEqualTo(closed);
        assertThat(roundTrip(null)).isNull();
    }
}
