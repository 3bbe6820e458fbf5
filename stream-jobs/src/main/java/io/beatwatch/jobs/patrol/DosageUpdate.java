package io.beatwatch.jobs.patrol;

import io.beatwatch.core.patrol.DailyDosage;
import java.util.Map;

/**
 * A district's patrol minutes on one local day, per cell and in total, as of an event time: the
 * absolute content of its Redis dosage hash (and its line in the day's summary).
 */
public final class DosageUpdate {

    public String district;

    /** Local date, yyyy-MM-dd. */
    public String date;

    public String[] cells;
    public int[] minutes;
    public int totalMinutes;
    public int visits;
    public int fromAlerts;
    public int doneMinutes;
    public int declined;
    public long time;

    public DosageUpdate() {}

    static DosageUpdate of(DailyDosage d, long time) {
        var u = new DosageUpdate();
        u.district = d.district();
        u.date = d.date().toString();
        u.cells = new String[d.minutesByCell().size()];
        u.minutes = new int[u.cells.length];
        int i = 0;
        for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(d.minutesByCell()).entrySet()) {
            u.cells[i] = e.getKey();
            u.minutes[i] = e.getValue();
            i++;
        }
        u.totalMinutes = d.totalMinutes();
        u.visits = d.visits();
        u.fromAlerts = d.fromAlerts();
        u.doneMinutes = d.doneMinutes();
        u.declined = d.declined();
        u.time = time;
        return u;
    }
}
