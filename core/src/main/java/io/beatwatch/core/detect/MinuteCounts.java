package io.beatwatch.core.detect;

import java.util.Arrays;

/**
 * Event counts in one-minute buckets over at most {@link #getCapacity()} minutes, by event time.
 * Only minutes with events are stored (oldest first, in a circular buffer that grows to the
 * capacity), so a quiet cell costs a few longs and a sum walks only its non-empty minutes. Buckets
 * older than the capacity behind the newest minute are evicted; late events within the capacity
 * still count. A plain POJO (public no-arg constructor, getters and setters) so Flink keeps it in
 * keyed state with its POJO serializer.
 */
public final class MinuteCounts {

    /** Default span: the longest default window, 180 minutes. */
    public static final int DEFAULT_CAPACITY = 180;

    /** Longest span allowed (one day). */
    public static final int MAX_CAPACITY = 1440;

    private static final int INITIAL_SLOTS = 4;

    private int capacity;
    private long[] minutes;
    private long[] counts;
    private int head;
    private int size;

    /** A span of {@link #DEFAULT_CAPACITY} minutes (for serializers). */
    public MinuteCounts() {
        this(DEFAULT_CAPACITY);
    }

    /** A span of {@code capacity} minutes (1..{@link #MAX_CAPACITY}). */
    public MinuteCounts(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "capacity must be 1.." + MAX_CAPACITY + ", was " + capacity);
        }
        this.capacity = capacity;
        int slots = Math.min(INITIAL_SLOTS, capacity);
        this.minutes = new long[slots];
        this.counts = new long[slots];
    }

    /** Epoch minute of an epoch-millisecond instant (floor, also before 1970). */
    public static long minuteOf(long epochMillis) {
        return Math.floorDiv(epochMillis, 60_000L);
    }

    private int slot(int i) {
        return (head + i) % minutes.length;
    }

    /** The newest minute stored, or {@link Long#MIN_VALUE} when empty. */
    public long newestMinute() {
        return size == 0 ? Long.MIN_VALUE : minutes[slot(size - 1)];
    }

    /**
     * Adds {@code n} events in the minute {@code minuteEpoch}. Returns false (and counts nothing)
     * when that minute is at least the capacity behind the newest: later than the longest window.
     */
    public boolean add(long minuteEpoch, long n) {
        long newest = newestMinute();
        if (size > 0 && minuteEpoch <= newest - capacity) {
            return false;
        }
        if (size == 0 || minuteEpoch > newest) {
            evictUpTo(minuteEpoch - capacity);
            append(minuteEpoch, n);
            return true;
        }
        // a late event: find its minute from the newest end (late events are rarely far back)
        int i = size - 1;
        while (i >= 0 && minutes[slot(i)] > minuteEpoch) i--;
        if (i >= 0 && minutes[slot(i)] == minuteEpoch) {
            counts[slot(i)] += n;
            return true;
        }
        insertAfter(i, minuteEpoch, n);
        return true;
    }

    private void evictUpTo(long minuteInclusive) {
        while (size > 0 && minutes[head] <= minuteInclusive) {
            head = (head + 1) % minutes.length;
            size--;
        }
        if (size == 0) head = 0;
    }

    private void append(long minute, long n) {
        ensureRoom();
        int s = slot(size);
        minutes[s] = minute;
        counts[s] = n;
        size++;
    }

    private void insertAfter(int index, long minute, long n) {
        ensureRoom();
        for (int j = size; j > index + 1; j--) {
            minutes[slot(j)] = minutes[slot(j - 1)];
            counts[slot(j)] = counts[slot(j - 1)];
        }
        minutes[slot(index + 1)] = minute;
        counts[slot(index + 1)] = n;
        size++;
    }

    private void ensureRoom() {
        if (size < minutes.length) return;
        int grown = Math.min(Math.max(minutes.length * 2, INITIAL_SLOTS), capacity + 1);
        long[] m = new long[grown];
        long[] c = new long[grown];
        for (int i = 0; i < size; i++) {
            m[i] = minutes[slot(i)];
            c[i] = counts[slot(i)];
        }
        minutes = m;
        counts = c;
        head = 0;
    }

    /**
     * Events in the {@code windowMinutes} minutes ending with {@code nowMinute} inclusive, i.e. in
     * minutes {@code (nowMinute - windowMinutes, nowMinute]}. Windows longer than the capacity are
     * cut to the capacity.
     */
    public long sum(long nowMinute, int windowMinutes) {
        long from = nowMinute - Math.min(windowMinutes, capacity);
        long total = 0;
        for (int i = size - 1; i >= 0; i--) {
            long m = minutes[slot(i)];
            if (m <= from) break;
            if (m <= nowMinute) total += counts[slot(i)];
        }
        return total;
    }

    /** {@link #sum} for several windows in one pass; result[i] is for windows[i]. */
    public long[] sums(long nowMinute, int[] windowsMinutes) {
        long[] out = new long[windowsMinutes.length];
        sumsInto(nowMinute, windowsMinutes, out);
        return out;
    }

    /** Adds this ring's {@link #sum} for each window to {@code into[i]} (no allocation). */
    public void sumsInto(long nowMinute, int[] windowsMinutes, long[] into) {
        int longest = 0;
        for (int w : windowsMinutes) longest = Math.max(longest, Math.min(w, capacity));
        for (int i = size - 1; i >= 0; i--) {
            long m = minutes[slot(i)];
            long age = nowMinute - m;
            if (age >= longest) break;
            if (age < 0) continue;
            long c = counts[slot(i)];
            for (int w = 0; w < windowsMinutes.length; w++) {
                if (age < Math.min(windowsMinutes[w], capacity)) into[w] += c;
            }
        }
    }

    /**
     * The first minute after {@code nowMinute} at which one of the windows' sums changes because
     * events slide out of it (so an operator need only wake then), or {@link Long#MAX_VALUE} when
     * every window is already empty.
     */
    public long nextChange(long nowMinute, int[] windowsMinutes) {
        long next = Long.MAX_VALUE;
        for (int i = size - 1; i >= 0; i--) {
            long m = minutes[slot(i)];
            if (counts[slot(i)] == 0) continue;
            if (nowMinute - m >= capacity) break;
            // a minute still ahead of now (a timer firing behind the data) leaves its windows
            // later too: every exit after now counts
            for (int w : windowsMinutes) {
                long exit = m + Math.min(w, capacity);
                if (exit > nowMinute) next = Math.min(next, exit);
            }
        }
        return next;
    }

    /**
     * True when no events lie in the span ending at {@code nowMinute}: every window is zero from
     * now on, so the operator can clear this state.
     */
    public boolean isEmpty(long nowMinute) {
        long from = nowMinute - capacity;
        for (int i = size - 1; i >= 0; i--) {
            long m = minutes[slot(i)];
            if (m <= from) break;
            if (counts[slot(i)] != 0) return false;
        }
        return true;
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

    public int getHead() {
        return head;
    }

    public void setHead(int head) {
        this.head = head;
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    /** The stored minutes, oldest first (for tests and debugging). */
    public long[] storedMinutes() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) out[i] = minutes[slot(i)];
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MinuteCounts m) || m.capacity != capacity || m.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (m.minutes[m.slot(i)] != minutes[slot(i)]
                    || m.counts[m.slot(i)] != counts[slot(i)]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(storedMinutes()) * 31 + size;
    }
}
