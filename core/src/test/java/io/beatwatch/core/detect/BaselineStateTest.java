package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The edges of {@link Baseline}'s period (oldest day kept, today, hour slices) and its state as a
 * Flink POJO: what the getters hand a serializer restores an equal baseline.
 */
class BaselineStateTest {

    private static final long DAY = 1440;

    /** Midnight UTC of epoch day 20,000; 20,000 is a multiple of 4, so day k uses slot k. */
    private static final long DAY0 = 20_000 * DAY;

    static long at(int day, int hour) {
        return DAY0 + day * DAY + hour * 60L;
    }

    @Test
    void acceptsPeriodsOfOneToMaxDaysAndSlicesThatDivideTheDay() {
        assertThat(new Baseline(1, 1).getDays()).isEqualTo(1);
        assertThat(new Baseline(Baseline.MAX_DAYS, 24).getDays()).isEqualTo(366);
        assertThat(new Baseline(Baseline.MAX_DAYS, 24).getHourBuckets()).isEqualTo(24);
        assertThatIllegalArgumentException().isThrownBy(() -> new Baseline(0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Baseline(367, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Baseline(28, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Baseline(28, 5));
        var b = Baseline.of(DetectionConfig.defaults());
        assertThat(b.getDays()).isEqualTo(DetectionConfig.DEFAULT_BASELINE_DAYS);
        assertThat(b.getHourBuckets()).isEqualTo(DetectionConfig.DEFAULT_BASELINE_HOUR_BUCKETS);
    }

    @Test
    void aNewBaselineHoldsNoDay() {
        var b = new Baseline(3, 2);
        assertThat(b.getSlotDays()).containsOnly(Long.MIN_VALUE).hasSize(4);
        assertThat(b.getCounts()).containsOnly(0L).hasSize(8);
        assertThat(b.getFirstDay()).isEqualTo(Long.MIN_VALUE);
        assertThat(b.getNewestDay()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void refusesOnlyDaysOlderThanThePeriodBehindTheNewestDay() {
        var b = new Baseline(3, 1);
        assertThat(b.add(at(10, 1), 1)).isTrue();
        // the newest day and the 3 days before it fit in the 4 slots; the 4th day before does not
        assertThat(b.add(at(6, 1), 1)).isFalse();
        assertThat(b.add(at(7, 1), 2)).isTrue();
        assertThat(b.getNewestDay()).isEqualTo(20_010);
        assertThat(b.getFirstDay()).isEqualTo(20_007);
        assertThat(b.add(at(8, 1), 4)).isTrue();
        assertThat(b.getNewestDay()).isEqualTo(20_010);
        assertThat(b.getFirstDay()).isEqualTo(20_007);
        assertThat(b.count(at(10, 12))).isEqualTo(2 + 4);
    }

    @Test
    void anEventOfAnEarlierDayChangesACountAlreadyRead() {
        var b = new Baseline(28, 1);
        b.add(at(26, 1), 3);
        assertThat(b.count(at(28, 12))).isEqualTo(3);
        b.add(at(27, 1), 5); // late, but in the period: today's count must see it
        assertThat(b.count(at(28, 12))).isEqualTo(8);
        b.add(at(28, 1), 7); // today's own events never count today
        assertThat(b.count(at(28, 12))).isEqualTo(8);
    }

    @Test
    void theCountOfTheSameSliceOnTheNextDayIsReadAfresh() {
        var b = new Baseline(28, 4);
        for (int d = 0; d <= 28; d++) b.add(at(d, 1), 1);
        b.add(at(28, 1), 4); // day 28 holds 5 in the 00-06 slice
        assertThat(b.count(at(28, 2))).isEqualTo(28);
        assertThat(b.count(at(29, 2))).isEqualTo(27 + 5);
    }

    @Test
    void theAllDayCountAddsEverySliceOfEachDay() {
        var b = new Baseline(3, 4);
        b.add(at(0, 1), 1);
        b.add(at(0, 7), 2);
        b.add(at(0, 13), 4);
        b.add(at(0, 19), 8);
        b.add(at(1, 19), 16);
        assertThat(b.countAllDay(at(3, 0))).isEqualTo(31);
        assertThat(b.count(at(3, 20))).isEqualTo(24);
        assertThat(b.count(at(3, 8))).isEqualTo(2);
    }

    @Test
    void daysWithDataCountsThePeriodsOldestDayButNotToday() {
        var b = new Baseline(3, 1);
        b.add(at(0, 1), 1); // today - 3: the oldest day of the period
        b.add(at(2, 1), 1);
        b.add(at(3, 1), 1); // today
        assertThat(b.daysWithData(at(3, 12))).isEqualTo(2);
        assertThat(b.daysWithData(at(4, 12))).isEqualTo(2);
    }

    @Test
    void daysWithDataLooksAtEverySliceOfADayAndOnlyAtIt() {
        var b = new Baseline(3, 2); // 00-12, 12-24
        b.add(at(1, 13), 5); // only the second slice
        b.add(at(2, 1), 1);
        assertThat(b.daysWithData(at(3, 0))).isEqualTo(2);
        var c = new Baseline(3, 1);
        c.add(at(1, 1), 0); // a day seen with nothing in it
        c.add(at(2, 1), 5);
        assertThat(c.daysWithData(at(3, 0))).isEqualTo(1);
    }

    @Test
    void isEmptyCountsTodayAndThePeriodsOldestDay() {
        var today = new Baseline(3, 1);
        today.add(at(3, 1), 1);
        assertThat(today.isEmpty(at(3, 12))).isFalse();
        var oldest = new Baseline(3, 1);
        oldest.add(at(0, 1), 1);
        assertThat(oldest.isEmpty(at(3, 12))).isFalse();
        assertThat(oldest.isEmpty(at(4, 12))).isTrue();
        var secondSlice = new Baseline(3, 2);
        secondSlice.add(at(1, 13), 1);
        assertThat(secondSlice.isEmpty(at(3, 0))).isFalse();
        var nothing = new Baseline(3, 1);
        nothing.add(at(1, 1), 0);
        nothing.add(at(2, 1), 0);
        assertThat(nothing.isEmpty(at(3, 0))).isTrue();
        // a day with nothing in it, next to a later day's slot that is not in the period
        var beforeFuture = new Baseline(3, 1);
        beforeFuture.add(at(1, 1), 0);
        beforeFuture.add(at(2, 1), 5);
        assertThat(beforeFuture.isEmpty(at(1, 12))).isTrue();
    }

    static Baseline sample() {
        var b = new Baseline(3, 2);
        b.add(at(0, 1), 1);
        b.add(at(1, 13), 2);
        return b;
    }

    static Baseline copyOf(Baseline b) {
        var c = new Baseline();
        c.setDays(b.getDays());
        c.setHourBuckets(b.getHourBuckets());
        c.setSlotDays(b.getSlotDays().clone());
        c.setCounts(b.getCounts().clone());
        c.setFirstDay(b.getFirstDay());
        c.setNewestDay(b.getNewestDay());
        return c;
    }

    @Test
    void theStateAFlinkSerializerCopiesRestoresAnEqualBaseline() {
        var b = sample();
        var c = copyOf(b);
        assertThat(c).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(c.count(at(2, 14))).isEqualTo(2);
        assertThat(c.countAllDay(at(2, 0))).isEqualTo(3);
        assertThat(c.coveredDays(at(2, 0))).isEqualTo(2);
        assertThat(b).isNotEqualTo("a baseline").isNotEqualTo(null);
    }

    @Test
    void baselinesDifferingInAnyFieldAreNotEqual() {
        var b = sample();
        var days = copyOf(b);
        days.setDays(4);
        var buckets = copyOf(b);
        buckets.setHourBuckets(1);
        var first = copyOf(b);
        first.setFirstDay(b.getFirstDay() - 1);
        var newest = copyOf(b);
        newest.setNewestDay(b.getNewestDay() + 1);
        var slots = copyOf(b);
        var s = b.getSlotDays().clone();
        s[3] = 20_003;
        slots.setSlotDays(s);
        var counts = copyOf(b);
        var n = b.getCounts().clone();
        n[7] = 9;
        counts.setCounts(n);
        for (var other : Arrays.asList(days, buckets, first, newest, slots, counts)) {
            assertThat(other).isNotEqualTo(b);
        }
        assertThat(counts.hashCode()).isNotEqualTo(b.hashCode());
        assertThat(newest.hashCode()).isNotEqualTo(b.hashCode());
    }

    @Test
    void settingCountsOrSlotsDropsTheMemoizedCount() {
        var b = sample();
        assertThat(b.count(at(2, 14))).isEqualTo(2);
        var n = b.getCounts().clone();
        n[3] = 6; // day 1, second slice
        b.setCounts(n);
        assertThat(b.count(at(2, 14))).isEqualTo(6);
        var s = b.getSlotDays().clone();
        s[1] = Long.MIN_VALUE;
        b.setSlotDays(s);
        assertThat(b.count(at(2, 14))).isZero();
    }
}
