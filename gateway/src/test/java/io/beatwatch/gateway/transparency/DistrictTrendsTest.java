package io.beatwatch.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DistrictTrendsTest {

    static final LocalDate D0 = LocalDate.parse("2026-09-01");

    /** {@code n} days, district A with {@code a(i)} incidents on day i, B with 10 a day. */
    static DailyFigures figures(int n, java.util.function.IntUnaryOperator a) {
        var days = new ArrayList<DailyFigures.Day>();
        for (int i = 0; i < n; i++) {
            var d = new TreeMap<String, Integer>();
            if (a.applyAsInt(i) >= 0) d.put("B", 10);
            if (a.applyAsInt(i) > 0) d.put("A", a.applyAsInt(i));
            days.add(new DailyFigures.Day(D0.plusDays(i), new TreeMap<>(), d));
        }
        return new DailyFigures(
                Instant.EPOCH, D0, D0.plusDays(n - 1), ZoneOffset.UTC, new TreeMap<>(), days);
    }

    @Test
    void comparesTheLastWeeksWithTheWeeksBefore() {
        var r = DistrictTrends.of(figures(84, i -> i >= 56 ? 20 : 10), 28, 56);
        assertThat(r.windows().recentFrom()).isEqualTo(D0.plusDays(56));
        // the first day may be partial: left out
        assertThat(r.windows().baselineFrom()).isEqualTo(D0.plusDays(1));
        assertThat(r.windows().baselineTo()).isEqualTo(D0.plusDays(55));
        var a = r.districts().get(0);
        assertThat(a.district()).isEqualTo("A");
        assertThat(a.recent()).isEqualTo(560);
        assertThat(a.baseline()).isEqualTo(550);
        assertThat(a.expected()).isEqualTo(280.0);
        assertThat(a.ratio()).isCloseTo(2.0, within(1e-9));
        assertThat(a.low()).isGreaterThan(1.0);
        assertThat(a.verdict()).isEqualTo(DistrictTrends.HIGHER);
        var b = r.districts().get(1);
        assertThat(b.ratio()).isCloseTo(1.0, within(1e-9));
        assertThat(b.low()).isLessThan(1.0);
        assertThat(b.high()).isGreaterThan(1.0);
        assertThat(b.verdict()).isEqualTo(DistrictTrends.NO_CLEAR_CHANGE);
    }

    @Test
    void smallCountsGiveWideIntervalsAndNoVerdict() {
        // 3 against 1 a week: three times as many, but far too few to say so
        var t = DistrictTrends.trend("A", 3, 28, 2, 56);
        assertThat(t.ratio()).isCloseTo(3.0, within(1e-9));
        assertThat(t.low()).isLessThan(1.0);
        assertThat(t.high()).isGreaterThan(10.0);
        assertThat(t.verdict()).isEqualTo(DistrictTrends.NO_CLEAR_CHANGE);
        assertThat(DistrictTrends.trend("A", 4, 28, 0, 56).verdict())
                .isEqualTo(DistrictTrends.TOO_FEW);
    }

    @Test
    void withShortHistoryTheLastThirdIsComparedWithTheRest() {
        var r = DistrictTrends.of(figures(7, i -> 10), 28, 56);
        assertThat(r.windows().recentDays()).isEqualTo(2);
        assertThat(r.windows().baselineDays()).isEqualTo(4);
        assertThat(DistrictTrends.of(figures(2, i -> 10), 28, 56).districts()).isEmpty();
    }

    @Test
    void daysBeforeTheFirstFigureAreNotCountedAsZerosNorItsPartialFirstDay() {
        // 14 empty days, a partial day of 2, then 69 days of 10 a day: no change
        var r = DistrictTrends.of(figures(84, i -> i < 14 ? -1 : i == 14 ? 2 : 10), 28, 56);
        assertThat(r.windows().baselineFrom()).isEqualTo(D0.plusDays(15));
        assertThat(r.windows().baselineDays()).isEqualTo(41);
        assertThat(r.districts().get(0).ratio()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void districtsComeInNameOrderNotRanked() {
        var r = DistrictTrends.of(figures(84, i -> i >= 56 ? 1 : 30), 28, 56);
        assertThat(r.districts())
                .extracting(DistrictTrends.Trend::district)
                .containsExactly("A", "B");
    }
}
