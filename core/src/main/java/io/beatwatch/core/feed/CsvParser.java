package io.beatwatch.core.feed;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A streaming RFC 4180 CSV parser: comma-separated, fields optionally in double quotes, {@code ""}
 * inside quotes for a quote, commas and line breaks allowed inside quotes, CRLF or LF line ends, a
 * leading UTF-8 byte-order mark skipped, blank lines skipped.
 *
 * <p>Lenient like spreadsheet software where RFC 4180 is silent: a quote inside an unquoted field
 * is kept as a character, text after a closing quote is appended to the field. Memory is bounded: a
 * record longer than {@code maxRecordChars} is scanned to its end but not kept, and reported as
 * {@link Problem#OVERSIZED}; an unterminated quote runs to the end of input and is reported as
 * {@link Problem#UNTERMINATED_QUOTE}. Not thread-safe.
 */
public final class CsvParser implements Closeable {

    /** What was wrong with the last record, if anything. */
    public enum Problem {
        /** The record was longer than the limit; its fields are truncated. */
        OVERSIZED,
        /** A quoted field was still open at the end of input. */
        UNTERMINATED_QUOTE
    }

    private static final int EOF = -1;

    private final Reader in;
    private final int maxRecordChars;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private boolean started;

    private final StringBuilder field = new StringBuilder(64);
    private final List<String> fields = new ArrayList<>(32);
    private int recordChars;
    private Problem problem;

    /** A parser over {@code in}; records longer than {@code maxRecordChars} are not kept. */
    public CsvParser(Reader in, int maxRecordChars) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxRecordChars <= 0) {
            throw new IllegalArgumentException("maxRecordChars must be > 0");
        }
        this.maxRecordChars = maxRecordChars;
    }

    /** The next record's fields, or null at the end of input. */
    public String[] next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                pos++;
            }
        }
        while (true) {
            if (peek() == EOF) {
                return null;
            }
            readRecord();
            // A blank line is one empty, unquoted field: not a record.
            if (fields.size() == 1 && fields.get(0).isEmpty() && !lastFieldQuoted) {
                continue;
            }
            return fields.toArray(new String[0]);
        }
    }

    /** What was wrong with the record last returned by {@link #next()}, or null. */
    public Problem problem() {
        return problem;
    }

    /** Characters in the fields of the record last returned (separators and quotes excluded). */
    public int recordChars() {
        return recordChars;
    }

    private boolean lastFieldQuoted;
    private int recordCharsInField;

    private void readRecord() throws IOException {
        fields.clear();
        field.setLength(0);
        recordChars = 0;
        recordCharsInField = 0;
        problem = null;
        lastFieldQuoted = false;
        boolean quoted = false;
        boolean inQuotes = false;
        while (true) {
            if (pos >= len && !fill()) {
                if (inQuotes) {
                    problem = Problem.UNTERMINATED_QUOTE;
                }
                endField(quoted);
                return;
            }
            // Copy runs of ordinary characters in bulk; handle the special ones one by one.
            int start = pos;
            if (inQuotes) {
                while (pos < len && buf[pos] != '"') {
                    pos++;
                }
                appendRun(start, pos - start);
                if (pos < len) {
                    pos++;
                    if (peek() == '"') {
                        pos++;
                        append('"');
                    } else {
                        inQuotes = false;
                    }
                }
                continue;
            }
            while (pos < len) {
                char ch = buf[pos];
                if (ch == ',' || ch == '\n' || ch == '\r' || ch == '"') {
                    break;
                }
                pos++;
            }
            appendRun(start, pos - start);
            if (pos >= len) {
                continue;
            }
            char c = buf[pos++];
            switch (c) {
                case ',' -> {
                    endField(quoted);
                    quoted = false;
                }
                case '\r' -> {
                    if (peek() == '\n') {
                        pos++;
                    }
                    endField(quoted);
                    return;
                }
                case '\n' -> {
                    endField(quoted);
                    return;
                }
                default -> {
                    // a double quote: opens a quoted field only at the start of a field
                    if (field.length() == 0 && !quoted && recordCharsInField == 0) {
                        quoted = true;
                        inQuotes = true;
                    } else {
                        append('"');
                    }
                }
            }
        }
    }

    private void endField(boolean quoted) {
        fields.add(field.toString());
        field.setLength(0);
        recordCharsInField = 0;
        lastFieldQuoted = quoted;
    }

    private void append(char c) {
        recordChars++;
        recordCharsInField++;
        if (recordChars > maxRecordChars) {
            problem = Problem.OVERSIZED;
            return;
        }
        field.append(c);
    }

    private void appendRun(int start, int n) {
        if (n == 0) {
            return;
        }
        int room = maxRecordChars - recordChars;
        recordChars += n;
        recordCharsInField += n;
        if (n > room) {
            problem = Problem.OVERSIZED;
            if (room > 0) {
                field.append(buf, start, room);
            }
            return;
        }
        field.append(buf, start, n);
    }

    private int peek() throws IOException {
        if (pos >= len && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            len = 0;
            pos = 0;
            return false;
        }
        len = n;
        pos = 0;
        return true;
    }

    /** Encodes fields as one RFC 4180 line (no line break), quoting where needed. */
    public static String format(String[] fields) {
        var sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields[i] == null ? "" : fields[i];
            boolean quote =
                    f.indexOf(',') >= 0
                            || f.indexOf('"') >= 0
                            || f.indexOf('\n') >= 0
                            || f.indexOf('\r') >= 0;
            if (quote) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
