package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * One cell's recent events (kept sorted, late ones inserted, expired by the span), its window
 * counts on both edges, its baseline slots and its snapshot.
 */
class CellStateTest {

    static final int DAYS = 3;
    static final int SLICES = 2;
    static final int WINDOWS = 2;

    static CellState cell() {
        return new CellState(42, DAYS, SLICES, WINDOWS);
    }

    /** Calls at 98..110 with late ones, then one at 160 that expires those at or before 100. */
    static CellState withCalls() {
        var c = cell();
        c.addCall(100, 1, 100, 60);
        c.addCall(98, 2, 100, 60);
        c.addCall(105, 3, 105, 60);
        c.addCall(99, 4, 105, 60);
        c.addCall(110, 5, 110, 60);
        return c;
    }

    @Test
    void callsStaySortedWithTheirTypesAndExpireAtTheSpan() {
        var c = withCalls();
        assertThat(Arrays.copyOf(c.callMinutes, c.calls)).containsExactly(98, 99, 100, 105, 110);
        assertThat(Arrays.copyOf(c.callTypes, c.calls)).containsExactly(2, 4, 1, 3, 5);
        c.addCall(160, 6, 160, 60); // cutoff 100: 98, 99 and 100 leave
        assertThat(Arrays.copyOf(c.callMinutes, c.calls)).containsExactly(105, 110, 160);
        assertThat(Arrays.copyOf(c.callTypes, c.calls)).containsExactly(3, 5, 6);
    }

    @Test
    void aWindowHoldsTheMinutesAfterItsStartUpToNow() {
        var c = withCalls();
        c.addCall(160, 6, 160, 60);
        assertThat(c.calls(160, 60)).isEqualTo(3);
        assertThat(c.calls(160, 50)).isEqualTo(1); // 110 is the window's open start
        assertThat(c.calls(160, 51)).isEqualTo(2);
        assertThat(c.calls(110, 5)).isEqualTo(1);
        assertThat(c.calls(109, 60)).isEqualTo(1); // 110 and 160 are ahead of now
        assertThat(c.calls(104, 60)).isZero();
    }

    @Test
    void countIntoAddsEachWindowInOnePass() {
        long[] minutes = {105, 110, 160};
        long[] into = {0, 0};
        CellState.countInto(minutes, 3, 160, new int[] {50, 56}, 56, into);
        assertThat(into).containsExactly(1, 3);
        long[] edge = {0};
        CellState.countInto(minutes, 3, 160, new int[] {55}, 55, edge);
        assertThat(edge).containsExactly(2);
        long[] early = {0};
        CellState.countInto(minutes, 3, 109, new int[] {60}, 60, early);
        assertThat(early).containsExactly(1);
        long[] more = {10};
        CellState.countInto(minutes, 2, 160, new int[] {60}, 60, more);
        assertThat(more).containsExactly(12);
    }

    @Test
    void tipsAndOfficerEventsAreKeptTheSameWay() {
        var c = cell();
        c.addTip(50, 50, 30);
        c.addTip(45, 50, 30);
        c.addOfficer(50, 50, 30);
        c.addOfficer(45, 50, 30);
        c.addOfficer(47, 50, 30);
        assertThat(c.tips(50, 5)).isEqualTo(1);
        assertThat(c.tips(50, 6)).isEqualTo(2);
        assertThat(c.officer(50, 4)).isEqualTo(2);
        assertThat(c.officer(50, 30)).isEqualTo(3);
        assertThat(Arrays.copyOf(c.officerMinutes, c.officer)).containsExactly(45, 47, 50);
        c.addTip(80, 80, 30); // cutoff 50
        c.addOfficer(79, 79, 30); // cutoff 49
        assertThat(Arrays.copyOf(c.tipMinutes, c.tips)).containsExactly(80);
        assertThat(Arrays.copyOf(c.officerMinutes, c.officer)).containsExactly(50, 79);
        assertThat(c.tips(80, 60)).isEqualTo(1);
        assertThat(c.officer(80, 60)).isEqualTo(2);
    }

    @Test
    void recentIsEmptyOnceTheNewestEventOfEachKindIsASpanOld() {
        assertThat(cell().recentEmpty(0, 60)).isTrue();
        var calls = cell();
        calls.addCall(160, 1, 160, 60);
        assertThat(calls.recentEmpty(219, 60)).isFalse();
        assertThat(calls.recentEmpty(220, 60)).isTrue();
        var tips = cell();
        tips.addTip(160, 160, 60);
        assertThat(tips.recentEmpty(219, 60)).isFalse();
        assertThat(tips.recentEmpty(220, 60)).isTrue();
        var officer = cell();
        officer.addOfficer(160, 160, 60);
        assertThat(officer.recentEmpty(219, 60)).isFalse();
        assertThat(officer.recentEmpty(220, 60)).isTrue();
    }

    /** Days 10 to 12: calls in both slices, one tip on day 11. */
    static CellState withBaseline() {
        var c = cell();
        c.addBaseline(10, 0, false, DAYS, SLICES);
        c.addBaseline(10, 1, false, DAYS, SLICES);
        c.addBaseline(11, 1, false, DAYS, SLICES);
        c.addBaseline(11, 0, true, DAYS, SLICES);
        c.addBaseline(12, 0, false, DAYS, SLICES);
        return c;
    }

