package io.beatwatch.jobs.patrol;

import io.beatwatch.core.model.PatrolFeedback;
import java.util.Comparator;

/**
 * One input of a district's planner: a cell's risk (or its removal from the district), an alert
 * event, a dispatcher's feedback, or a tick of the city feed's clock. {@link #time} is the logical
 * event time the planner applies it at: never behind the watermark of the channel it travels on, so
 * the set of inputs due at a round is the same in every run. A POJO (one class for the three kinds)
 * so Flink serializes it without Kryo.
 */
public final class PatrolInput {

    /** What an input is. */
    public enum Kind {
        /** A cell's risk, and its beat and neighbourhood (the cell belongs to the district). */
        RISK,
        /** The cell no longer belongs to the district (moved, or forgotten). */
        REMOVE,
        /** An alert opened, updated or closed. */
        ALERT,
        /** A dispatcher's answer to a suggestion. */
        FEEDBACK,
        /** The city feed is alive at this time (see FeedClock). */
        TICK
    }

    /** The order inputs due at the same round are applied in: time, kind, then their ids. */
    static final Comparator<PatrolInput> APPLY_ORDER =
            Comparator.comparingLong((PatrolInput i) -> i.time)
                    .thenComparing(i -> i.kind)
                    .thenComparing(i -> i.cell == null ? "" : i.cell)
                    .thenComparing(i -> i.alertId == null ? "" : i.alertId)
                    .thenComparing(i -> i.suggestionId == null ? "" : i.suggestionId)
                    .thenComparing(i -> i.action == null ? -1 : i.action.ordinal())
                    .thenComparingDouble(i -> i.risk);

    public Kind kind;
    public long time;
    public String district;
    public String cell;

    // RISK
    public String beat;
    public String neighbourhood;
    public double risk;
    public long riskAt;

    // ALERT
    public String alertId;
    public boolean opened;
    public boolean closed;
    public String[] cells;
    public String reason;
    public boolean drivesPatrol;
    public String excludedBecause;

    // FEEDBACK
    public String suggestionId;
    public PatrolFeedback.Action action;

    public PatrolInput() {}

    static PatrolInput risk(
            String district,
            String cell,
            String beat,
            String neighbourhood,
            double risk,
            long riskAt,
            long time) {
        var i = new PatrolInput();
        i.kind = Kind.RISK;
        i.district = district;
        i.cell = cell;
        i.beat = beat;
        i.neighbourhood = neighbourhood;
        i.risk = risk;
        i.riskAt = riskAt;
        i.time = time;
        return i;
    }

    static PatrolInput remove(String district, String cell, long time) {
        var i = new PatrolInput();
        i.kind = Kind.REMOVE;
        i.district = district;
        i.cell = cell;
        i.time = time;
        return i;
    }

    /**
     * The earliest logical time an input may carry after {@code watermark}: one past it. At the
     * end-of-input watermark (the largest) every timer fires anyway, so no floor applies then.
     */
    static long afterWatermark(long watermark) {
        return watermark == Long.MAX_VALUE ? Long.MIN_VALUE : watermark + 1;
    }

    /** The feedback this input carries. */
    PatrolFeedback feedback() {
        return new PatrolFeedback(
                PatrolFeedback.VERSION,
                suggestionId,
                action,
                null,
                district,
                cell,
                java.time.Instant.ofEpochMilli(time));
    }
}
