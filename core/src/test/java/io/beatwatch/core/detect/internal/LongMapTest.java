package io.beatwatch.core.detect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class LongMapTest {

    @Test
    void holdsManyKeysThroughGrowthAndListsThemSorted() {
        var m = new LongMap<String>();
        for (long k = 200; k >= 1; k--) m.put(k * 7919, "v" + k);
        m.put(7919, "first again");
        assertThat(m.size()).isEqualTo(200);
        assertThat(m.get(7919)).isEqualTo("first again");
        assertThat(m.get(200L * 7919)).isEqualTo("v200");
        assertThat(m.get(3)).isNull();
        long[] keys = m.sortedKeys();
        assertThat(keys).hasSize(200);
        assertThat(keys[0]).isEqualTo(7919);
        assertThat(keys[1]).isEqualTo(2 * 7919);
        assertThat(keys[199]).isEqualTo(200L * 7919);
        var values = new ArrayList<String>();
        m.forEachValue(values::add);
        assertThat(values).hasSize(200).contains("v17", "first again");
    }

    @Test
    void removeIfDropsWhatItAcceptsAndSaysHowMany() {
        var m = new LongMap<Integer>();
        for (int k = 1; k <= 10; k++) m.put(k, k);
        assertThat(m.removeIf(v -> v % 3 == 0)).isEqualTo(3);
        assertThat(m.size()).isEqualTo(7);
        assertThat(m.get(3)).isNull();
        assertThat(m.get(4)).isEqualTo(4);
        assertThat(m.sortedKeys()).containsExactly(1, 2, 4, 5, 7, 8, 10);
        assertThat(m.removeIf(v -> false)).isZero();
    }

    @Test
    void keyZeroIsReserved() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LongMap<String>().put(0, "x"));
    }
}
