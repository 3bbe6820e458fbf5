package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beatwatch.core.detect.internal.LongMap;
import io.beatwatch.core.grid.H3Grid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Expectation} on a city worked by hand: seven days of one call an hour (so the city's
 * intensity is 1 at every hour and weekday: 24 calls a day, and each 6-hour slice holds (42 + 1) /
 * (168 + 4) = 1/4 of them), five calls ten minutes ago, a cell with 75 baseline calls (30 in the
 * 06-12 slice, 45 in 12-18) and one held neighbour with 70.
 */
class ExpectationTest {

    static final DetectionConfig CONFIG = DetectionConfig.defaults(); // 28 days, 4 slices, α = 1
    static final int[] WINDOWS = {30, 60, 180};
    static final long A = H3Grid.h3().latLngToCell(29.4241, -98.4936, 9);

    /** 10,000,000 = 6,944 days and 640 minutes: 10:40 UTC, in the 06-12 slice (1). */
    static final long NOW = 10_000_000;

    static final int TODAY = 7;

    CityRates city;
    Neighbourhoods zones;
    Expectation expectation;
    CellState a;

    @BeforeEach
    void city() {
        city = new CityRates(CONFIG.baselineDays());
        for (int d = 0; d < 7; d++) {
            city.startDay(d, d);
            for (int h = 0; h < 24; h++) city.addCall(d * 1440L + h * 60, h);
        }
        city.startDay(TODAY, 0);
        for (int i = 0; i < 5; i++) city.addCall(NOW - 10, 10);
        var cells = new LongMap<CellState>();
        zones = new Neighbourhoods(cells);
        a = new CellState(A, 28, 4, WINDOWS.length);
        for (int i = 0; i < 30; i++) a.addBaseline(3, 1, false, 28, 4);
        for (int i = 0; i < 45; i++) a.addBaseline(3, 2, false, 28, 4);
        cells.put(A, a);
        long qId = zones.neighbours(a)[2];
        var q = new CellState(qId, 28, 4, WINDOWS.length);
        for (int i = 0; i < 70; i++) q.addBaseline(2, 0, false, 28, 4);
        cells.put(qId, q);
        expectation = new Expectation(CONFIG, city, zones, WINDOWS);
    }

    @Test
    void hourAndSliceOfAMinute() {
        assertThat(Expectation.hourOf(NOW)).isEqualTo(10);
        assertThat(Expectation.hourOf(-1)).isEqualTo(23);
        assertThat(expectation.sliceOf(NOW)).isEqualTo(1);
        assertThat(expectation.sliceOf(NOW + 120)).isEqualTo(2); // 12:40
        assertThat(expectation.sliceOf(NOW - 640)).isZero();
    }

    @Test
    void theCellsRateIsShrunkTowardsItsNeighboursAndShapedByItsSlices() {
        // neighbours: 70 calls over 6 places and 7 days = 5/3 a day: the prior's mean;
        // rate = (75 + 1) / (7 + 1 / (5/3)) = 76 / 7.6 = 10 a day;
        // slice 1: (30 + 4 × 1/4) / (75 + 4) / (1/4) = 124/79; city intensity 1
        double perMinute = expectation.perMinute(a, NOW, TODAY);
        assertThat(a.dailyRate).isCloseTo(10.0, within(1e-12));
        assertThat(a.sliceFactor[1]).isCloseTo(124 / 79.0, within(1e-12));
        assertThat(a.sliceFactor[2]).isCloseTo(184 / 79.0, within(1e-12));
        assertThat(a.sliceFactor[0]).isCloseTo(4 / 79.0, within(1e-12));
        assertThat(perMinute).isCloseTo(10.0 / 1440 * 124 / 79, within(1e-15));
        // at 12:40 the 12-18 slice applies
        assertThat(expectation.perMinute(a, NOW + 120, TODAY))
                .isCloseTo(10.0 / 1440 * 184 / 79, within(1e-15));
    }

    @Test
    void aCellNotHeldExpectsTheFloorRate() {
        assertThat(expectation.perMinute(null, 12345, NOW, TODAY))
                .isCloseTo(1.0 / 1440, within(1e-15));
        assertThat(new Expectation(CONFIG, new CityRates(28), zones, WINDOWS).perMinute(a, NOW, 0))
                .isNaN();
    }

    @Test
    void theCityFactorLeavesOutTheZonesOwnCallsAndIsDamped() {
        // expected over the last 180 min: 24 / 1440 × 180 = 3; observed 5, of which the zone's 1
        assertThat(expectation.cityFactor(new long[] {0, 0, 1}, NOW))
                .isCloseTo((4 + 20) / 23.0, within(1e-12));
        assertThat(expectation.cityFactor(new long[] {0, 0, 7}, NOW))
                .isCloseTo(20 / 23.0, within(1e-12));
    }

    @Test
    void aCountedCallRaisesTheCachedCityCountOnlyInsideItsWindowAndMinute() {
        long[] own = {0, 0, 0};
        assertThat(expectation.cityFactor(own, NOW)).isCloseTo(25 / 23.0, within(1e-12));
        expectation.callCounted(NOW - 179, NOW); // counted without reading the city again
        assertThat(expectation.cityFactor(own, NOW)).isCloseTo(26 / 23.0, within(1e-12));
        expectation.callCounted(NOW - 180, NOW); // outside: the city is summed again (5)
        assertThat(expectation.cityFactor(own, NOW)).isCloseTo(25 / 23.0, within(1e-12));
        expectation.tipCounted();
        expectation.callCounted(NOW - 1, NOW); // after a tip: summed again too
        assertThat(expectation.cityFactor(own, NOW)).isCloseTo(25 / 23.0, within(1e-12));
        expectation.callCounted(NOW - 1, NOW);
        assertThat(expectation.cityFactor(own, NOW)).isCloseTo(26 / 23.0, within(1e-12));
        expectation.callCounted(NOW, NOW + 1); // another minute: summed again
        assertThat(expectation.cityFactor(own, NOW)).isCloseTo(25 / 23.0, within(1e-12));
    }

    @Test
    void countsAreTheRateTimesEachWindowTimesTheCityFactor() {
        double unit = 10.0 / 1440 * 124 / 79;
        double f = (4 + 20) / 23.0;
        double[] e = expectation.counts(a, new long[] {0, 0, 1}, NOW, TODAY);
        assertThat(e).hasSize(3);
        assertThat(e[0]).isCloseTo(unit * 30 * f, within(1e-12));
        assertThat(e[1]).isCloseTo(unit * 60 * f, within(1e-12));
        assertThat(e[2]).isCloseTo(unit * 180 * f, within(1e-12));
    }

    @Test
    void testsPerDayFollowTheActiveCellsWithAtLeastOne() {
        assertThat(expectation.testsPerDay(0)).isEqualTo(CONFIG.testsPerDay(1));
        assertThat(expectation.testsPerDay(5)).isEqualTo(CONFIG.testsPerDay(5));
        assertThat(expectation.testsPerDay(5)).isEqualTo(CONFIG.testsPerDay(5));
        assertThat(expectation.testsPerDay(1)).isEqualTo(CONFIG.testsPerDay(1));
    }
}
