package io.beatwatch.core.feed.internal;

/**
 * An open-addressing set of 64-bit values (id hashes), about 8-16 bytes per entry instead of the
 * ~100 bytes a {@code HashSet<String>} spends, so a reader can count millions of distinct ids. Not
 * thread-safe.
 */
public final class LongHashSet {

    private static final long EMPTY = 0L;

    private long[] table = new long[1 << 12];
    private int size;
    private boolean hasZero;

    /** Adds {@code value}; true if it was not there yet. */
    public boolean add(long value) {
        if (value == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = (int) mix(value) & mask;
        while (true) {
            long v = table[i];
            if (v == EMPTY) {
                table[i] = value;
                size++;
                return true;
            }
            if (v == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /** Number of distinct values added. */
    public long size() {
        return size + (hasZero ? 1 : 0);
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long v : old) {
            if (v != EMPTY) {
                int i = (int) mix(v) & mask;
                while (table[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                table[i] = v;
            }
        }
    }

    /** A 64-bit hash of a string (FNV-1a, then a murmur3 finalizer for good low bits). */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
