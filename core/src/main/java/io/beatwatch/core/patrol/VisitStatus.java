package io.beatwatch.core.patrol;

/** Where a suggested visit is: from suggested to done, declined, lapsed or timed out. */
public enum VisitStatus {
    /** Suggested, not answered yet, still valid. */
    SUGGESTED,
    /** A unit accepted it. */
    ACCEPTED,
    /** The unit is on scene. */
    ARRIVED,
    /** The unit reported the visit done. */
    DONE,
    /** The dispatcher declined it: its minutes are released and the place is blocked a while. */
    DECLINED,
    /** Nobody answered within its validity (counted as possibly visited, see PATROL.md). */
    LAPSED,
    /** Accepted but never reported done within the visit timeout (counted as visited). */
    TIMED_OUT;

    /** Whether the visit is still actionable (the place is taken). */
    public boolean active() {
        return this == SUGGESTED || this == ACCEPTED || this == ARRIVED;
    }
}
