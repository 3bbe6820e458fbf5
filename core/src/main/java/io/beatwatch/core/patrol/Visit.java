package io.beatwatch.core.patrol;

import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.PatrolSuggestion;
import java.time.Instant;

/**
 * One suggested visit in the dosage record: the suggestion as issued, its status, and the patrol
 * minutes it counts for. Times are epoch milliseconds (0 = not yet). A POJO for Flink keyed state.
 */
public final class Visit {

    public String suggestionId;
    public String district;
    public String cell;
    public String beat;
    public String neighbourhood;
    public String reason;
    public String alertId;
    public double lat;
    public double lon;
    public int dwellMinutes;
    public long createdAt;
    public long validUntil;

    /** Local epoch day of {@link #createdAt}: the day whose dosage this visit counts in. */
    public long day;

    /**
     * Patrol minutes counted: the dwell when issued, the reported time when done, 0 if declined.
     */
    public int minutes;

    public VisitStatus status;
    public long acceptedAt;
    public long arrivedAt;
    public long closedAt;

    public Visit() {}

    /** The wire record of this visit's suggestion. */
    public PatrolSuggestion suggestion() {
        return new PatrolSuggestion(
                PatrolSuggestion.VERSION,
                suggestionId,
                district,
                cell,
                beat,
                new LatLon(lat, lon),
                reason,
                alertId,
                dwellMinutes,
                Instant.ofEpochMilli(createdAt),
                Instant.ofEpochMilli(validUntil));
    }

    /** The status at {@code now}: an unanswered suggestion lapses, an open visit times out. */
    public VisitStatus statusAt(long now, PatrolConfig c) {
        if (status == VisitStatus.SUGGESTED && now >= validUntil) return VisitStatus.LAPSED;
        if ((status == VisitStatus.ACCEPTED || status == VisitStatus.ARRIVED)
                && now >= createdAt + c.visitTimeout().toMillis()) {
            return VisitStatus.TIMED_OUT;
        }
        return status;
    }

    /**
     * Until when this visit keeps its cell from being suggested again: forever while active; after
     * a done visit the cool-down; after a decline the decline block; a visit never reported done
     * cools down from the end of its validity (lapsed) or its timeout.
     */
    public long blocksUntil(long now, PatrolConfig c) {
        VisitStatus s = statusAt(now, c);
        return switch (s) {
            case SUGGESTED, ACCEPTED, ARRIVED -> Long.MAX_VALUE;
            case DONE -> closedAt + c.coolDown().toMillis();
            case DECLINED -> closedAt + c.declineBlock().toMillis();
            case LAPSED -> validUntil + c.coolDown().toMillis();
            case TIMED_OUT -> createdAt + c.visitTimeout().toMillis() + c.coolDown().toMillis();
        };
    }
}
