package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MinuteCounts} at its edges (capacity, growth past the first slots, a late event at the
 * oldest minute, slots left over from evicted minutes) and as a Flink POJO.
 */
class MinuteCountsStateTest {

    @Test
    void acceptsCapacitiesOfOneMinuteToADay() {
        assertThat(new MinuteCounts(1).getCapacity()).isEqualTo(1);
        assertThat(new MinuteCounts(MinuteCounts.MAX_CAPACITY).getCapacity()).isEqualTo(1440);
        assertThat(new MinuteCounts().getCapacity()).isEqualTo(MinuteCounts.DEFAULT_CAPACITY);
        assertThatIllegalArgumentException().isThrownBy(() -> new MinuteCounts(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new MinuteCounts(1441));
    }

    @Test
    void growsPastItsFirstSlotsKeepingEveryMinute() {
        var r = new MinuteCounts(180);
        for (int m = 1; m <= 9; m++) assertThat(r.add(m, m)).isTrue();
        assertThat(r.storedMinutes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(r.sum(9, 180)).isEqualTo(45);
        assertThat(r.sum(9, 3)).isEqualTo(7 + 8 + 9);
        assertThat(r.getSize()).isEqualTo(9);
    }

    @Test
    void aLateEventAtTheOldestMinuteAddsToIt() {
        var r = new MinuteCounts(60);
        r.add(10, 1);
        r.add(12, 1);
        assertThat(r.add(10, 2)).isTrue();
        assertThat(r.storedMinutes()).containsExactly(10, 12);
        assertThat(r.sum(12, 3)).isEqualTo(4);
        assertThat(r.add(11, 5)).isTrue();
        assertThat(r.storedMinutes()).containsExactly(10, 11, 12);
        assertThat(r.sum(12, 2)).isEqualTo(6);
    }

    @Test
    void slotsOfEvictedMinutesAreNeverRead() {
        var r = new MinuteCounts(10);
        r.add(1, 1);
        r.add(2, 1);
        r.add(3, 1);
        r.add(20, 1); // evicts 1..3, whose slots still hold them
        assertThat(r.storedMinutes()).containsExactly(20);
        assertThat(r.nextChange(20, new int[] {5})).isEqualTo(25);
        assertThat(r.sum(20, 10)).isEqualTo(1);
        assertThat(r.sums(20, new int[] {1, 10})).containsExactly(1, 1);
        assertThat(r.isEmpty(20)).isFalse();
        assertThat(r.isEmpty(30)).isTrue();
    }

    static MinuteCounts sample() {
        var r = new MinuteCounts(30);
        r.add(100, 2);
        r.add(103, 1);
        r.add(101, 4);
        return r;
    }

    static MinuteCounts copyOf(MinuteCounts r) {
        var c = new MinuteCounts();
        c.setCapacity(r.getCapacity());
        c.setMinutes(r.getMinutes().clone());
        c.setCounts(r.getCounts().clone());
        c.setHead(r.getHead());
        c.setSize(r.getSize());
        return c;
    }

    @Test
    void theStateAFlinkSerializerCopiesRestoresEqualCounts() {
        var r = sample();
        var c = copyOf(r);
        assertThat(c).isEqualTo(r).hasSameHashCodeAs(r);
        assertThat(c.storedMinutes()).containsExactly(100, 101, 103);
        assertThat(c.sum(103, 3)).isEqualTo(5);
        assertThat(r).isNotEqualTo("counts").isNotEqualTo(null);
    }

    @Test
    void equalityIsOverTheStoredMinutesNotTheSlotLayout() {
        var a = new MinuteCounts(30);
        a.add(100, 1);
        a.add(101, 1);
        var b = new MinuteCounts(30);
        b.add(71, 7); // evicted by minute 101: b's minutes start at a later slot
        b.add(100, 1);
        b.add(101, 1);
        assertThat(b.getHead()).isNotEqualTo(a.getHead());
        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
    }

    @Test
    void countsDifferingInCapacitySizeMinutesOrCountsAreNotEqual() {
        var r = sample();
        var capacity = copyOf(r);
        capacity.setCapacity(31);
        var size = copyOf(r);
        size.setSize(2);
        var minutes = copyOf(r);
        minutes.add(104, 1);
        var shifted = new MinuteCounts(30);
        shifted.add(100, 2);
        shifted.add(102, 1);
        shifted.add(101, 4);
        var counts = new MinuteCounts(30);
        counts.add(100, 2);
        counts.add(103, 1);
        counts.add(101, 5);
        for (var other : List.of(capacity, size, minutes, shifted, counts)) {
            assertThat(other).isNotEqualTo(r);
        }
        assertThat(size.hashCode()).isNotEqualTo(r.hashCode());
        assertThat(shifted.hashCode()).isNotEqualTo(r.hashCode());
    }
}
