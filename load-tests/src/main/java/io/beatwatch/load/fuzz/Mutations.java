package io.beatwatch.load.fuzz;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutations of real-looking records: byte flips, truncation, splices, duplicated fields, oversized
 * strings, other encodings, hostile values (NaN, huge numbers, times decades away, deep nesting).
 * Pure functions of the input and the random source, so an input is reproduced from its seed.
 */
public final class Mutations {

    /** Values that break parsers: number edge cases, odd times, control chars, quotes. */
    static final List<String> HOSTILE =
            List.of(
                    "NaN",
                    "Infinity",
                    "-Infinity",
                    "1e400",
                    "-1e-400",
                    "0x1p5",
                    "99999999999999999999999999999999999999",
                    "-0",
                    "0",
                    "null",
                    "true",
                    "\"\"",
                    "\" \"",
                    "[]",
                    "{}",
                    "\"1900-01-01T00:00:00Z\"",
                    "\"2099-12-31T23:59:59Z\"",
                    "\"+999999999-12-31T23:59:59Z\"",
                    "\"-999999999-01-01T00:00:00Z\"",
                    "\"2024-02-30T00:00:00Z\"",
                    "\"2024-06-01T12:00:00+18:00\"",
                    "\"\\u0000\"",
                    "\"\\ud800\"",
                    "9223372036854775808",
                    "\"",
                    ",",
                    "\n",
                    "\r\n",
                    "\uFEFF",
                    "\uFFFD");

    private static final List<Charset> CHARSETS =
            List.of(
                    StandardCharsets.UTF_16,
                    StandardCharsets.UTF_16LE,
                    StandardCharsets.ISO_8859_1,
                    StandardCharsets.US_ASCII);

    private Mutations() {}

    /** {@code s} under 1 to 4 random mutations (text level). */
    public static String mutate(String s, SplittableRandom r) {
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            s = once(s, r);
        }
        return s;
    }

    /** One mutation. */
    static String once(String s, SplittableRandom r) {
        int len = s.length();
        int at = len == 0 ? 0 : r.nextInt(len + 1);
        switch (r.nextInt(12)) {
            case 0: // truncate
                return s.substring(0, at);
            case 1: // flip one char (any code unit, surrogates included)
                if (len == 0) return s;
                int i = r.nextInt(len);
                return s.substring(0, i) + (char) r.nextInt(0x10000) + s.substring(i + 1);
            case 2: // delete a span
                int to = Math.min(len, at + r.nextInt(40));
                return s.substring(0, at) + s.substring(to);
            case 3: // duplicate a span (duplicated fields, repeated rows)
                int end = Math.min(len, at + 1 + r.nextInt(80));
                return s.substring(0, end) + s.substring(at, end) + s.substring(end);
            case 4: // oversized string
                return s.substring(0, at) + "A".repeat(1 + r.nextInt(40_000)) + s.substring(at);
            case 5: // hostile value
                return s.substring(0, at)
                        + HOSTILE.get(r.nextInt(HOSTILE.size()))
                        + s.substring(at);
            case 6: // replace the value after a ':' or ',' with a hostile one
                return replaceValue(s, at, HOSTILE.get(r.nextInt(HOSTILE.size())));
            case 7: // deep nesting
                int d = 1 + r.nextInt(r.nextBoolean() ? 50 : 20_000);
                String open = r.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                return s.substring(0, at)
                        + open.repeat(d)
                        + "1"
                        + close.repeat(d)
                        + s.substring(at);
            case 8: // wrong encoding: bytes of another charset read as UTF-8
                Charset cs = CHARSETS.get(r.nextInt(CHARSETS.size()));
                return new String(s.getBytes(cs), StandardCharsets.UTF_8);
            case 9: // random ASCII-ish junk
                return s.substring(0, at) + junk(r, 1 + r.nextInt(30)) + s.substring(at);
            case 10: // swap two halves
                return s.substring(at) + s.substring(0, at);
            default: // a huge number
                return s.substring(0, at) + "9".repeat(1 + r.nextInt(5_000)) + s.substring(at);
        }
    }

    /** Byte-level flips of UTF-8 (or any) bytes: invalid sequences, stray NULs. */
    public static byte[] flipBytes(byte[] b, SplittableRandom r) {
        byte[] out = b.clone();
        int n = out.length == 0 ? 0 : 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            out[r.nextInt(out.length)] = (byte) r.nextInt(256);
        }
        return out;
    }

    /** Random bytes, {@code n} of them. */
    public static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(256);
        return b;
    }

    private static String replaceValue(String s, int from, String value) {
        int colon = s.indexOf(':', from);
        if (colon < 0) colon = s.indexOf(',', from);
        if (colon < 0) return s + value;
        int end = colon + 1;
        while (end < s.length() && ",}\n".indexOf(s.charAt(end)) < 0) end++;
        return s.substring(0, colon + 1) + value + s.substring(end);
    }

    private static String junk(SplittableRandom r, int n) {
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append((char) (r.nextInt(0x60) + 0x20));
        return sb.toString();
    }
}
