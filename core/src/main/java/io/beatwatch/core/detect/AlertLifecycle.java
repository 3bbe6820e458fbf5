package io.beatwatch.core.detect;

import io.beatwatch.core.detect.LifecycleDecision.Action;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.Signal;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The alert state machine of one place (pure: state and evaluations in, decision out). One open
 * alert per key: the operator keys it by place (e.g. centre cell) and passes every evaluation of
 * that place at this event time (each ring, window and signal); the strongest one drives it.
 *
 * <ul>
 *   <li>open: no alert open and some evaluation reaches the threshold ({@code observed >=
 *       minObserved}, {@code observed > expected}, recurrence interval {@code >=
 *       recurrenceThresholdDays}); category NEW unless an alert closed here within {@code
 *       newLookbackDays} (then INTENSIFYING above that alert's peak score, else PERSISTENT)
 *   <li>update: the score rises by {@code escalationScore} or the observed count (same ring and
 *       window) by {@code escalationObserved}, or a signal joins (INTENSIFYING); the score falls by
 *       {@code escalationScore} or a signal drops (DIMINISHING); nothing changed for {@code
 *       persistentEveryMinutes} (PERSISTENT)
 *   <li>close: no evaluation keeps an excess with a recurrence interval of at least {@code
 *       recurrenceThresholdDays × closeRatio} (hysteresis); the close repeats the last category
 *   <li>otherwise nothing
 * </ul>
 */
public final class AlertLifecycle implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Model version stamped on every alert. */
    public static final String MODEL_VERSION = StreamDetector.MODEL_VERSION;

    private static final long MINUTE_MS = 60_000L;
    private static final long DAY_MS = 86_400_000L;

    /** Strongest first: recurrence interval, then score, then shorter window, smaller ring, CFS. */
    static final Comparator<Evaluation> STRONGEST_FIRST =
            Comparator.comparingDouble(Evaluation::recurrenceIntervalDays)
                    .thenComparingDouble(Evaluation::score)
                    .reversed()
                    .thenComparingInt(Evaluation::windowMinutes)
                    .thenComparingInt(Evaluation::ring)
                    .thenComparing(Evaluation::signal);

    private final DetectionConfig config;

    /** A lifecycle with these thresholds and margins. */
    public AlertLifecycle(DetectionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The config in use. */
    public DetectionConfig config() {
        return config;
    }

    /**
     * Deterministic alert id: {@code <zone>-r<ring>-w<window>-<epochMinute of opening>}, so a
     * replay of the same input yields the same ids.
     */
    public static String alertId(String zone, int ring, int windowMinutes, long openedAtMillis) {
        return zone
                + "-r"
                + ring
                + "-w"
                + windowMinutes
                + "-"
                + Math.floorDiv(openedAtMillis, MINUTE_MS);
    }

    /** Convenience for a single evaluation. */
    public LifecycleDecision decide(ZoneAlert previous, Evaluation evaluation) {
        return decide(previous, List.of(evaluation));
    }

    /**
     * Decides what happens at this place given its previous state (null when none) and this
     * event-time's evaluations (at least one). Call it on every counted event and on event-time
     * timers while an alert is open, so an alert also closes when the calls stop.
     */
    public LifecycleDecision decide(ZoneAlert previous, List<Evaluation> evaluations) {
        if (evaluations.isEmpty()) {
            throw new IllegalArgumentException("no evaluations");
        }
        long now = Long.MIN_VALUE;
        for (Evaluation e : evaluations) now = Math.max(now, e.eventTimeMillis());

        if (previous == null || !previous.open()) {
            return decideClosed(previous, evaluations, now);
        }
        return decideOpen(previous, evaluations, now);
    }

    private LifecycleDecision decideClosed(
            ZoneAlert previous, List<Evaluation> evaluations, long now) {
        Evaluation best =
                evaluations.stream().filter(this::opens).min(STRONGEST_FIRST).orElse(null);
        boolean sameMinuteAsClose =
                previous != null
                        && Math.floorDiv(previous.closedAtMillis(), MINUTE_MS)
                                == Math.floorDiv(now, MINUTE_MS);
        if (best == null || sameMinuteAsClose) {
            // a reopen in the minute of the close would reuse the closed alert's id: wait a minute
            ZoneAlert keep = canForget(previous, now) ? null : previous;
            return new LifecycleDecision(Action.NONE, keep, null, null, null);
        }
        EmergenceCategory category;
        if (previous == null
                || now - previous.closedAtMillis() > config.newLookbackDays() * DAY_MS) {
            category = EmergenceCategory.NEW;
        } else if (best.score() > previous.peakScore()) {
            category = EmergenceCategory.INTENSIFYING;
        } else {
            category = EmergenceCategory.PERSISTENT;
        }
        Signal signal = signalOf(evaluations);
        String id = alertId(best.zone(), best.ring(), best.windowMinutes(), now);
        ZoneAlert opened =
                new ZoneAlert(
                        id,
                        true,
                        best.zone(),
                        best.ring(),
                        best.windowMinutes(),
                        now,
                        0,
                        best.score(),
                        best.observed(),
                        best.ring(),
                        best.windowMinutes(),
                        signal,
                        category,
                        now,
                        best.score(),
                        0L);
        return new LifecycleDecision(Action.OPEN, opened, best, category, signal);
    }

    private LifecycleDecision decideOpen(ZoneAlert open, List<Evaluation> evaluations, long now) {
        Evaluation best =
                evaluations.stream().filter(this::sustains).min(STRONGEST_FIRST).orElse(null);
        if (best == null) {
            Evaluation last =
                    evaluations.stream()
                            .filter(
                                    e ->
                                            e.ring() == open.lastRing()
                                                    && e.windowMinutes()
                                                            == open.lastWindowMinutes())
                            .findFirst()
                            .orElse(evaluations.stream().min(STRONGEST_FIRST).orElseThrow());
            return new LifecycleDecision(
                    Action.CLOSE, open.closed(now), last, open.lastCategory(), open.lastSignal());
        }
        Signal signal = signalOf(evaluations);
        EmergenceCategory category = null;
        if (signal != open.lastSignal()) {
            category =
                    signal == Signal.BOTH
                            ? EmergenceCategory.INTENSIFYING
                            : EmergenceCategory.DIMINISHING;
        } else if (best.score() >= open.lastScore() + config.escalationScore()
                || (best.ring() == open.lastRing()
                        && best.windowMinutes() == open.lastWindowMinutes()
                        && best.observed() >= open.lastObserved() + config.escalationObserved())) {
            category = EmergenceCategory.INTENSIFYING;
        } else if (best.score() <= open.lastScore() - config.escalationScore()) {
            category = EmergenceCategory.DIMINISHING;
        } else if (now - open.lastReportedAtMillis()
                >= config.persistentEveryMinutes() * MINUTE_MS) {
            category = EmergenceCategory.PERSISTENT;
        }
        if (category == null) {
            return new LifecycleDecision(Action.NONE, open, null, null, null);
        }
        return new LifecycleDecision(
                Action.UPDATE, open.reported(best, category, signal, now), best, category, signal);
    }

    /** Whether an evaluation is strong enough to open an alert. */
    public boolean opens(Evaluation e) {
        return e.hasExcess()
                && e.observed() >= config.minObserved()
                && e.recurrenceIntervalDays() >= config.recurrenceThresholdDays();
    }

    /** Whether an evaluation keeps an open alert open (the lower, hysteresis threshold). */
    public boolean sustains(Evaluation e) {
        return e.hasExcess() && e.recurrenceIntervalDays() >= config.closeThresholdDays();
    }

    /** CFS, TIPS or BOTH: the signals with an evaluation that sustains an alert (CFS if none). */
    Signal signalOf(List<Evaluation> evaluations) {
        boolean cfs = false;
        boolean tips = false;
        for (Evaluation e : evaluations) {
            if (!sustains(e)) continue;
            if (e.signal() == Signal.CFS) cfs = true;
            else tips = true;
        }
        if (cfs && tips) return Signal.BOTH;
        return tips ? Signal.TIPS : Signal.CFS;
    }

    /**
     * True when the state of a place can be dropped: nothing stored, or the last alert closed more
     * than {@code newLookbackDays} ago (a new alert there would be NEW anyway).
     */
    public boolean canForget(ZoneAlert state, long nowMillis) {
        return state == null
                || (!state.open()
                        && nowMillis - state.closedAtMillis() > config.newLookbackDays() * DAY_MS);
    }
}
