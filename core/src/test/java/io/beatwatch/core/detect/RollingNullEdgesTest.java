package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link RollingNull} below its tail, at its edges, and through a snapshot. */
class RollingNullEdgesTest {

    /** Peaks 1..100 over days 0..9, refit on day 10: tail above 91 (the 10th), σ = 5. */
    static RollingNull hundredPeaks() {
        var n = new RollingNull(1, 90);
        for (int i = 1; i <= 100; i++) n.record(0, i, (i - 1) % 10);
        n.refit(10, 10);
        return n;
    }

    @Test
    void aBudgetOfLessThanADayIsReadOffTheSortedPeaks() {
        var n = hundredPeaks();
        // one a day is the 10th strongest itself
        assertThat(n.threshold(0, 1)).isEqualTo(91.0);
        // 10 days / 0.5 = the 20th strongest after the first: 80
        assertThat(n.threshold(0, 0.5)).isEqualTo(80.0);
        // beyond the weakest peak: the weakest
        assertThat(n.threshold(0, 0.1)).isEqualTo(1.0);
        assertThat(n.threshold(0, 0.01)).isEqualTo(1.0);
        // 10 days × 10 / 10 peaks at 2 days: 91 + 5 ln 2
        assertThat(n.threshold(0, 2)).isCloseTo(91 + 5 * Math.log(2), within(1e-9));
    }

    @Test
    void recurrenceIsCappedFarAboveTheTail() {
        var n = hundredPeaks();
        assertThat(n.recurrenceDays(0, 91 + 5 * Math.log(1e12))).isEqualTo(1e9);
        assertThat(n.recurrenceDays(0, 100.5)).isCloseTo(Math.exp(9.5 / 5), within(1e-9));
        assertThat(n.recurrenceDays(0, 1000)).isEqualTo(RollingNull.MAX_RECURRENCE_DAYS);
    }

    @Test
    void readyFromTheMinimumDaysOfData() {
        var three = new RollingNull(1, 90);
        for (int i = 0; i < RollingNull.MIN_EPISODES; i++) three.record(0, 3 + i, i % 3);
        three.refit(3, RollingNull.MIN_DAYS);
        assertThat(three.ready(0)).isTrue();
        three.refit(3, RollingNull.MIN_DAYS - 1);
        assertThat(three.ready(0)).isFalse();
        assertThat(new RollingNull(1, 1).ready(0)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new RollingNull(0, 90));
        assertThatIllegalArgumentException().isThrownBy(() -> new RollingNull(1, 0));
    }

    @Test
    void aSnapshotRestoresTheEpisodesAndRefits() throws IOException {
        var n = hundredPeaks();
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            n.writeTo(out);
        }
        var back = new RollingNull(1, 90);
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back.readFrom(in, 10);
        }
        assertThat(back.ready(0)).isTrue();
        assertThat(back.episodes(0)).isEqualTo(100);
        assertThat(back.scale(0)).isCloseTo(5, within(1e-9));
        assertThat(back.threshold(0, 0.5)).isEqualTo(80.0);
    }
}
