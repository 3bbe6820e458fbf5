package io.beatwatch.core.backtest;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The complete days of an {@link EventTable} with the event range of each (events are sorted by
 * time, so a local day is a contiguous range), the walk-forward periods over them, and the two
 * views every method needs: the training events of a period (strictly before it) and its observed
 * counts per cell.
 */
public final class Timeline {

    /** Which events a backtest trains and scores on. */
    public enum EventSet {
        /** Every call (the ARCHITECTURE §8 figures use all call types). */
        ALL,
        /** Citizen-initiated calls only (the alert signal: officer-initiated left out). */
        CITIZEN;

        /** Parses {@code all} or {@code citizen}. */
        public static EventSet parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    private final EventTable table;
    private final CompleteDays complete;
    private final EventSet events;
    private final int[] dayFrom;
    private final int[] dayTo;
    private final long eventsOnCompleteDays;
    private final long eventsOnOtherDays;

    /** The complete days of {@code table}; {@code events} picks the calls that count. */
    public Timeline(EventTable table, CompleteDays complete, EventSet events) {
        this.table = Objects.requireNonNull(table, "table");
        this.complete = Objects.requireNonNull(complete, "complete");
        this.events = Objects.requireNonNull(events, "events");
        int n = complete.count();
        dayFrom = new int[n];
        dayTo = new int[n];
        long in = 0;
        long out = 0;
        int i = 0;
        for (int k = 0; k < n; k++) {
            int d = complete.day(k);
            while (i < table.size() && table.day(i) < d) {
                if (include(i)) out++;
                i++;
            }
            dayFrom[k] = i;
            while (i < table.size() && table.day(i) == d) {
                if (include(i)) in++;
                i++;
            }
            dayTo[k] = i;
        }
        for (; i < table.size(); i++) if (include(i)) out++;
        eventsOnCompleteDays = in;
        eventsOnOtherDays = out;
    }

    public EventTable table() {
        return table;
    }

    public CompleteDays completeDays() {
        return complete;
    }

    public EventSet eventSet() {
        return events;
    }

    /** Whether event i is in the event set. */
    public boolean include(int i) {
        return events == EventSet.ALL || !table.officer(i);
    }

    /** Complete days. */
    public int dayCount() {
        return dayFrom.length;
    }

    /** Local epoch day of complete day k. */
    public int localDay(int k) {
        return complete.day(k);
    }

    /** First event index of complete day k. */
    public int from(int k) {
        return dayFrom[k];
    }

    /** End (exclusive) event index of complete day k. */
    public int to(int k) {
        return dayTo[k];
    }

    /** Events (of the set) on complete days: the ones that train and score. */
    public long eventsOnCompleteDays() {
        return eventsOnCompleteDays;
    }

    /** Events (of the set) on partial days: never used. */
    public long eventsOnOtherDays() {
        return eventsOnOtherDays;
    }

    /** The instant local minute {@code minute} of complete day k starts. */
    public long instantOf(int k, int minute) {
        ZoneId zone = table.zone();
        LocalDate date = LocalDate.ofEpochDay(localDay(k));
        if (minute == 0) return date.atStartOfDay(zone).toInstant().toEpochMilli();
        return date.atTime(LocalTime.of(minute / 60, minute % 60))
                .atZone(zone)
                .toInstant()
                .toEpochMilli();
    }

    /** The instant a period ends (exclusive). */
    public long endOf(Period p) {
        int k = p.dayIndexes()[p.dayIndexes().length - 1];
        if (p.toMinute() < 1440) return instantOf(k, p.toMinute());
        return LocalDate.ofEpochDay(localDay(k) + 1L)
                .atStartOfDay(table.zone())
                .toInstant()
                .toEpochMilli();
    }

