package io.beatwatch.core.detect;

import java.util.Arrays;

/**
 * Trailing baseline counts of one zone (or of the whole city): per-day counts, optionally split
 * into hour-of-day slices, over the last {@code days} complete UTC days before the current one.
 * Today's events are kept (they become baseline tomorrow) but never count toward today's baseline,
 * so an emerging cluster cannot inflate its own expectation. A POJO for Flink keyed state.
 *
 * <p>The space-time permutation expectation (Kulldorff 2005) is {@link #expected}: {@code
 * expected(zone, window) = (count(zone, baseline) + prior) × count(city, window) / count(city,
 * baseline)}. The keyed operator keeps the zone's {@code Baseline} in state and receives the two
 * city figures as parameters (broadcast or computed upstream).
 */
public final class Baseline {

    /** Longest baseline period in days. */
    public static final int MAX_DAYS = 366;

    static final int MINUTES_PER_DAY = 1440;
    private static final long EMPTY = Long.MIN_VALUE;

    private int days;
    private int hourBuckets;
    private long[] slotDays;
    private long[] counts;
    private long firstDay = EMPTY;
    private long newestDay = EMPTY;
    // count() is constant through a day (today never counts): memoized, not part of the state
    private transient long cachedKey = EMPTY;
    private transient long cachedCount;

    /** A 28-day whole-day baseline (for serializers). */
    public Baseline() {
        this(DetectionConfig.DEFAULT_BASELINE_DAYS, DetectionConfig.DEFAULT_BASELINE_HOUR_BUCKETS);
    }

