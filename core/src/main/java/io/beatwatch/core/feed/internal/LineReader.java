package io.beatwatch.core.feed.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * Reads lines (LF or CRLF) with bounded memory: a line longer than the limit is consumed to its end
 * but only its first {@code maxChars} characters are kept, and {@link #oversized()} says so.
 */
public final class LineReader implements Closeable {

    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private final StringBuilder line = new StringBuilder(256);
    private int lineChars;

    /** Lines of {@code in}, keeping at most {@code maxChars} of each. */
    public LineReader(Reader in, int maxChars) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxChars = maxChars;
    }

    /** The next line without its line break, or null at the end of input. */
    public String next() throws IOException {
        line.setLength(0);
        lineChars = 0;
        boolean any = false;
        while (true) {
            if (pos >= len) {
                int n;
                do {
                    n = in.read(buf, 0, buf.length);
                } while (n == 0);
                if (n < 0) {
                    return any ? finish() : null;
                }
                len = n;
                pos = 0;
            }
            any = true;
            char c = buf[pos++];
            if (c == '\n') {
                return finish();
            }
            lineChars++;
            if (lineChars <= maxChars) {
                line.append(c);
            }
        }
    }

    /** Whether the line last returned was longer than the limit (and is truncated). */
    public boolean oversized() {
        return lineChars > maxChars;
    }

    /** Length of the line last returned before truncation. */
    public int lineChars() {
        return lineChars;
    }

    private String finish() {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
            lineChars--;
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
