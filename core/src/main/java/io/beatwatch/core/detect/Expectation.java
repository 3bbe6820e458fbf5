package io.beatwatch.core.detect;

import static io.beatwatch.core.detect.StreamDetector.CITY_PRIOR;
import static io.beatwatch.core.detect.StreamDetector.CITY_WINDOW;
import static io.beatwatch.core.detect.StreamDetector.MIN_RATE;
import static io.beatwatch.core.detect.StreamDetector.RATE_FLOOR_PER_DAY;
import static io.beatwatch.core.detect.StreamDetector.SLICE_PRIOR;

/**
 * What {@link StreamDetector} expects of a cell and the city now: each cell's shrunk daily rate and
 * hour-slice profile, the city's hour-of-week intensity and how much busier than usual the city is,
 * with the per-minute caches of the city's figures. The clock ({@code now}, in epoch minutes) and
 * the data day are the detector's, passed in.
 */
final class Expectation {

    private static final int MINUTES_PER_DAY = 1440;

    private final DetectionConfig config;
    private final CityRates city;
    private final Neighbourhoods zones;
    private final int[] windows;
    private final int days;
    private final int slices;
    private final double alpha;

    // per-minute caches of the city's figures
    private long cacheMinute = Long.MIN_VALUE;
    private double cacheIntensity;
    private double cacheCityExpected;
    private long cacheCityObserved = -1;
    private boolean tipSinceCitySum;
    private long testsCells = -1; // the active cells testsPerDay was computed for
    private double testsPerDay;

    Expectation(DetectionConfig config, CityRates city, Neighbourhoods zones, int[] windows) {
        this.config = config;
        this.city = city;
        this.zones = zones;
        this.windows = windows;
        this.days = config.baselineDays();
        this.slices = config.baselineHourBuckets();
        this.alpha = config.priorCountPerCell();
    }

    /** The hour-slice of the day {@code minute} falls in. */
    int sliceOf(long minute) {
        return hourOf(minute) / (24 / slices);
    }

    /** The UTC hour of the day of {@code minute}. */
    static int hourOf(long minute) {
        return (int) Math.floorMod(minute, (long) MINUTES_PER_DAY) / 60;
    }

    /** A citizen call at {@code minute} was counted: the city's recent count grows by it. */
    void callCounted(long minute, long now) {
        // the city's recent count grows by this call, unless a tip has reset a minute of
        // the city's ring since it was summed (then it is summed again, as it always was)
        if (cacheCityObserved >= 0
                && cacheMinute == now
                && !tipSinceCitySum
                && minute > now - CITY_WINDOW) {
            cacheCityObserved++;
        } else {
            cacheCityObserved = -1;
        }
    }

    /** A tip was counted: the city's recent calls are summed again on next use. */
    void tipCounted() {
        tipSinceCitySum = true;
    }

    /**
     * The expected citizen calls per minute at cell {@code c} now, before the city factor: the
     * cell's daily rate, shrunk towards its neighbourhood (empirical Bayes: a Gamma prior whose
     * mean is its neighbours' average and whose weight is {@code priorCountPerCell} calls), times
     * the city's hour-of-week intensity, times the cell's own hour-slice profile (shrunk towards
     * the city's).
     */
    double perMinute(CellState c, long now, int dataDay) {
        return perMinute(c, c.id, now, dataDay);
    }

    /** As {@link #perMinute(CellState, long, int)}, for the cell {@code id} (c null: not held). */
    double perMinute(CellState c, long id, long now, int dataDay) {
        int D = city.daysWithData;
        if (D == 0) return Double.NaN;
        refreshMinute(now);
        int s = sliceOf(now);
        if (c == null) {
            double rate = Math.max(MIN_RATE, alpha / (D + alpha / RATE_FLOOR_PER_DAY));
            return rate / MINUTES_PER_DAY * cacheIntensity;
        }
        rate(c, dataDay);
        return c.dailyRate / MINUTES_PER_DAY * cacheIntensity * c.sliceFactor[s];
    }

    /** The cell's shrunk daily rate and slice factors, once a data day. */
    private void rate(CellState c, int dataDay) {
        if (c.rateDay == dataDay) return;
        c.rateDay = dataDay;
        c.baseline(dataDay, days, slices);
        int D = city.daysWithData;
        long around = 0;
        int known = 0;
        for (CellState q : zones.around(c)) {
            known++;
            if (q == null) continue;
            q.baseline(dataDay, days, slices);
            around += q.baseCalls;
        }
        double mean = known == 0 ? 0 : around / (double) known / D;
        double prior = Math.max(RATE_FLOOR_PER_DAY, mean);
        c.dailyRate = Math.max(MIN_RATE, (c.baseCalls + alpha) / (D + alpha / prior));
        for (int s = 0; s < slices; s++) {
            double cityShare = city.sliceShare(s, slices);
            double own = (c.baseBySlice[s] + SLICE_PRIOR * cityShare) / (c.baseCalls + SLICE_PRIOR);
            // the city's hour-of-week intensity already carries the city's slice share
            c.sliceFactor[s] = own / cityShare;
        }
    }

    private void refreshMinute(long now) {
        if (cacheMinute == now) return;
        cacheMinute = now;
        long day = Math.floorDiv(now, (long) MINUTES_PER_DAY);
        int dow = (int) Math.floorMod(day + 3, 7L);
        cacheIntensity = city.intensity(hourOf(now), dow);
        double perMinute = city.dailyCalls() / MINUTES_PER_DAY;
        double sum = 0;
        for (int back = 0; back < CITY_WINDOW; back += 60) {
            long m = now - back;
            long d = Math.floorDiv(m, (long) MINUTES_PER_DAY);
            sum += city.intensity(hourOf(m), (int) Math.floorMod(d + 3, 7L)) * 60;
        }
        cacheCityExpected = perMinute * sum;
        cacheCityObserved = -1;
    }

    /**
     * How much busier the whole city is than usual over the last {@link StreamDetector#CITY_WINDOW}
     * minutes, leaving out the zone's own calls (so a local burst does not raise its own
     * expectation): the space-time permutation idea, damped by {@link StreamDetector#CITY_PRIOR}
     * pseudo-calls.
     */
    double cityFactor(long[] zoneCounts, long now) {
        refreshMinute(now);
        if (cacheCityObserved < 0) {
            cacheCityObserved = city.recentCalls(now, CITY_WINDOW);
            tipSinceCitySum = false;
        }
        long own = zoneCounts[zoneCounts.length - 1];
        double observed = Math.max(0, cacheCityObserved - own);
        return (observed + CITY_PRIOR) / (cacheCityExpected + CITY_PRIOR);
    }

    /** The Poisson fallback's tests a day for the active cells now (they change once a day). */
    double testsPerDay(long activeCells) {
        if (testsCells != activeCells) {
            testsCells = activeCells;
            testsPerDay = config.testsPerDay(Math.max(1, activeCells));
        }
        return testsPerDay;
    }

    /** The expected count of {@code c}'s cell in each window now (for readings and traces). */
    double[] counts(CellState c, long[] counts, long now, int dataDay) {
        double unit = perMinute(c, now, dataDay);
        double f = cityFactor(counts, now);
        double[] e = new double[windows.length];
        for (int w = 0; w < windows.length; w++) e[w] = unit * windows[w] * f;
        return e;
    }
}
