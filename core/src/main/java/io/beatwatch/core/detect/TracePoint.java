package io.beatwatch.core.detect;

/**
 * One scoring of a traced place by {@link StreamDetector}, or why it was not scored: what the
 * emergence report's per-cluster trace is made of.
 *
 * @param cell the place's centre cell (H3 index)
 * @param eventTimeMillis the detector's clock (minute start) at the scoring
 * @param ring 0 for the cell alone, 1 for the cell and its six neighbours (-1: no zone scored)
 * @param windowMinutes the window (0: no window scored)
 * @param calls citizen calls in the zone and window
 * @param counted of those, the calls that count (at most {@code TYPE_CAP} of one type)
 * @param expected the expected count (NaN where none was computed)
 * @param strength {@code -log10 P(X >= counted)} under the expected count (NaN where none)
 * @param recurrenceDays the recurrence interval the detector read off its null (0 where none)
 * @param why what the scoring led to
 */
public record TracePoint(
        long cell,
        long eventTimeMillis,
        int ring,
        int windowMinutes,
        long calls,
        long counted,
        double expected,
        double strength,
        double recurrenceDays,
        Why why) {

    /** What a scoring led to, in the order a reader checks them. */
    public enum Why {
        /** The detector had fewer days with data than its warm-up asks: nothing is scored. */
        WARM_UP,
        /** Fewer counted calls than {@code minObserved}: not scored. */
        FEW_CALLS,
        /** A ring-1 zone whose centre holds less than its share of the zone's calls: not scored. */
        CENTRE_SHARE,
        /** Scored, but the recurrence interval is below the budget. */
        BELOW_BUDGET,
        /** Strong enough, but the lifecycle held it back (a reopen in the minute of a close). */
        LIFECYCLE,
        /** This scoring opened the place's alert. */
        OPENED,
        /** An alert was already open at the place. */
        OPEN
    }
}
