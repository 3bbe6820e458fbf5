package io.beatwatch.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stack of local services started, closed in order: each part started on top of the others
 * goes {@link #first}, so the last started stops first (feeder, gateway, job, Kafka, Redis). A part
 * that fails to stop is logged and the rest still stop. Used by the demo, cluster and latency
 * stacks.
 */
public final class Closer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    /** Closed before everything added so far. */
    public synchronized void first(AutoCloseable part) {
        parts.addFirst(part);
    }

    /** Closed after everything added so far. */
    public synchronized void last(AutoCloseable part) {
        parts.addLast(part);
    }

    /** Closes every part in order, logging (not throwing) what fails; can be called again. */
    @Override
    public synchronized void close() {
        while (!parts.isEmpty()) {
            try {
                parts.removeFirst().close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
    }
}
