package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaselineTest {

    private static final long DAY = 1440;

    /** Midnight UTC of an epoch day in 2025. */
    private static final long DAY0 = 20_000 * DAY;

    @ParameterizedTest(name = "zone {0} + prior {1}, city window {2} / city baseline {3} → {4}")
    @CsvSource({
        // zone baseline, prior, city window, city baseline, expected (hand-computed)
        "336, 0, 250, 84000, 1.0", // 12/day over 28 days; 250 city calls in the window
        "336, 0, 1000, 84000, 4.0", // city-wide surge ×4: expectation follows
        "280, 0, 125, 84000, 0.4166666667",
        "0, 7, 250, 84000, 0.0208333333", // brand-new ring-1 zone: prior 7 × 250 / 84000
        "0, 1, 0, 84000, 0.0" // quiet city: nothing expected
    })
    void expectationIsZoneShareOfTheCityWindow(
            double zone, double prior, long cityWindow, long cityBaseline, double expected) {
        assertThat(Baseline.expected(zone, prior, cityWindow, cityBaseline))
                .isCloseTo(expected, offset(1e-9));
    }

    @Test
    void expectationIsUndefinedWithoutACityBaseline() {
        assertThat(Baseline.expected(10, 1, 100, 0)).isNaN();
    }

    @Test
    void proportionalCityWideSurgeGivesNoExcessButALocalOneDoes() {
        Baseline zone = new Baseline(28, 1);
        Baseline city = new Baseline(28, 1);
        for (int d = 0; d < 28; d++) {
            zone.add(DAY0 + d * DAY + 600, 12);
            city.add(DAY0 + d * DAY + 600, 3000);
        }
        long now = DAY0 + 28 * DAY + 720; // day 28, noon
        long zoneBase = zone.count(now);
        long cityBase = city.count(now);
        assertThat(zoneBase).isEqualTo(336);
        assertThat(cityBase).isEqualTo(84_000);

        // normal hour: 250 city calls in the window, the zone's share is 1
        double normal = Baseline.expected(zoneBase, 0, 250, cityBase);
        assertThat(PoissonScan.llr(1, normal)).isZero();
        // storm: everything ×4, the zone sees 4 and expects 4: no excess
        double storm = Baseline.expected(zoneBase, 0, 1000, cityBase);
        assertThat(storm).isCloseTo(4.0, offset(1e-12));
        assertThat(PoissonScan.llr(4, storm)).isZero();
        // a local excess of 4 in a normal hour scores 4·ln 4 − 3
        assertThat(PoissonScan.llr(4, normal)).isCloseTo(2.545177444, offset(1e-9));
    }

    @Test
    void countsOnlyCompleteDaysOfThePeriodBeforeToday() {
        Baseline b = new Baseline(3, 1);
        b.add(DAY0 + 10, 100); // day 0: falls out of a 3-day period seen from day 4
        b.add(DAY0 + DAY + 10, 1);
        b.add(DAY0 + 2 * DAY + 10, 2);
        b.add(DAY0 + 3 * DAY + 10, 4); // today: not baseline yet
        assertThat(b.count(DAY0 + 3 * DAY + 600)).isEqualTo(100 + 1 + 2);

        b.add(DAY0 + 4 * DAY + 10, 8); // a new day: day 0 leaves the period
        assertThat(b.count(DAY0 + 4 * DAY + 600)).isEqualTo(1 + 2 + 4);
        assertThat(b.count(DAY0 + 5 * DAY)).isEqualTo(2 + 4 + 8);
    }

    @Test
    void evictsDaysOlderThanThePeriodAndRejectsTooLateOnes() {
        Baseline b = new Baseline(3, 1);
        b.add(DAY0, 5);
        b.add(DAY0 + 4 * DAY, 1); // reuses day 0's slot
        assertThat(b.count(DAY0 + 3 * DAY)).isZero();
        assertThat(b.add(DAY0, 5)).isFalse();
        assertThat(b.isEmpty(DAY0 + 4 * DAY)).isFalse();
        assertThat(b.isEmpty(DAY0 + 8 * DAY)).isTrue();
    }

    @Test
    void hourSlicesCountOnlyTheSliceOfNow() {
        Baseline b = new Baseline(28, 4); // 00-06, 06-12, 12-18, 18-24 UTC
        for (int d = 0; d < 28; d++) {
            b.add(DAY0 + d * DAY + 60, 1); // 01:00
            b.add(DAY0 + d * DAY + 13 * 60, 3); // 13:00
        }
        long today = DAY0 + 28 * DAY;
        assertThat(b.count(today + 2 * 60)).isEqualTo(28);
        assertThat(b.count(today + 14 * 60)).isEqualTo(84);
        assertThat(b.count(today + 8 * 60)).isZero();
        assertThat(b.countAllDay(today + 8 * 60)).isEqualTo(112);
    }

    @Test
    void coveredDaysMeasuresWarmUp() {
        Baseline b = new Baseline(28, 1);
        assertThat(b.coveredDays(DAY0)).isZero();
        b.add(DAY0 + 5, 1);
        assertThat(b.coveredDays(DAY0 + 100)).isZero();
        assertThat(b.coveredDays(DAY0 + 7 * DAY)).isEqualTo(7);
        assertThat(b.coveredDays(DAY0 + 90 * DAY)).isEqualTo(28);
    }

    @Test
    void daysWithDataCountsOnlyDaysThatHoldEventsInThePeriod() {
        var b = new Baseline(28, 1);
        b.add(DAY0, 1);
        b.add(DAY0 + 1 * DAY, 2);
        b.add(DAY0 + 20 * DAY, 1);

        assertThat(b.daysWithData(DAY0)).isZero();
        assertThat(b.daysWithData(DAY0 + 21 * DAY)).isEqualTo(3);
        // a gap does not count: the span says 28, the data says 1
        assertThat(b.daysWithData(DAY0 + 30 * DAY)).isEqualTo(1);
        assertThat(b.coveredDays(DAY0 + 30 * DAY)).isEqualTo(28);
    }
}
