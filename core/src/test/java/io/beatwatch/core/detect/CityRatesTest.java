package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The city's baseline rates (3-day period) and recent counts, with figures worked by hand. */
class CityRatesTest {

    /**
     * Day 9 (weekday 1): 1 call at 05h. Day 10 (weekday 2): 2 calls at 00h, 1 at 13h, 1 tip. Day 11
     * (weekday 3): 5 calls at 13h. Then day 12 (weekday 4) starts: its baseline is days 9..11.
     */
    static CityRates threeDays() {
        var c = new CityRates(3);
        c.startDay(9, 1);
        c.addCall(1, 5);
        c.startDay(10, 2);
        c.addCall(2, 0);
        c.addCall(3, 0);
        c.addCall(4, 13);
        c.addTip(5);
        c.startDay(11, 3);
        for (int i = 0; i < 5; i++) c.addCall(10 + i, 13);
        c.startDay(12, 4);
        return c;
    }

    @Test
    void theBaselineIsThePeriodBeforeTodayWithItsOldestDay() {
        var c = threeDays();
        assertThat(c.daysWithData).isEqualTo(3);
        assertThat(c.total).isEqualTo(9);
        assertThat(c.tipTotal).isEqualTo(1);
        assertThat(c.byHour[0]).isEqualTo(2);
        assertThat(c.byHour[5]).isEqualTo(1);
        assertThat(c.byHour[13]).isEqualTo(6);
        assertThat(c.byDow).containsExactly(0, 1, 3, 5, 0, 0, 0);
        assertThat(c.dowDays).containsExactly(0, 1, 1, 1, 0, 0, 0);
        assertThat(c.dailyCalls()).isEqualTo(3.0);
    }

    @Test
    void intensityIsTheHourShareTimesTheWeekdayRateOverTheDailyRate() {
        var c = threeDays();
        // hour share (n_h + 1) / (9 + 24) × 24; weekday rate (n_dow + 3) / (days_dow + 1); / 3
        assertThat(c.intensity(13, 3)).isCloseTo(7 / 33.0 * 24 * 4 / 3, within(1e-12));
        assertThat(c.intensity(0, 2)).isCloseTo(24 / 11.0, within(1e-12));
        assertThat(c.intensity(5, 6)).isCloseTo(16 / 11.0, within(1e-12));
        assertThat(new CityRates(3).intensity(13, 3)).isEqualTo(1.0);
        assertThat(new CityRates(3).dailyCalls()).isZero();
    }

    @Test
    void aSlicesShareIsItsHoursCallsPlusOneOverTheTotalPlusTheSlices() {
        var c = threeDays();
        assertThat(c.sliceShare(0, 4)).isCloseTo(4 / 13.0, within(1e-12));
        assertThat(c.sliceShare(2, 4)).isCloseTo(7 / 13.0, within(1e-12));
        assertThat(c.sliceShare(1, 2)).isCloseTo(7 / 11.0, within(1e-12));
        assertThat(c.sliceShare(0, 1)).isCloseTo(10 / 10.0, within(1e-12));
    }

    @Test
    void aDayLeavesThePeriodAndItsSlotStartsEmptyWhenReused() {
        var c = threeDays();
        c.startDay(13, 5); // day 9 leaves; day 13 takes its slot
        assertThat(c.daysWithData).isEqualTo(3);
        assertThat(c.total).isEqualTo(8);
        assertThat(c.byHour[5]).isZero();
        c.startDay(14, 6); // days 11..13: day 13 holds nothing, not day 9's call
        assertThat(c.total).isEqualTo(5);
        assertThat(c.byHour[5]).isZero();
        assertThat(c.tipTotal).isZero();
    }

    @Test
    void recentCountsCoverTheWindowEndingNow() {
        var c = new CityRates(3);
        c.startDay(0, 0);
        c.addCall(100, 1);
        c.addCall(101, 1);
        c.addCall(105, 1);
        c.addTip(103);
        assertThat(c.recentCalls(105, 5)).isEqualTo(2);
        assertThat(c.recentCalls(104, 5)).isEqualTo(2);
        assertThat(c.recentCalls(105, 6)).isEqualTo(3);
        assertThat(c.recentTips(105, 5)).isEqualTo(1);
        assertThat(c.recentTips(102, 5)).isZero();
        // a day and a minute later the same slots hold the new minutes only
        c.addCall(100 + CityRates.RECENT, 1);
        assertThat(c.recentCalls(100 + CityRates.RECENT, 1440)).isEqualTo(2); // 105 and now
        assertThat(c.recentCalls(100 + CityRates.RECENT, 1)).isEqualTo(1);
    }

    @Test
    void aSnapshotRestoresTheBaselineAndKeepsTodaysCounts() throws IOException {
        var c = threeDays();
        c.addCall(2000, 7); // today (day 12)
        c.addTip(2001);
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            c.writeTo(out);
        }
        var back = new CityRates(3);
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back.readFrom(in);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(back.dataDay).isEqualTo(12);
        assertThat(back.total).isEqualTo(9);
        assertThat(back.daysWithData).isEqualTo(3);
        assertThat(back.intensity(13, 3)).isEqualTo(c.intensity(13, 3));
        assertThat(back.recentCalls(2001, 10)).isEqualTo(1);
        assertThat(back.recentTips(2001, 10)).isEqualTo(1);
        back.startDay(13, 5);
        assertThat(back.total).isEqualTo(9); // days 10..12: 4 + 5 + today's 1
        assertThat(back.byHour[7]).isEqualTo(1);
        assertThat(back.tipTotal).isEqualTo(2);
    }
}
