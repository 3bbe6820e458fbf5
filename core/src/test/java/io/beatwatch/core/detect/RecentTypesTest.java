package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.TypeCount;
import org.junit.jupiter.api.Test;

class RecentTypesTest {

    private static final long T0 = 29_000_000L;

    @Test
    void ranksTypesByCountWithinTheWindow() {
        var types = new RecentTypes();
        types.add(T0, "Burglary", 180);
        types.add(T0 + 1, "Assault", 180);
        types.add(T0 + 2, "Assault", 180);
        types.add(T0 + 50, "Theft", 180);

        assertThat(types.top(T0 + 50, 60, 2))
                .containsExactly(new TypeCount("Assault", 2), new TypeCount("Burglary", 1));
        assertThat(types.top(T0 + 50, 30, 3)).containsExactly(new TypeCount("Theft", 1));
    }

    @Test
    void dropsPairsOlderThanTheSpan() {
        var types = new RecentTypes();
        types.add(T0, "Burglary", 30);
        types.add(T0 + 40, "Theft", 30);

        assertThat(types.getMinutes()).containsExactly(T0 + 40);
        assertThat(types.isEmpty(T0 + 70, 30)).isTrue();
        assertThat(types.isEmpty(T0 + 60, 30)).isFalse();
    }

    @Test
    void keepsAtMostTheCap() {
        var types = new RecentTypes();
        for (int i = 0; i < RecentTypes.MAX_ENTRIES + 10; i++) types.add(T0, "Noise", 180);
        assertThat(types.getMinutes()).hasSize(RecentTypes.MAX_ENTRIES);
    }
}
