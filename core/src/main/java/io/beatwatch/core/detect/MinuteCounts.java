package io.beatwatch.core.detect;

import java.util.Arrays;

/**
 * Event counts in one-minute buckets over a ring of at most {@link #getCapacity()} minutes, by
 * event time. Buckets older than the capacity behind the newest minute are overwritten (evicted);
 * late events within the capacity still count. A plain POJO (public no-arg constructor, getters and
 * setters) so Flink keeps it in keyed state with its POJO serializer.
 */
public final class MinuteCounts {

    /** Default ring length: the longest default window, 180 minutes. */
    public static final int DEFAULT_CAPACITY = 180;

    /** Longest ring allowed (one day). */
    public static final int MAX_CAPACITY = 1440;

    private static final long EMPTY = Long.MIN_VALUE;

    private int capacity;
    private long[] minutes;
    private long[] counts;
    private long newestMinute = EMPTY;

    /** A ring of {@link #DEFAULT_CAPACITY} minutes (for serializers). */
    public MinuteCounts() {
        this(DEFAULT_CAPACITY);
    }

    /** A ring of {@code capacity} minutes (1..{@link #MAX_CAPACITY}). */
    public MinuteCounts(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "capacity must be 1.." + MAX_CAPACITY + ", was " + capacity);
        }
        this.capacity = capacity;
        this.minutes = new long[capacity];
        this.counts = new long[capacity];
        Arrays.fill(minutes, EMPTY);
    }

    /** Epoch minute of an epoch-millisecond instant (floor, also before 1970). */
    public static long minuteOf(long epochMillis) {
        return Math.floorDiv(epochMillis, 60_000L);
    }

    /**
     * Adds {@code n} events in the minute {@code minuteEpoch}. Returns false (and counts nothing)
     * when that minute already fell out of the ring: the event is later than the longest window.
     */
    public boolean add(long minuteEpoch, long n) {
        if (newestMinute != EMPTY && minuteEpoch <= newestMinute - capacity) {
            return false;
        }
        int i = (int) Math.floorMod(minuteEpoch, (long) capacity);
        if (minutes[i] != minuteEpoch) {
            // the slot holds a minute at least one full ring older: evict it
            minutes[i] = minuteEpoch;
            counts[i] = 0;
        }
        counts[i] += n;
        if (newestMinute == EMPTY || minuteEpoch > newestMinute) {
            newestMinute = minuteEpoch;
        }
        return true;
    }

    /**
     * Events in the {@code windowMinutes} minutes ending with {@code nowMinute} inclusive, i.e. in
     * minutes {@code (nowMinute - windowMinutes, nowMinute]}. Windows longer than the capacity are
     * cut to the capacity.
     */
    public long sum(long nowMinute, int windowMinutes) {
        long from = nowMinute - Math.min(windowMinutes, capacity);
        long total = 0;
        for (int i = 0; i < capacity; i++) {
            long m = minutes[i];
            if (m != EMPTY && m > from && m <= nowMinute) {
                total += counts[i];
            }
        }
        return total;
    }

    /** {@link #sum} for several windows in one pass over the ring; result[i] is for windows[i]. */
    public long[] sums(long nowMinute, int[] windowsMinutes) {
        long[] out = new long[windowsMinutes.length];
        for (int i = 0; i < capacity; i++) {
            long m = minutes[i];
            if (m == EMPTY || m > nowMinute) continue;
            long age = nowMinute - m;
            for (int w = 0; w < windowsMinutes.length; w++) {
                if (age < Math.min(windowsMinutes[w], capacity)) out[w] += counts[i];
            }
        }
        return out;
    }

    /**
     * True when no events lie in the ring's span ending at {@code nowMinute}: every window is zero
     * from now on, so the operator can clear this state.
     */
    public boolean isEmpty(long nowMinute) {
        long from = nowMinute - capacity;
        for (int i = 0; i < capacity; i++) {
            if (minutes[i] != EMPTY && minutes[i] > from && counts[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The newest minute ever added, or {@link Long#MIN_VALUE} when empty. */
    public long getNewestMinute() {
        return newestMinute;
    }

    public void setNewestMinute(long newestMinute) {
        this.newestMinute = newestMinute;
    }

    public int getCapacity() {
        return capacity;
    }

    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }

    public long[] getMinutes() {
        return minutes;
    }

    public void setMinutes(long[] minutes) {
        this.minutes = minutes;
    }

    public long[] getCounts() {
        return counts;
    }

    public void setCounts(long[] counts) {
        this.counts = counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinuteCounts m
                && m.capacity == capacity
                && m.newestMinute == newestMinute
                && Arrays.equals(m.minutes, minutes)
                && Arrays.equals(m.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(counts) + Long.hashCode(newestMinute);
    }
}
