package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionConfigTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        DetectionConfig c = DetectionConfig.defaults();
        assertThat(c.windowsMinutes()).containsExactly(30, 60, 180);
        assertThat(c.rings()).containsExactly(0, 1);
        assertThat(c.baselineDays()).isEqualTo(28);
        assertThat(c.recurrenceThresholdDays()).isEqualTo(100);
        assertThat(c.closeThresholdDays()).isEqualTo(10);
        assertThat(c.minObserved()).isEqualTo(4);
        assertThat(c.baselineHourBuckets()).isEqualTo(4);
        assertThat(c.excludeOfficerInitiated()).isTrue();
        assertThat(c.tipsSignal()).isTrue();
        assertThat(c.maxWindowMinutes()).isEqualTo(180);
        assertThat(c.priorCount(7)).isEqualTo(7.0);
    }

    @Test
    void copiesChangeOnlyWhatTheySay() {
        DetectionConfig c =
                DetectionConfig.defaults()
                        .withMinObserved(5)
                        .withRecurrenceThresholdDays(30)
                        .withWindows(List.of(15, 60))
                        .withBaseline(56, 4, 14);
        assertThat(c.minObserved()).isEqualTo(5);
        assertThat(c.recurrenceThresholdDays()).isEqualTo(30);
        assertThat(c.windowsMinutes()).containsExactly(15, 60);
        assertThat(c.baselineDays()).isEqualTo(56);
        assertThat(c.baselineHourBuckets()).isEqualTo(4);
        assertThat(c.minBaselineDays()).isEqualTo(14);
        assertThat(c.closeRatio()).isEqualTo(DetectionConfig.DEFAULT_CLOSE_RATIO);
    }

    @Test
    void rejectsInvalidValues() {
        DetectionConfig d = DetectionConfig.defaults();
        assertThatThrownBy(() -> d.withWindows(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withWindows(List.of(2000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withRecurrenceThresholdDays(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withBaseline(28, 5, 7))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withBaseline(28, 1, 29))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMinObserved(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
