package io.beatwatch.core.patrol;

import java.time.LocalDate;
import java.util.Map;

/**
 * Patrol minutes of one district on one local day: per cell, and totals. Minutes are those counted
 * by the dosage record (suggested dwell, or the reported time of a done visit; declined visits
 * count nothing).
 *
 * @param district the district
 * @param date the local date
 * @param minutesByCell patrol minutes per H3 cell
 * @param visits visits counted (not declined)
 * @param fromAlerts of which driven by an open alert
 * @param doneMinutes minutes of visits reported done
 * @param declined visits declined by dispatchers
 */
public record DailyDosage(
        String district,
        LocalDate date,
        Map<String, Integer> minutesByCell,
        int visits,
        int fromAlerts,
        int doneMinutes,
        int declined) {

    public DailyDosage {
        minutesByCell = Map.copyOf(minutesByCell);
    }

    /** All counted minutes of the day. */
    public int totalMinutes() {
        int t = 0;
        for (int m : minutesByCell.values()) t += m;
        return t;
    }
}