    /** A baseline over {@code days} complete days, in {@code hourBuckets} slices of a day. */
    public Baseline(int days, int hourBuckets) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1.." + MAX_DAYS + ", was " + days);
        }
        if (hourBuckets < 1 || 24 % hourBuckets != 0) {
            throw new IllegalArgumentException("hourBuckets must divide 24, was " + hourBuckets);
        }
        this.days = days;
        this.hourBuckets = hourBuckets;
        // one slot more than the period: today is accumulated but not yet baseline
        this.slotDays = new long[days + 1];
        this.counts = new long[(days + 1) * hourBuckets];
        Arrays.fill(slotDays, EMPTY);
    }

    /** A baseline shaped by a detection config. */
    public static Baseline of(DetectionConfig config) {
        return new Baseline(config.baselineDays(), config.baselineHourBuckets());
    }

    /**
     * The space-time permutation expectation for a zone and window. {@code prior} is a small
     * pseudo-count added to the zone's baseline (see {@link DetectionConfig#priorCount}): a zone
     * never seen before then expects {@code prior / cityBaseline} of the city's window count
     * instead of zero, so a first event is surprising but not infinitely so. The prior is not added
     * to the city count: summed over all zones it is small beside a city baseline of tens of
     * thousands.
     *
     * @return the expected count, or {@link Double#NaN} when the city baseline is empty (warm-up:
     *     nothing may alert)
     */
    public static double expected(
            double zoneBaselineCount, double prior, long cityWindowCount, long cityBaselineCount) {
        if (cityBaselineCount <= 0) {
            return Double.NaN;
        }
        return (zoneBaselineCount + prior) * cityWindowCount / (double) cityBaselineCount;
    }

    /** Epoch day (UTC) of an epoch minute. */
    public static long dayOf(long epochMinute) {
        return Math.floorDiv(epochMinute, MINUTES_PER_DAY);
    }

    /** The hour-of-day slice (0..hourBuckets-1, UTC) of an epoch minute. */
    public int bucketOf(long epochMinute) {
        int minuteOfDay = (int) Math.floorMod(epochMinute, (long) MINUTES_PER_DAY);
        return minuteOfDay / (MINUTES_PER_DAY / hourBuckets);
    }

    /**
     * Adds {@code n} events at {@code epochMinute}. Returns false (counting nothing) when that day
     * is older than the whole period behind the newest day seen.
     */
    public boolean add(long epochMinute, long n) {
        long day = dayOf(epochMinute);
        if (newestDay != EMPTY && day <= newestDay - (days + 1)) {
            return false;
        }
        int slot = (int) Math.floorMod(day, (long) (days + 1));
        if (slotDays[slot] != day) {
            slotDays[slot] = day;
            Arrays.fill(counts, slot * hourBuckets, (slot + 1) * hourBuckets, 0L);
        }
        counts[slot * hourBuckets + bucketOf(epochMinute)] += n;
        if (cachedKey != EMPTY && day != Math.floorDiv(cachedKey, hourBuckets)) {
            // only events of the cached day itself leave its baseline unchanged
            cachedKey = EMPTY;
        }
        if (newestDay == EMPTY || day > newestDay) newestDay = day;
        if (firstDay == EMPTY || day < firstDay) firstDay = day;
        return true;
    }

    /**
     * The baseline count that goes with a window ending at {@code nowMinute}: events in the {@code
     * days} complete days before today, in the hour slice of {@code nowMinute} (all day when there
     * is one slice).
     */
    public long count(long nowMinute) {
        long key = dayOf(nowMinute) * hourBuckets + bucketOf(nowMinute);
        if (key != cachedKey) {
            cachedCount = sumBuckets(nowMinute, bucketOf(nowMinute), hourBuckets == 1);
            cachedKey = key;
        }
        return cachedCount;
    }

    /** All events in the {@code days} complete days before today, every hour slice. */
    public long countAllDay(long nowMinute) {
        return sumBuckets(nowMinute, 0, true);
    }

    private long sumBuckets(long nowMinute, int bucket, boolean allBuckets) {
        long today = dayOf(nowMinute);
        long total = 0;
        for (int s = 0; s <= days; s++) {
            long d = slotDays[s];
            if (d == EMPTY || d >= today || d < today - days) continue;
            if (allBuckets) {
                for (int b = 0; b < hourBuckets; b++) total += counts[s * hourBuckets + b];
            } else {
                total += counts[s * hourBuckets + bucket];
            }
        }
        return total;
    }

    /**
     * How many days of the baseline period before today lie after the first day ever counted: the
     * warm-up measure ({@code >= minBaselineDays} before anything alerts).
     */
    public int coveredDays(long nowMinute) {
        if (firstDay == EMPTY) return 0;
        long today = dayOf(nowMinute);
        return (int) Math.max(0, Math.min(days, today - firstDay));
    }

    /**
     * How many days of the baseline period before today hold any count: the warm-up measure of a
     * feed with gaps, where the span since the first day overstates what the baseline knows.
     */
    public int daysWithData(long nowMinute) {
        long today = dayOf(nowMinute);
        int n = 0;
        for (int s = 0; s <= days; s++) {
            long d = slotDays[s];
            if (d == EMPTY || d >= today || d < today - days) continue;
            for (int b = 0; b < hourBuckets; b++) {
                if (counts[s * hourBuckets + b] != 0) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /** True when nothing counted lies in the period or today: the operator may clear this state. */
    public boolean isEmpty(long nowMinute) {
        long today = dayOf(nowMinute);
        for (int s = 0; s <= days; s++) {
            long d = slotDays[s];
            if (d == EMPTY || d > today || d < today - days) continue;
            for (int b = 0; b < hourBuckets; b++) {
                if (counts[s * hourBuckets + b] != 0) return false;
            }
        }
        return true;
    }

    public int getDays() {
        return days;
    }

    public void setDays(int days) {
        this.days = days;
    }

    public int getHourBuckets() {
        return hourBuckets;
    }

    public void setHourBuckets(int hourBuckets) {
        this.hourBuckets = hourBuckets;
    }

    public long[] getSlotDays() {
        return slotDays;
    }

    public void setSlotDays(long[] slotDays) {
        this.slotDays = slotDays;
        this.cachedKey = EMPTY;
    }

    public long[] getCounts() {
        return counts;
    }

    public void setCounts(long[] counts) {
        this.counts = counts;
        this.cachedKey = EMPTY;
    }

    public long getFirstDay() {
        return firstDay;
    }

    public void setFirstDay(long firstDay) {
        this.firstDay = firstDay;
    }

    public long getNewestDay() {
        return newestDay;
    }

    public void setNewestDay(long newestDay) {
        this.newestDay = newestDay;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Baseline b
                && b.days == days
                && b.hourBuckets == hourBuckets
                && b.firstDay == firstDay
                && b.newestDay == newestDay
                && Arrays.equals(b.slotDays, slotDays)
                && Arrays.equals(b.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(counts) + Long.hashCode(newestDay);
    }
}
