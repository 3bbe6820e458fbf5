package io.beatwatch.gateway.testing;

import java.util.SplittableRandom;

/**
 * Seeded mutations of a well-formed message for the gateway's fuzz tests: flipped and inserted
 * characters (control, non-BMP, quotes), truncation, deleted and duplicated spans, long strings and
 * numbers, deep nesting, wrong JSON types, and junk.
 */
public final class Mutator {

    private static final String[] ODD = {
        "\u0000", "\u001f", "\"", "\\", "\uD83D\uDE00", "\uFFFD", "\u202E", "\n", "{", "]", ","
    };

    private static final String[] VALUES = {
        "null",
        "true",
        "-1",
        "1e309",
        "NaN",
        "\"\"",
        "[]",
        "{}",
        "\"*\"",
        "\"NORTH\"",
        "\"0-0\"",
        "\"99999999999999999999-0\"",
        "[\"NORTH\",\"*\"]",
        "[1,2]",
        "-0.0"
    };

    private final SplittableRandom random;

    public Mutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public SplittableRandom random() {
        return random;
    }

    /** One to three mutations of {@code seed}. */
    public String mutate(String seed) {
        String s = seed;
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) s = once(s);
        return s;
    }

    private String once(String s) {
        int at = s.isEmpty() ? 0 : random.nextInt(s.length());
        int to = Math.min(s.length(), at + 1 + random.nextInt(12));
        return switch (random.nextInt(10)) {
            case 0 -> s.substring(0, at); // truncated
            case 1 -> s.substring(0, at) + s.substring(to); // span deleted
            case 2 -> s.substring(0, to) + s.substring(at); // span duplicated
            case 3 -> s.substring(0, at) + ODD[random.nextInt(ODD.length)] + s.substring(at);
            case 4 -> s.substring(0, at) + (char) random.nextInt(0x2000) + s.substring(to);
            case 5 -> s.substring(0, at) + "x".repeat(1 + random.nextInt(3000)) + s.substring(at);
            case 6 -> s.substring(0, at) + "9".repeat(1 + random.nextInt(400)) + s.substring(to);
            case 7 -> "[".repeat(1 + random.nextInt(2000)) + s;
            case 8 -> s.replaceFirst(":[^,}]*", ":" + VALUES[random.nextInt(VALUES.length)]);
            default -> junk(1 + random.nextInt(200));
        };
    }

    /** Random printable and unprintable characters. */
    public String junk(int length) {
        var b = new StringBuilder(length);
        for (int i = 0; i < length; i++) b.append((char) random.nextInt(0x80));
        return b.toString();
    }

    /** Random bytes. */
    public byte[] bytes(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) random.nextInt(256);
        return b;
    }
}
