package io.beatwatch.core.feed;

import io.beatwatch.core.model.RejectReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of a feed read so far: rows, accepted, rejected by reason, distinct incident ids among
 * accepted rows, and rows carrying a usable location.
 *
 * @param rows data rows read
 * @param accepted rows that became a call or tip
 * @param rejected rows rejected, by reason
 * @param distinctIds distinct ids among accepted rows (CAD updates repeat an id); counted by 64-bit
 *     hash, so two ids could in theory collide (odds below 1e-7 at a million ids)
 * @param withCoordinates rows with two numeric, non-placeholder coordinates (inside the bounds or
 *     not)
 */
public record FeedCounts(
        long rows,
        long accepted,
        Map<RejectReason, Long> rejected,
        long distinctIds,
        long withCoordinates) {

    public FeedCounts {
        var copy = new EnumMap<RejectReason, Long>(RejectReason.class);
        copy.putAll(rejected);
        rejected = Collections.unmodifiableMap(copy);
    }

    /** All rejected rows. */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rejected rows of one reason. */
    public long rejected(RejectReason reason) {
        return rejected.getOrDefault(reason, 0L);
    }
}
