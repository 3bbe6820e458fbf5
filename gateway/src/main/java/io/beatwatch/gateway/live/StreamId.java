package io.beatwatch.gateway.live;

import java.util.Optional;

/**
 * A Redis Stream entry id ({@code <millis>-<sequence>}), ordered as Redis orders them. The millis
 * part is the Redis server time of the append, used to measure push latency.
 */
public record StreamId(long millis, long sequence) implements Comparable<StreamId> {

    /** The id before every real entry. */
    public static final StreamId ZERO = new StreamId(0, 0);

    public StreamId {
        if (millis < 0 || sequence < 0) {
            throw new IllegalArgumentException("stream ids are non-negative");
        }
    }

    /** Parses {@code 1732190000000-0} (or a bare millis part); empty if malformed. */
    public static Optional<StreamId> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 41) {
            return Optional.empty();
        }
        int dash = text.indexOf('-');
        try {
            if (dash < 0) {
                return Optional.of(new StreamId(Long.parseLong(text), 0));
            }
            return Optional.of(
                    new StreamId(
                            Long.parseLong(text.substring(0, dash)),
                            Long.parseLong(text.substring(dash + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Parses an id Redis returned; throws if Redis returned something odd. */
    public static StreamId of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("bad stream id"));
    }

    @Override
    public int compareTo(StreamId o) {
        int c = Long.compare(millis, o.millis);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    public boolean isAfter(StreamId o) {
        return compareTo(o) > 0;
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
