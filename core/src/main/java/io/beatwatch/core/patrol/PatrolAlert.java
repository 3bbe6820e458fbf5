package io.beatwatch.core.patrol;

import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.model.TypeCount;
import java.util.List;
import java.util.Locale;

/**
 * An open alert as the patrol choice sees it: its cells, a reason text for dispatchers, and whether
 * it may drive a patrol at all. It may not when it is an unconfirmed tip-only alert (tips need call
 * corroboration first) or when most of the calls behind it are enforcement-prone or ignored types
 * (patrols must not chase their own activity).
 *
 * @param alertId the alert's id
 * @param cells the alert's cells, zone centre first
 * @param reason why a patrol goes there, in words
 * @param drivesPatrol whether the alert may drive suggestions
 * @param excludedBecause why not, when it may not (null otherwise)
 */
public record PatrolAlert(
        String alertId,
        List<String> cells,
        String reason,
        boolean drivesPatrol,
        String excludedBecause) {

    public PatrolAlert {
        cells = List.copyOf(cells);
    }

    /** The patrol view of an alert under this policy. */
    public static PatrolAlert of(HotspotAlert a, PatrolConfig c) {
        String why = null;
        if (!a.confirmed() || a.signal() == Signal.TIPS) {
            why = "unconfirmed tip-only alert";
        } else {
            long all = 0, excluded = 0;
            for (TypeCount t : a.topTypes()) {
                all += t.count();
                if (!c.countsAsRisk(t.type())) excluded += t.count();
            }
            if (all > 0 && excluded * 2 >= all) {
                why = "mostly enforcement-prone or non-patrol call types";
            }
        }
        List<String> cells =
                a.cells().isEmpty() && a.zone() != null ? List.of(a.zone()) : a.cells();
        return new PatrolAlert(a.alertId(), cells, reason(a), why == null, why);
    }

    /** "Open alert: 9 calls in 60 min where 2.1 were expected (...); mostly Burglary (4)." */
    static String reason(HotspotAlert a) {
        StringBuilder s = new StringBuilder("Open alert: ");
        long minutes = a.window() == null ? 0 : a.window().toMinutes();
        s.append(a.observed()).append(a.observed() == 1 ? " call" : " calls");
        if (minutes > 0) s.append(" in ").append(minutes).append(" min");
        s.append(
                String.format(
                        Locale.ROOT,
                        a.expected() < 1
                                ? " where %.2f were expected"
                                : " where %.1f were expected",
                        a.expected()));
        if (a.recurrenceIntervalDays() > 0) {
            s.append(" (by chance about once in ")
                    .append(days(a.recurrenceIntervalDays()))
                    .append(")");
        }
        if (!a.topTypes().isEmpty()) {
            s.append("; mostly ");
            for (int i = 0; i < a.topTypes().size(); i++) {
                TypeCount t = a.topTypes().get(i);
                if (i > 0) s.append(", ");
                s.append(t.type()).append(" (").append(t.count()).append(")");
            }
        }
        return s.append('.').toString();
    }

    private static String days(double d) {
        if (d >= 3650) return "10+ years";
        if (d >= 730) return String.format(Locale.ROOT, "%.0f years", d / 365);
        return String.format(Locale.ROOT, "%.0f days", d);
    }
}
