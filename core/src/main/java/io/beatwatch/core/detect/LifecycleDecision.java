package io.beatwatch.core.detect;

import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Signal;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@link AlertLifecycle#decide} concluded for one place: the action, the state to keep, and
 * (unless {@link Action#NONE}) the evaluation, category and signal to report.
 *
 * @param action what to emit
 * @param next the state to store afterwards; {@code null} means clear the state
 * @param evaluation the evaluation the report rests on (null for NONE)
 * @param category the emergence category reported (null for NONE)
 * @param signal the signals significant at this time: CFS, TIPS or BOTH (null for NONE)
 */
public record LifecycleDecision(
        Action action,
        ZoneAlert next,
        Evaluation evaluation,
        EmergenceCategory category,
        Signal signal) {

    /** What the operator must emit. */
    public enum Action {
        /** Nothing to report. */
        NONE,
        /** A new alert opened. */
        OPEN,
        /** The open alert changed enough to report again. */
        UPDATE,
        /** The excess is gone; the alert closed. */
        CLOSE
    }

    /** True when there is an alert message to emit. */
    public boolean emits() {
        return action != Action.NONE;
    }

    /** The wire state for this action (null for NONE). */
    public AlertState alertState() {
        return switch (action) {
            case OPEN -> AlertState.OPENED;
            case UPDATE -> AlertState.UPDATED;
            case CLOSE -> AlertState.CLOSED;
            case NONE -> null;
        };
    }

    /** A tip-only alert is unconfirmed: it goes to supervisors only and drives no patrol. */
    public boolean confirmed() {
        return signal != null && signal != Signal.TIPS;
    }

    /**
     * The alert message for this decision, explained; {@code emittedAt} is processing time (may be
     * null). The revision ({@code next().revision()}) makes the stream's dedupe key with the id.
     */
    public HotspotAlert toAlert(Explanation why, Instant emittedAt) {
        if (action == Action.NONE) {
            throw new IllegalStateException("no alert for a NONE decision");
        }
        return new HotspotAlert(
                HotspotAlert.VERSION,
                next.alertId(),
                alertState(),
                category,
                evaluation.zone(),
                evaluation.ring(),
                why.cells(),
                why.centroid(),
                why.district(),
                Duration.ofMinutes(evaluation.windowMinutes()),
                evaluation.observed(),
                evaluation.expected(),
                evaluation.score(),
                evaluation.recurrenceIntervalDays(),
                signal,
                confirmed(),
                why.topTypes(),
                why.tipCount(),
                Instant.ofEpochMilli(next.openedAtMillis()),
                Instant.ofEpochMilli(evaluation.eventTimeMillis()),
                AlertLifecycle.MODEL_VERSION,
                emittedAt);
    }
}
