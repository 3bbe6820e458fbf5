package io.beatwatch.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.internal.Hashing;
import io.beatwatch.gateway.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The audit file's hash chain: every line carries its sequence number {@code seq} (1, 2, ...) and
 * {@code prev}, the SHA-256 of the previous line's UTF-8 bytes as written ({@link #GENESIS} for the
 * first). Editing, deleting, inserting or reordering any line breaks the chain at the next line;
 * {@link #verify} finds where. Cutting lines off the end leaves a shorter valid chain: compare the
 * head ({@code seq} and hash) that {@link #verify} prints with one kept elsewhere (the gateway logs
 * its head at start and at close).
 */
public final class AuditChain {

    /** {@code prev} of the first line. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** The last line's sequence number and hash: what the next line links to. */
    public record Head(long seq, String hash) {

        static final Head EMPTY = new Head(0, GENESIS);
    }

    /**
     * What {@link #verify} found.
     *
     * @param entries lines read
     * @param intact whether every line links to the one before it
     * @param brokenAt 1-based line number of the first line that does not link, or 0
     * @param reason why it does not, or null
     * @param head the last line's sequence number and hash (of the intact prefix when broken)
     */
    public record Verification(
            long entries, boolean intact, long brokenAt, String reason, Head head) {}

    /** SHA-256 of a line as written (without its line break). */
    public static String hash(String line) {
        return Hashing.sha256Hex(line);
    }

    /** The head of an existing audit file ({@code seq} 0 and {@link #GENESIS} when empty). */
    static Head headOf(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) return Head.EMPTY;
        String last = lastLine(file);
        if (last == null) return Head.EMPTY;
        JsonNode n = Json.tree(last);
        return new Head(n.path("seq").asLong(0), hash(last));
    }

    /** Reads {@code file} top to bottom and checks every link. */
    public static Verification verify(Path file) throws IOException {
        Head head = Head.EMPTY;
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                n++;
                String why = brokenLink(line, head);
                if (why != null) return new Verification(n, false, n, why, head);
                head = new Head(head.seq() + 1, hash(line));
            }
        }
        return new Verification(n, true, 0, null, head);
    }

    private static String brokenLink(String line, Head before) {
        JsonNode n;
        try {
            n = Json.tree(line);
        } catch (IOException e) {
            return "not a JSON line";
        }
        if (!n.path("seq").canConvertToLong() || !n.path("prev").isTextual()) {
            return "no seq or prev";
        }
        long seq = n.path("seq").asLong();
        if (seq != before.seq() + 1) {
            return "seq " + seq + " after " + before.seq() + " (a line removed or moved)";
        }
        if (!n.path("prev").asText().equals(before.hash())) {
            return "prev does not match the hash of line "
                    + before.seq()
                    + " (that line or this one was changed)";
        }
        return null;
    }

    private static String lastLine(Path file) throws IOException {
        try (var f = new RandomAccessFile(file.toFile(), "r")) {
            long end = f.length();
            // skip the trailing line break(s)
            while (end > 0) {
                f.seek(end - 1);
                int b = f.read();
                if (b != '\n' && b != '\r') break;
                end--;
            }
            if (end == 0) return null;
            long start = end;
            while (start > 0) {
                f.seek(start - 1);
                if (f.read() == '\n') break;
                start--;
            }
            byte[] bytes = new byte[(int) (end - start)];
            f.seek(start);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
