package io.beatwatch.jobs.io;

import io.beatwatch.core.model.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a replay running on the local MiniCluster in this JVM, for the command's progress bar
 * and summary only (never read by the job's logic or by tests of its results).
 */
public final class ReplayProgress {

    private static final AtomicLong TOTAL_BYTES = new AtomicLong(-1);
    private static final AtomicLong BYTES = new AtomicLong();
    private static final AtomicLong ROWS = new AtomicLong();
    private static final AtomicLong EMITTED = new AtomicLong();
    private static final AtomicLong ALERTS = new AtomicLong();
    private static final Map<RejectReason, AtomicLong> REJECTED = new EnumMap<>(RejectReason.class);

    static {
        for (RejectReason r : RejectReason.values()) REJECTED.put(r, new AtomicLong());
    }

    private ReplayProgress() {}

    /** Clears every counter before a run. */
    public static void reset() {
        TOTAL_BYTES.set(-1);
        BYTES.set(0);
        ROWS.set(0);
        EMITTED.set(0);
        ALERTS.set(0);
        DAYS.clear();
        REJECTED.values().forEach(a -> a.set(0));
    }

    static void startFile(long totalBytes) {
        TOTAL_BYTES.set(totalBytes);
    }

    static void fileRow(long bytesRead, boolean ok) {
        ROWS.incrementAndGet();
        BYTES.set(bytesRead);
    }

    static void rejected(RejectReason reason) {
        REJECTED.get(reason).incrementAndGet();
    }

    private static final java.util.Set<Long> DAYS =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** One record handed to the job, at this event time (0 when unknown). */
    public static void emitted(long eventTimeMillis) {
        EMITTED.incrementAndGet();
        if (eventTimeMillis > 0) DAYS.add(Math.floorDiv(eventTimeMillis, 86_400_000L));
    }

    /** Distinct UTC days with at least one replayed event. */
    public static long dataDays() {
        return DAYS.size();
    }

    /** One alert event written. */
    public static void alert() {
        ALERTS.incrementAndGet();
    }

    public static long rows() {
        return ROWS.get();
    }

    public static long emittedCount() {
        return EMITTED.get();
    }

    public static long alerts() {
        return ALERTS.get();
    }

    /** Fraction of the file read, or -1 when unknown. */
    public static double fraction() {
        long total = TOTAL_BYTES.get();
        return total > 0 ? Math.min(1.0, BYTES.get() / (double) total) : -1;
    }

    /** File rows rejected by the profile, by reason (zero reasons left out). */
    public static Map<RejectReason, Long> rejectedByReason() {
        Map<RejectReason, Long> out = new EnumMap<>(RejectReason.class);
        REJECTED.forEach(
                (r, n) -> {
                    if (n.get() > 0) out.put(r, n.get());
                });
        return out;
    }
}
