package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each bound of {@link DetectionConfig}: its edge value is accepted, one step past is refused. */
class DetectionConfigBoundsTest {

    /** The defaults with one window, one ring and the given integer settings. */
    static DetectionConfig config(
            int window,
            int ring,
            int baselineDays,
            int buckets,
            double closeRatio,
            int minObserved,
            double escalationScore,
            int escalationObserved,
            int persistentEvery,
            int newLookbackDays,
            int minBaselineDays) {
        return new DetectionConfig(
                List.of(window),
                List.of(ring),
                baselineDays,
                buckets,
                100,
                closeRatio,
                minObserved,
                1.0,
                escalationScore,
                escalationObserved,
                persistentEvery,
                newLookbackDays,
                minBaselineDays,
                true,
                true);
    }

    @Test
    void acceptsEveryEdgeValue() {
        var low = config(1, 0, 1, 1, 1.0, 1, 0.0, 1, 1, 0, 1);
        assertThat(low.windowsMinutes()).containsExactly(1);
        assertThat(low.rings()).containsExactly(0);
        assertThat(low.minBaselineDays()).isEqualTo(1);
        var high = config(1440, 3, 366, 24, 0.5, 4, 2, 3, 60, 7, 366);
        assertThat(high.windowsMinutes()).containsExactly(1440);
        assertThat(high.rings()).containsExactly(3);
        assertThat(high.baselineDays()).isEqualTo(366);
        assertThat(high.baselineHourBuckets()).isEqualTo(24);
    }

    @Test
    void refusesOneStepPastEachEdge() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(0, 0, 28, 4, 0.1, 4, 2, 3, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(1441, 0, 28, 4, 0.1, 4, 2, 3, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, -1, 28, 4, 0.1, 4, 2, 3, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 4, 28, 4, 0.1, 4, 2, 3, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 0, 4, 0.1, 4, 2, 3, 60, 7, 1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 367, 4, 0.1, 4, 2, 3, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 28, 0, 0.1, 4, 2, 3, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 28, 7, 0.1, 4, 2, 3, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 28, 4, 0.0, 4, 2, 3, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 28, 4, 1.01, 4, 2, 3, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 28, 4, 0.1, 0, 2, 3, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 28, 4, 0.1, 4, -0.01, 3, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 28, 4, 0.1, 4, 2, 0, 60, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 28, 4, 0.1, 4, 2, 3, 0, 7, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 28, 4, 0.1, 4, 2, 3, 60, -1, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 28, 4, 0.1, 4, 2, 3, 60, 7, 0));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config(30, 1, 28, 4, 0.1, 4, 2, 3, 60, 7, 29));
    }
}
