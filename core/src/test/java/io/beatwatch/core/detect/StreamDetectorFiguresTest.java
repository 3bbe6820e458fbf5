package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beatwatch.core.model.HotspotAlert;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link StreamDetector} counts apart (repeats, late calls) and its strength scale. */
class StreamDetectorFiguresTest {

    static final long MINUTE = 60_000L;
    static final long T0 = 1_700_006_400_000L; // a UTC midnight
    static final long CELL = 0x8928308280fffffL;

    final List<HotspotAlert> alerts = new ArrayList<>();

    StreamDetector.Output out() {
        return new StreamDetector.Output() {
            @Override
            public void alert(HotspotAlert alert) {
                alerts.add(alert);
            }
        };
    }

    StreamDetector.Outcome call(StreamDetector d, String id, long minute, String type) {
        return d.accept(
                id, T0 + minute * MINUTE, CELL, type, "NORTH", StreamDetector.Kind.CALL, out());
    }

    @Test
    void aCallOfTheFirstCallsTypeAtTheCellWithinTheRepeatWindowCountsOnce() {
        var d = new StreamDetector(DetectionConfig.defaults(), 9, 10, false, null);
        assertThat(call(d, "a", 100, "Theft")).isEqualTo(StreamDetector.Outcome.COUNTED);
        assertThat(call(d, "b", 109, "Theft")).isEqualTo(StreamDetector.Outcome.REPEAT);
        assertThat(call(d, "c", 101, "Noise")).isEqualTo(StreamDetector.Outcome.COUNTED);
        assertThat(call(d, "d", 110, "Theft")).isEqualTo(StreamDetector.Outcome.COUNTED);
        assertThat(call(d, "e", 99, "Theft")).isEqualTo(StreamDetector.Outcome.COUNTED);
        assertThat(d.repeats()).isEqualTo(1);
        var none = new StreamDetector(DetectionConfig.defaults(), 9, 0, false, null);
        assertThat(call(none, "a", 100, "Theft")).isEqualTo(StreamDetector.Outcome.COUNTED);
        assertThat(call(none, "b", 100, "Theft")).isEqualTo(StreamDetector.Outcome.COUNTED);
        assertThat(none.repeats()).isZero();
    }

    @Test
    void callsBehindTheLongestWindowAndTipsBeforeAnyCallAreTooLate() {
        var d = new StreamDetector(DetectionConfig.defaults(), 9, 0, false, null);
        assertThat(d.accept("t", T0, CELL, "tip", "NORTH", StreamDetector.Kind.TIP, out()))
                .isEqualTo(StreamDetector.Outcome.TOO_LATE);
        assertThat(d.tooLate()).isZero();
        assertThat(call(d, "a", 1000, "Theft")).isEqualTo(StreamDetector.Outcome.COUNTED);
        assertThat(call(d, "late", 820, "Theft")).isEqualTo(StreamDetector.Outcome.TOO_LATE);
        assertThat(call(d, "edge", 821, "Theft")).isEqualTo(StreamDetector.Outcome.COUNTED);
        assertThat(d.tooLate()).isEqualTo(1);
        assertThat(d.resolution()).isEqualTo(9);
        assertThat(d.rollingNull()).isNotNull();
        assertThat(d.openAlerts()).isEmpty();
        assertThat(alerts).isEmpty();
    }

    @Test
    void theDaysWithDataGrowWithEachDataDay() {
        var d = new StreamDetector(DetectionConfig.defaults(), 9, 0, false, null);
        call(d, "a", 100, "Theft");
        assertThat(d.daysWithData()).isZero();
        call(d, "b", 1440 + 100, "Theft");
        assertThat(d.daysWithData()).isEqualTo(1);
    }

    @Test
    void strengthIsTheTailsDecadesOfImprobability() {
        // ln P(Poisson(8) >= 3) = -0.0138494298912386; ln P(NB(0.5, 3) >= 5) = -6.9380100976209185
        assertThat(StreamDetector.strength(3, 8.0))
                .isCloseTo(0.0138494298912386 / Math.log(10), within(1e-12));
        assertThat(StreamDetector.strength(5, 0.5, 3))
                .isCloseTo(6.9380100976209185 / Math.log(10), within(1e-9));
        assertThat(StreamDetector.strength(5, Double.NaN)).isZero();
        assertThat(StreamDetector.strength(5, Double.NaN, 3)).isZero();
    }
}
