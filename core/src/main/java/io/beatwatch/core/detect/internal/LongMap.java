package io.beatwatch.core.detect.internal;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An open-addressing hash map from primitive {@code long} keys (H3 cell indexes) to objects: no
 * boxing and one probe in the common case, for the detector's per-event cell look-ups. Not
 * thread-safe; iteration order is the table's, so callers that need a deterministic order sort.
 */
public final class LongMap<V> {

    private static final long EMPTY = 0L; // H3 index 0 is not a valid cell
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    /** An empty map. */
    public LongMap() {
        keys = new long[64];
        values = new Object[64];
        mask = 63;
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) return (V) values[i];
            if (k == EMPTY) return null;
            i = (i + 1) & mask;
        }
    }

    /** Maps {@code key} (non-zero) to {@code value} (non-null). */
    public void put(long key, V value) {
        if (key == EMPTY) throw new IllegalArgumentException("key 0 is reserved");
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                values[i] = value;
                return;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) grow();
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** How many keys are mapped. */
    public int size() {
        return size;
    }

    /** Calls {@code action} on every value. */
    @SuppressWarnings("unchecked")
    public void forEachValue(Consumer<V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) action.accept((V) values[i]);
        }
    }

    /** Removes every entry whose value {@code drop} accepts (rebuilds the table). */
    @SuppressWarnings("unchecked")
    public int removeIf(Predicate<V> drop) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length];
        values = new Object[oldValues.length];
        int before = size;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY && !drop.test((V) oldValues[i])) {
                put(oldKeys[i], (V) oldValues[i]);
            }
        }
        return before - size;
    }

    /** The keys, sorted ascending (a deterministic order for snapshots). */
    public long[] sortedKeys() {
        long[] out = new long[size];
        int n = 0;
        for (long k : keys) if (k != EMPTY) out[n++] = k;
        Arrays.sort(out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) put(oldKeys[i], (V) oldValues[i]);
        }
    }
}