    @Test
    void theBaselineOfADayIsTheDaysBeforeItInThePeriod() {
        var c = withBaseline();
        c.baseline(13, DAYS, SLICES);
        assertThat(c.baseCalls).isEqualTo(4);
        assertThat(c.baseBySlice).containsExactly(2, 2);
        assertThat(c.baseTips).isEqualTo(1);
        c.baseline(14, DAYS, SLICES); // day 11 is the oldest of the period, day 10 is out
        assertThat(c.baseCalls).isEqualTo(2);
        assertThat(c.baseBySlice).containsExactly(1, 1);
        assertThat(c.baseTips).isEqualTo(1);
        c.baseline(12, DAYS, SLICES); // day 12 itself is not its own baseline
        assertThat(c.baseCalls).isEqualTo(3);
        assertThat(c.baseBySlice).containsExactly(1, 2);
        assertThat(c.lastDataDay).isEqualTo(12);
    }

    @Test
    void aNewDayInAReusedSlotStartsFromZero() {
        var c = withBaseline();
        c.addBaseline(14, 0, false, DAYS, SLICES); // day 10's slot
        c.addBaseline(15, 1, true, DAYS, SLICES); // day 11's slot: its tip goes too
        c.baseline(16, DAYS, SLICES);
        assertThat(c.baseCalls).isEqualTo(1);
        assertThat(c.baseBySlice).containsExactly(1, 0);
        assertThat(c.baseTips).isEqualTo(1);
        c.baseline(15, DAYS, SLICES);
        assertThat(c.baseCalls).isEqualTo(2);
        assertThat(c.baseTips).isZero();
    }

    @Test
    void hasBaseCallsWhenTheLastCallDayIsInThePeriodBeforeToday() {
        var c = withBaseline();
        c.addBaseline(13, 0, true, DAYS, SLICES); // a tip is no call
        assertThat(c.lastCallDay).isEqualTo(12);
        assertThat(c.hasBaseCalls(12, DAYS)).isFalse();
        assertThat(c.hasBaseCalls(13, DAYS)).isTrue();
        assertThat(c.hasBaseCalls(15, DAYS)).isTrue();
        assertThat(c.hasBaseCalls(16, DAYS)).isFalse();
        assertThat(cell().hasBaseCalls(0, DAYS)).isFalse();
    }

    static CellState roundTrip(CellState c, int version) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            c.writeTo(out, DAYS, SLICES, WINDOWS);
        }
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            var back = CellState.readFrom(in, DAYS, SLICES, WINDOWS, version);
            if (version >= 2) assertThat(in.read()).isEqualTo(-1);
            return back;
        }
    }

    @Test
    void aSnapshotKeepsEventsBaselineEpisodesAndPlace() throws IOException {
        var c = withBaseline();
        for (long m = 100; m < 106; m++) c.addCall(m, (int) m % 3, 105, 60);
        c.addTip(101, 105, 60);
        c.addTip(103, 105, 60);
        c.addOfficer(104, 105, 60);
        c.addBaseline(13, 1, true, DAYS, SLICES);
        c.district = "NORTH";
        c.beat = "N1";
        c.episodePeak[1] = 7.5;
        c.episodeLast[0] = 99;
        c.viewActive = true;

        var back = roundTrip(c, 2);
        assertThat(back.id).isEqualTo(42);
        assertThat(back.district).isEqualTo("NORTH");
        assertThat(back.beat).isEqualTo("N1");
        assertThat(back.lastDataDay).isEqualTo(13);
        assertThat(Arrays.copyOf(back.callMinutes, back.calls))
                .containsExactly(100, 101, 102, 103, 104, 105);
        assertThat(Arrays.copyOf(back.callTypes, back.calls)).containsExactly(1, 2, 0, 1, 2, 0);
        assertThat(Arrays.copyOf(back.tipMinutes, back.tips)).containsExactly(101, 103);
        assertThat(Arrays.copyOf(back.officerMinutes, back.officer)).containsExactly(104);
        assertThat(back.slotDay).containsExactly(c.slotDay);
        assertThat(back.slotCalls).containsExactly(c.slotCalls);
        assertThat(back.slotTips).containsExactly(c.slotTips);
        // the last call day comes back from the slots that hold calls (day 13 holds a tip only)
        assertThat(back.lastCallDay).isEqualTo(12);
        assertThat(back.episodePeak).containsExactly(0.0, 7.5);
        assertThat(back.episodeLast).containsExactly(99, Long.MIN_VALUE);
        assertThat(back.viewActive).isTrue();
        back.addCall(106, 9, 106, 60);
        assertThat(back.calls(106, 60)).isEqualTo(7);
    }

    @Test
    void aSnapshotWithoutDistrictOrBeatAndAnOldOneWithoutTheBeatField() throws IOException {
        var c = cell();
        c.beat = "N1";
        var old = roundTrip(c, 1);
        assertThat(old.beat).isNull();
        assertThat(old.district).isNull();
        assertThat(old.calls).isZero();
        assertThat(old.lastCallDay).isEqualTo(Integer.MIN_VALUE);
        c.beat = null;
        var none = roundTrip(c, 2);
        assertThat(none.beat).isNull();
        assertThat(none.viewActive).isFalse();
    }
}
