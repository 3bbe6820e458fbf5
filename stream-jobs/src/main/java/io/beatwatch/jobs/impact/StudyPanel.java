package io.beatwatch.jobs.impact;

import io.beatwatch.core.backtest.CompleteDays;
import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.impact.Panel;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the study {@link Panel} from a calls table and a patrol log: the analysed days are the
 * complete days from {@code preDays} before the first patrol day to the last; the outcome is the
 * citizen calls (officer-initiated calls left out, since patrols create them); a cell's district is
 * the one most of its calls carry.
 */
final class StudyPanel {

    private StudyPanel() {}

    static Panel of(EventTable t, CompleteDays complete, PatrolLog log, int preDays) {
        int start = (int) log.first().toEpochDay();
        int end = (int) log.last().toEpochDay() + 1;
        List<Integer> days = new ArrayList<>();
        for (int d = start - preDays; d < end; d++) if (complete.contains(d)) days.add(d);
        Panel.Builder b = Panel.builder(days.stream().mapToInt(Integer::intValue).toArray(), start);
        java.util.Set<String> known = new java.util.HashSet<>();
        for (int c = 0; c < t.cellCount(); c++) {
            known.add(t.cellAddress(c));
            int d = t.cellDistrict(c);
            b.cell(t.cellAddress(c), d < 0 ? null : t.districtName(d));
        }
        for (int i = 0; i < t.size(); i++) {
            int day = t.day(i);
            if (day < start - preDays || day >= end || t.officer(i)) continue;
            b.calls(t.cellAddress(t.cell(i)), day, 1);
        }
        for (PatrolLog.Dose d : log.doses()) {
            // a patrolled cell without any call keeps the district of the log
            b.cell(d.cell(), known.contains(d.cell()) ? null : d.district());
            b.minutes(d.cell(), (int) d.date().toEpochDay(), d.minutes());
        }
        return b.build();
    }
}
