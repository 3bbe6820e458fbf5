package io.beatwatch.core.detect;

import io.beatwatch.core.model.TypeCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The call types seen at a place in its longest window, to explain an alert ("which calls lie
 * behind it"). Keeps at most {@link #MAX_ENTRIES} recent (minute, type) pairs; older pairs and
 * pairs past the window are dropped. A POJO for Flink keyed state.
 */
public final class RecentTypes {

    /** Most pairs kept; a place with more calls in its longest window explains by the newest. */
    public static final int MAX_ENTRIES = 256;

    private long[] minutes = new long[0];
    private String[] types = new String[0];

    public RecentTypes() {}

    /** Records one call of {@code type} at {@code minute}, dropping pairs older than the span. */
    public void add(long minute, String type, int spanMinutes) {
        int keepFrom = 0;
        long newest = Math.max(minute, minutes.length == 0 ? minute : minutes[minutes.length - 1]);
        while (keepFrom < minutes.length
                && (minutes[keepFrom] <= newest - spanMinutes
                        || minutes.length - keepFrom >= MAX_ENTRIES)) {
            keepFrom++;
        }
        int n = minutes.length - keepFrom;
        long[] m = new long[n + 1];
        String[] t = new String[n + 1];
        System.arraycopy(minutes, keepFrom, m, 0, n);
        System.arraycopy(types, keepFrom, t, 0, n);
        m[n] = minute;
        t[n] = type;
        minutes = m;
        types = t;
    }

    /** The {@code k} most frequent types in {@code (nowMinute - window, nowMinute]}. */
    public List<TypeCount> top(long nowMinute, int windowMinutes, int k) {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < minutes.length; i++) {
            if (minutes[i] > nowMinute - windowMinutes && minutes[i] <= nowMinute) {
                counts.merge(types[i], 1L, Long::sum);
            }
        }
        List<TypeCount> out = new ArrayList<>();
        counts.forEach((type, n) -> out.add(new TypeCount(type, n)));
        out.sort(
                Comparator.comparingLong(TypeCount::count)
                        .reversed()
                        .thenComparing(TypeCount::type));
        return out.size() > k ? List.copyOf(out.subList(0, k)) : List.copyOf(out);
    }

    /** True when no pair lies within {@code spanMinutes} before {@code nowMinute}. */
    public boolean isEmpty(long nowMinute, int spanMinutes) {
        return minutes.length == 0 || minutes[minutes.length - 1] <= nowMinute - spanMinutes;
    }

    public long[] getMinutes() {
        return minutes;
    }

    public void setMinutes(long[] minutes) {
        this.minutes = minutes;
    }

    public String[] getTypes() {
        return types;
    }

    public void setTypes(String[] types) {
        this.types = types;
    }
}
