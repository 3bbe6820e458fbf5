package io.beatwatch.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The trend of one district worked by hand: ratio (r/rd)/(b/bd), interval exp(ln(((r+½)/rd) /
 * ((b+½)/bd)) ∓ 1.96 √(1/(r+½) + 1/(b+½))), and which days the windows take.
 */
class DistrictTrendsMathTest {

    @Test
    void aTripledRateIsHigherWithItsInterval() {
        var t = DistrictTrends.trend("N", 30, 7, 40, 28);
        assertThat(t.expected()).isEqualTo(10.0);
        assertThat(t.ratio()).isCloseTo(3.0, within(1e-12));
        assertThat(t.low()).isCloseTo(1.8829225949269535, within(1e-12));
        assertThat(t.high()).isCloseTo(4.819224387827997, within(1e-12));
        assertThat(t.verdict()).isEqualTo(DistrictTrends.HIGHER);
    }

    @Test
    void aFifthOfTheRateIsLowerAndAnEqualRateIsUnclear() {
        var lower = DistrictTrends.trend("N", 2, 7, 40, 28);
        assertThat(lower.low()).isCloseTo(0.06883843573349593, within(1e-12));
        assertThat(lower.high()).isCloseTo(0.885643542894796, within(1e-12));
        assertThat(lower.verdict()).isEqualTo(DistrictTrends.LOWER);
        var same = DistrictTrends.trend("N", 5, 7, 20, 28);
        assertThat(same.ratio()).isCloseTo(1.0, within(1e-12));
        assertThat(same.low()).isCloseTo(0.4187125353529054, within(1e-12));
        assertThat(same.high()).isCloseTo(2.7505635063505554, within(1e-12));
        assertThat(same.verdict()).isEqualTo(DistrictTrends.NO_CLEAR_CHANGE);
        var none = DistrictTrends.trend("N", 3, 7, 0, 28);
        assertThat(none.ratio()).isNull();
        assertThat(none.verdict()).isEqualTo(DistrictTrends.TOO_FEW);
    }

    static final LocalDate D0 = LocalDate.parse("2026-10-01");

    /** {@code n} days from D0, each with one incident in NORTH when {@code withData}. */
    static DailyFigures days(int n, boolean withData) {
        var list = new ArrayList<DailyFigures.Day>();
        for (int i = 0; i < n; i++) {
            var districts = new TreeMap<String, Integer>();
            if (withData) districts.put("NORTH", 1);
            list.add(new DailyFigures.Day(D0.plusDays(i), new TreeMap<>(), districts));
        }
        return new DailyFigures(
                Instant.parse("2026-11-01T00:00:00Z"),
                D0,
                D0.plusDays(n - 1),
                ZoneOffset.UTC,
                new TreeMap<>(),
                list);
    }

    @Test
    void twiceTheTrendDaysOfHistoryCompareTheTrendDaysWithTheRest() {
        // 15 days, the first left out: 14 = 2 × 7, so the last 7 against the 7 before
        var w = DistrictTrends.of(days(15, true), 7, 28).windows();
        assertThat(w.recentDays()).isEqualTo(7);
        assertThat(w.baselineDays()).isEqualTo(7);
        assertThat(w.recentFrom()).isEqualTo(D0.plusDays(8));
        assertThat(w.baselineFrom()).isEqualTo(D0.plusDays(1));
        // 14 days: 13 left, a third (4) against the other 9
        var short14 = DistrictTrends.of(days(14, true), 7, 28).windows();
        assertThat(short14.recentDays()).isEqualTo(4);
        assertThat(short14.baselineDays()).isEqualTo(9);
    }

    @Test
    void twoDaysAfterTheFirstAreTheLeastThatCompare() {
        var r = DistrictTrends.of(days(3, true), 7, 28);
        assertThat(r.windows().recentDays()).isEqualTo(1);
        assertThat(r.windows().baselineDays()).isEqualTo(1);
        assertThat(r.districts()).hasSize(1);
        assertThat(DistrictTrends.of(days(2, true), 7, 28).windows()).isNull();
        var empty = DistrictTrends.of(days(20, false), 7, 28);
        assertThat(empty.windows()).isNull();
        assertThat(empty.districts()).isEmpty();
    }
}
