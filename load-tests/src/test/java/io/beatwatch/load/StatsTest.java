package io.beatwatch.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddCountIsTheMiddleValue() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(7.0))).isEqualTo(7.0);
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void medianOfNothingIsAnError() {
        assertThatThrownBy(() -> Stats.median(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateIsEventsPerSecond() {
        assertThat(Stats.rate(10_000, 2.0)).isEqualTo(5_000.0);
        assertThatThrownBy(() -> Stats.rate(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratioIsPartOfWhole() {
        assertThat(Stats.ratio(25.0, 100.0)).isEqualTo(0.25);
        assertThatThrownBy(() -> Stats.ratio(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
