package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MinuteCountsTest {

    private static final long T0 = 29_000_000L; // an epoch minute in 2025

    @Test
    void sumsTheMinutesOfEachWindowEndingNow() {
        MinuteCounts c = new MinuteCounts(180);
        c.add(T0, 2);
        c.add(T0 + 10, 1);
        c.add(T0 + 40, 3);
        c.add(T0 + 40, 1);

        assertThat(c.sum(T0 + 40, 1)).isEqualTo(4);
        assertThat(c.sum(T0 + 40, 30)).isEqualTo(4); // minutes T0+11 .. T0+40
        assertThat(c.sum(T0 + 40, 31)).isEqualTo(5); // includes T0+10
        assertThat(c.sum(T0 + 40, 41)).isEqualTo(7); // includes T0
        assertThat(c.sum(T0 + 40, 500)).isEqualTo(7); // cut to the capacity
        assertThat(c.sum(T0 + 5, 30)).isEqualTo(2); // future buckets are not counted
        assertThat(c.sums(T0 + 40, new int[] {1, 30, 31, 41})).containsExactly(4, 4, 5, 7);
    }

    @Test
    void evictsBucketsOlderThanTheRing() {
        MinuteCounts c = new MinuteCounts(60);
        c.add(T0, 5);
        c.add(T0 + 59, 1);
        assertThat(c.sum(T0 + 59, 60)).isEqualTo(6);

        c.add(T0 + 60, 2); // reuses T0's slot: T0 is evicted
        assertThat(c.sum(T0 + 60, 60)).isEqualTo(3);
        assertThat(c.sum(T0 + 60, 61)).isEqualTo(3);
        assertThat(c.storedMinutes()).containsExactly(T0 + 59, T0 + 60);
    }

    @Test
    void acceptsLateEventsWithinTheRingAndRejectsOlderOnes() {
        MinuteCounts c = new MinuteCounts(60);
        c.add(T0 + 100, 1);
        assertThat(c.add(T0 + 41, 1)).isTrue(); // 59 minutes late
        assertThat(c.add(T0 + 40, 1)).isFalse(); // 60 minutes late: outside every window
        assertThat(c.sum(T0 + 100, 60)).isEqualTo(2);
    }

    @Test
    void isEmptyOnceTheNewestEventLeavesTheRing() {
        MinuteCounts c = new MinuteCounts(30);
        assertThat(c.isEmpty(T0)).isTrue();
        c.add(T0, 1);
        assertThat(c.isEmpty(T0)).isFalse();
        assertThat(c.isEmpty(T0 + 29)).isFalse();
        assertThat(c.isEmpty(T0 + 30)).isTrue();
    }

    @Test
    void lateEventsInsertInOrderAndCountInTheirMinute() {
        MinuteCounts c = new MinuteCounts(60);
        c.add(T0 + 10, 1);
        c.add(T0 + 30, 1);
        c.add(T0 + 20, 2); // between two stored minutes
        c.add(T0 + 5, 4); // before the oldest
        c.add(T0 + 20, 1);
        assertThat(c.storedMinutes()).containsExactly(T0 + 5, T0 + 10, T0 + 20, T0 + 30);
        assertThat(c.sum(T0 + 30, 11)).isEqualTo(4);
        assertThat(c.sum(T0 + 30, 60)).isEqualTo(9);
    }

    @Test
    void agreesWithANaiveCountOnARandomStream() {
        var rng = new java.util.SplittableRandom(11);
        MinuteCounts c = new MinuteCounts(180);
        java.util.Map<Long, Long> naive = new java.util.HashMap<>();
        long newest = T0;
        c.add(T0, 1);
        naive.put(T0, 1L);
        int[] windows = {30, 60, 180};
        for (int i = 0; i < 5_000; i++) {
            long minute = newest + rng.nextInt(-200, 4);
            boolean accepted = c.add(minute, 1);
            assertThat(accepted).isEqualTo(minute > newest - 180);
            if (accepted) naive.merge(minute, 1L, Long::sum);
            newest = Math.max(newest, minute);
            long now = newest + rng.nextInt(0, 5);
            long[] got = c.sums(now, windows);
            for (int w = 0; w < windows.length; w++) {
                long from = now - windows[w];
                long expected =
                        naive.entrySet().stream()
                                .filter(e -> e.getKey() > from && e.getKey() <= now)
                                .mapToLong(java.util.Map.Entry::getValue)
                                .sum();
                assertThat(got[w]).isEqualTo(expected);
                assertThat(c.sum(now, windows[w])).isEqualTo(expected);
            }
        }
    }

    @Test
    void minuteOfFloorsAlsoBeforeTheEpoch() {
        assertThat(MinuteCounts.minuteOf(119_999)).isEqualTo(1);
        assertThat(MinuteCounts.minuteOf(-1)).isEqualTo(-1);
    }

    @Test
    void rejectsCapacitiesOutsideOneDay() {
        assertThatThrownBy(() -> new MinuteCounts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MinuteCounts(1441))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nextChangeIsWhenTheOldestEventLeavesTheShortestWindowItIsIn() {
        var c = new MinuteCounts(180);
        c.add(1000, 1);
        c.add(1020, 2);
        int[] windows = {30, 60, 180};

        // 1000 leaves the 30-min window at 1030, before 1020 does (1050)
        assertThat(c.nextChange(1020, windows)).isEqualTo(1030);
        assertThat(c.nextChange(1030, windows)).isEqualTo(1050);
        // after 1050 the next exits are from the 60-min window: 1000 at 1060
        assertThat(c.nextChange(1055, windows)).isEqualTo(1060);
        assertThat(c.nextChange(1200, windows)).isEqualTo(Long.MAX_VALUE);
    }
}