    /**
     * The periods to score: every shift, day or ISO week whose first complete day has at least
     * {@code priorDays} complete days before it, within {@code [fromDay, toDay)} (local epoch days;
     * null for open ends), skipping periods without events of the set.
     */
    public List<Period> periods(Horizon h, int priorDays, Integer fromDay, Integer toDay) {
        if (h == Horizon.SHIFT && table.dateOnly()) {
            throw new IllegalArgumentException(
                    "this feed has dates only: use the day or week horizon, not shifts");
        }
        List<Period> out = new ArrayList<>();
        if (h == Horizon.WEEK) {
            Map<String, List<Integer>> weeks = new LinkedHashMap<>();
            for (int k = priorDays; k < dayCount(); k++) {
                if (!inRange(k, fromDay, toDay)) continue;
                LocalDate d = LocalDate.ofEpochDay(localDay(k));
                String label =
                        String.format(
                                Locale.ROOT,
                                "%d-W%02d",
                                d.get(IsoFields.WEEK_BASED_YEAR),
                                d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                weeks.computeIfAbsent(label, x -> new ArrayList<>()).add(k);
            }
            for (var e : weeks.entrySet()) {
                int[] ks = e.getValue().stream().mapToInt(Integer::intValue).toArray();
                Period p = new Period(out.size(), e.getKey(), ks, 0, 1440, instantOf(ks[0], 0));
                if (hasEvents(p)) out.add(p);
            }
            return out;
        }
        for (int k = priorDays; k < dayCount(); k++) {
            if (!inRange(k, fromDay, toDay)) continue;
            String date = LocalDate.ofEpochDay(localDay(k)).toString();
            if (h == Horizon.DAY) {
                Period p = new Period(out.size(), date, new int[] {k}, 0, 1440, instantOf(k, 0));
                if (hasEvents(p)) out.add(p);
            } else {
                for (int s = 0; s < Horizon.SHIFTS_PER_DAY; s++) {
                    int from = s * Horizon.SHIFT_MINUTES;
                    int to = from + Horizon.SHIFT_MINUTES;
                    String label =
                            String.format(
                                    Locale.ROOT, "%s s%d (%02d-%02d)", date, s, from / 60, to / 60);
                    Period p =
                            new Period(
                                    out.size(), label, new int[] {k}, from, to, instantOf(k, from));
                    if (hasEvents(p)) out.add(p);
                }
            }
        }
        return out;
    }

    private boolean inRange(int k, Integer fromDay, Integer toDay) {
        int d = localDay(k);
        return (fromDay == null || d >= fromDay) && (toDay == null || d < toDay);
    }

    private boolean hasEvents(Period p) {
        boolean[] any = {false};
        forEachInPeriod(p, i -> any[0] = true);
        return any[0];
    }

    /** Calls every event of the set inside the period. */
    public void forEachInPeriod(Period p, IntConsumer action) {
        for (int k : p.dayIndexes()) {
            for (int i = dayFrom[k]; i < dayTo[k]; i++) {
                if (include(i) && p.coversMinute(table.minuteOfDay(i))) action.accept(i);
            }
        }
    }

    /** Observed events of the set per cell inside the period. */
    public int[] observed(Period p) {
        int[] out = new int[table.cellCount()];
        forEachInPeriod(p, i -> out[table.cell(i)]++);
        return out;
    }

    /**
     * Calls every event of the set in the training window of a period, oldest first: the {@code
     * trainDays} complete days before its first day, then (for a shift) that day's events before
     * the shift. Every event passed is before {@link Period#startMillis()}.
     */
    public void forEachTrainingEvent(Period p, int trainDays, IntConsumer action) {
        int first = p.firstDayIndex();
        for (int k = Math.max(0, first - trainDays); k < first; k++) {
            for (int i = dayFrom[k]; i < dayTo[k]; i++) if (include(i)) action.accept(i);
        }
        forEachSameDayBefore(p, action);
    }

    /** Events of the set on the period's first day before it starts (shifts only). */
    public void forEachSameDayBefore(Period p, IntConsumer action) {
        if (p.fromMinute() == 0) return;
        int k = p.firstDayIndex();
        for (int i = dayFrom[k]; i < dayTo[k]; i++) {
            if (include(i) && table.time(i) < p.startMillis()) action.accept(i);
        }
    }
}
