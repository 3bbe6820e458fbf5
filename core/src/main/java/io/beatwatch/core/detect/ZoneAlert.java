package io.beatwatch.core.detect;

import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.Signal;

/**
 * The alert state of one place, kept in keyed state between evaluations: the open alert (id,
 * opening time, what was last reported) or the memory of the last closed one (for NEW vs reopened).
 * Times are epoch milliseconds so Flink serializes it as a plain record.
 *
 * @param alertId deterministic id, see {@link AlertLifecycle#alertId}
 * @param open whether the alert is open
 * @param zone centre cell of the zone that opened it
 * @param ring ring of the zone that opened it
 * @param windowMinutes window that opened it
 * @param openedAtMillis event time it opened
 * @param revision 0 when opened, +1 on every update and on the close
 * @param lastScore score last reported
 * @param lastObserved observed last reported
 * @param lastRing ring of the evaluation last reported
 * @param lastWindowMinutes window of the evaluation last reported
 * @param lastSignal signal last reported
 * @param lastCategory category last reported
 * @param lastReportedAtMillis event time of the last report
 * @param peakScore highest score reported for this alert
 * @param closedAtMillis event time it closed, or 0 while open
 */
public record ZoneAlert(
        String alertId,
        boolean open,
        String zone,
        int ring,
        int windowMinutes,
        long openedAtMillis,
        int revision,
        double lastScore,
        long lastObserved,
        int lastRing,
        int lastWindowMinutes,
        Signal lastSignal,
        EmergenceCategory lastCategory,
        long lastReportedAtMillis,
        double peakScore,
        long closedAtMillis) {

    /** The same alert after a report of {@code e} with this category and signal. */
    ZoneAlert reported(Evaluation e, EmergenceCategory category, Signal signal, long atMillis) {
        return new ZoneAlert(
                alertId,
                true,
                zone,
                ring,
                windowMinutes,
                openedAtMillis,
                revision + 1,
                e.score(),
                e.observed(),
                e.ring(),
                e.windowMinutes(),
                signal,
                category,
                atMillis,
                Math.max(peakScore, e.score()),
                0L);
    }

    /** The same alert, closed at {@code atMillis}. */
    ZoneAlert closed(long atMillis) {
        return new ZoneAlert(
                alertId,
                false,
                zone,
                ring,
                windowMinutes,
                openedAtMillis,
                revision + 1,
                lastScore,
                lastObserved,
                lastRing,
                lastWindowMinutes,
                lastSignal,
                lastCategory,
                atMillis,
                peakScore,
                atMillis);
    }
}
