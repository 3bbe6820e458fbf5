package io.beatwatch.core.patrol;

import java.nio.charset.StandardCharsets;

/**
 * SplitMix64, written out so the sequence is the same on every JVM and version: the patrol choice
 * draws from one of these seeded by (seed, district, time, trigger), so a replay of the same input
 * makes the same suggestions.
 */
public final class SeededRandom {

    private long state;

    /** A generator starting from {@code seed}. */
    public SeededRandom(long seed) {
        this.state = seed;
    }

    /**
     * The generator of one decision: mixes the configured seed, the district, the event time and a
     * discriminator (the trigger, and the alert id for alert-driven picks).
     */
    public static SeededRandom forDecision(
            long seed, String district, long timeMillis, String discriminator) {
        long h = mix(seed);
        h = mix(h ^ fnv64(district));
        h = mix(h ^ timeMillis);
        h = mix(h ^ fnv64(discriminator));
        return new SeededRandom(h);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** A uniform double in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over UTF-8 bytes: a stable 64-bit hash of a string (null hashes like ""). */
    static long fnv64(String s) {
        long h = 0xcbf29ce484222325L;
        if (s == null) return h;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
