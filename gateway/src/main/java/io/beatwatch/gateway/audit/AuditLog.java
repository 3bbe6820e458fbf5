package io.beatwatch.gateway.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.gateway.internal.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events as JSON lines to the SLF4J logger {@value #LOGGER_NAME} and, if configured,
 * appends them to a file. Logins and tickets, subscriptions, alert actions, suggestion feedback and
 * tip detail reads are audited. Never pass a token, ticket or tip text in here.
 *
 * <p>The lines form a hash chain ({@link AuditChain}: {@code seq} and {@code prev}, continued
 * across restarts from the file's last line), so {@code bin/beatwatch audit verify FILE} shows any
 * line edited, removed, inserted or moved.
 */
public final class AuditLog implements Closeable {

    public static final String LOGGER_NAME = "beatwatch.audit";

    /** UTC to hundredths of a second, e.g. {@code 2026-11-21T13:45:07.12Z}. */
    public static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SS'Z'").withZone(ZoneOffset.UTC);

    /** Outcome values. */
    public static final String OK = "ok";

    public static final String DENIED = "denied";
    public static final String FAILED = "failed";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final Logger SELF = LoggerFactory.getLogger(AuditLog.class);

    private final Clock clock;
    private final BufferedWriter file;
    private AuditChain.Head head;

    public AuditLog(Clock clock, Path file) throws IOException {
        this.clock = clock;
        this.head = file == null ? AuditChain.Head.EMPTY : AuditChain.headOf(file);
        if (file != null) {
            SELF.info("audit file {}: chain head seq {} hash {}", file, head.seq(), head.hash());
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            this.file =
                    Files.newBufferedWriter(
                            file,
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND,
                            StandardOpenOption.WRITE);
        } else {
            this.file = null;
        }
    }

    /** An audit log without a file (logger only). */
    public static AuditLog toLoggerOnly(Clock clock) {
        try {
            return new AuditLog(clock, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records one event.
     *
     * @param who user name, or {@code -} when unknown
     * @param role role claim, or null
     * @param action what was attempted, e.g. {@code alert.ack}
     * @param target what it was done to, e.g. an alert id or districts, or null
     * @param from remote address, or null
     * @param outcome {@link #OK}, {@link #DENIED} or {@link #FAILED}
     * @param detail a short reason, or null
     */
    public void record(
            String who,
            String role,
            String action,
            String target,
            String from,
            String outcome,
            String detail) {
        var n = node(clock.instant(), who, role, action, target, from, outcome, detail);
        // one line at a time: the chain's order is the file's order
        synchronized (this) {
            n.put("seq", head.seq() + 1);
            n.put("prev", head.hash());
            String line = Json.write(n);
            head = new AuditChain.Head(head.seq() + 1, AuditChain.hash(line));
            LOG.info(line);
            if (file != null) {
                try {
                    file.write(line);
                    file.newLine();
                    file.flush();
                } catch (IOException e) {
                    SELF.warn("cannot append to the audit file: {}", e.toString());
                }
            }
        }
    }

    /** The chain's head: the last line's sequence number and hash. */
    public synchronized AuditChain.Head head() {
        return head;
    }

    /** Formats one JSON line without its chain fields (exposed for tests). */
    public static String line(
            Instant at,
            String who,
            String role,
            String action,
            String target,
            String from,
            String outcome,
            String detail) {
        return Json.write(node(at, who, role, action, target, from, outcome, detail));
    }

    private static ObjectNode node(
            Instant at,
            String who,
            String role,
            String action,
            String target,
            String from,
            String outcome,
            String detail) {
        var n = Json.object();
        n.put("at", TIME.format(at));
        n.put("who", who == null ? "-" : who);
        if (role != null) {
            n.put("role", role);
        }
        n.put("action", action);
        if (target != null) {
            n.put("target", target);
        }
        if (from != null) {
            n.put("from", from);
        }
        n.put("outcome", outcome);
        if (detail != null) {
            n.put("detail", detail);
        }
        return n;
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            SELF.info("audit file closed: chain head seq {} hash {}", head.seq(), head.hash());
            file.close();
        }
    }
}
