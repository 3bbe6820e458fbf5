package io.beatwatch.core.patrol;

import io.beatwatch.core.model.PatrolSuggestion;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Figures of a set of suggestions (a replay's): suggestions per district per shift, how
 * concentrated patrol minutes are (share on the top 1% of cells) and the largest share one cell
 * received of its district's minutes in a day. Minutes are the suggested dwell of each suggestion
 * (a replay has no dispatcher feedback). Shifts are three 8-hour local shifts: day 06-14, evening
 * 14-22, night 22-06 (a night shift belongs to the date it starts).
 */
public final class PatrolSummary {

    /** The three local shifts. */
    public enum Shift {
        DAY("day 06-14"),
        EVENING("evening 14-22"),
        NIGHT("night 22-06");

        private final String label;

        Shift(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The shift of a local time, and the date the shift started. */
        static Slot slotOf(ZonedDateTime t) {
            int h = t.getHour();
            if (h >= 6 && h < 14) return new Slot(t.toLocalDate(), DAY);
            if (h >= 14 && h < 22) return new Slot(t.toLocalDate(), EVENING);
            return new Slot(h >= 22 ? t.toLocalDate() : t.toLocalDate().minusDays(1), NIGHT);
        }
    }

    /** One worked shift: its start date and which shift. */
    record Slot(LocalDate date, Shift shift) {}

    /** Largest daily share of one cell in its district, with where and when. */
    public record MaxShare(
            double share, String district, LocalDate date, String cell, int minutes) {}

    private final Map<String, Map<Shift, Integer>> byDistrictShift = new TreeMap<>();
    private final Map<Shift, Set<LocalDate>> shiftsWorked = new HashMap<>();
    private final Map<String, Long> minutesByCell = new HashMap<>();
    private final Map<String, Map<LocalDate, Map<String, Integer>>> daily = new TreeMap<>();
    private final Map<String, Map<LocalDate, Integer>> dailyCount = new HashMap<>();
    private int total;
    private int fromAlerts;

    /** Summarises {@code suggestions}, local times in {@code zone}. */
    public PatrolSummary(Collection<PatrolSuggestion> suggestions, ZoneId zone) {
        for (PatrolSuggestion s : suggestions) {
            total++;
            if (s.alertId() != null) fromAlerts++;
            String d = s.district() == null ? "UNKNOWN" : s.district();
            ZonedDateTime t = s.createdAt().atZone(zone);
            Slot slot = Shift.slotOf(t);
            byDistrictShift
                    .computeIfAbsent(d, k -> new TreeMap<>())
                    .merge(slot.shift(), 1, Integer::sum);
            shiftsWorked.computeIfAbsent(slot.shift(), k -> new HashSet<>()).add(slot.date());
            minutesByCell.merge(s.cell(), (long) s.dwellMinutes(), Long::sum);
            daily.computeIfAbsent(d, k -> new TreeMap<>())
                    .computeIfAbsent(t.toLocalDate(), k -> new HashMap<>())
                    .merge(s.cell(), s.dwellMinutes(), Integer::sum);
            dailyCount
                    .computeIfAbsent(d, k -> new HashMap<>())
                    .merge(t.toLocalDate(), 1, Integer::sum);
        }
    }

    public int total() {
        return total;
    }

    public int fromAlerts() {
        return fromAlerts;
    }

    /** Cells that received any patrol minutes. */
    public int patrolledCells() {
        return minutesByCell.size();
    }

    /** Suggestions of one district in one shift, summed over the period. */
    public int count(String district, Shift shift) {
        return byDistrictShift.getOrDefault(district, Map.of()).getOrDefault(shift, 0);
    }

    /** Shifts of this kind with at least one suggestion anywhere (the divisor of the averages). */
    public int shiftsWorked(Shift shift) {
        return shiftsWorked.getOrDefault(shift, Set.of()).size();
    }

    /** Districts, sorted. */
    public List<String> districts() {
        return new ArrayList<>(byDistrictShift.keySet());
    }

    /**
     * Share of all patrol minutes on the top {@code fraction} of {@code population} cells, ranked
     * by minutes received (at least one cell). {@code population} is e.g. the cells with any call,
     * or {@link #patrolledCells()}.
     */
    public double shareOnTop(double fraction, long population) {
        if (minutesByCell.isEmpty() || population <= 0) return 0;
        int k = (int) Math.max(1, Math.ceil(fraction * population));
        List<Long> sorted = new ArrayList<>(minutesByCell.values());
        sorted.sort(Comparator.reverseOrder());
        long top = 0, all = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < k) top += sorted.get(i);
            all += sorted.get(i);
        }
        return all == 0 ? 0 : top / (double) all;
    }

    /**
     * The largest share of a district's patrol minutes that one cell received on one local day,
     * among district-days with at least {@code minVisits} suggestions (null when none).
     */
    public MaxShare maxDailyCellShare(int minVisits) {
        MaxShare best = null;
        for (var d : daily.entrySet()) {
            for (var day : d.getValue().entrySet()) {
                int sum = 0;
                for (int m : day.getValue().values()) sum += m;
                if (sum == 0 || dailyCount.get(d.getKey()).get(day.getKey()) < minVisits) continue;
                for (var c : day.getValue().entrySet()) {
                    double share = c.getValue() / (double) sum;
                    if (best == null
                            || share > best.share()
                            || (share == best.share() && c.getKey().compareTo(best.cell()) < 0)) {
                        best =
                                new MaxShare(
                                        share, d.getKey(), day.getKey(), c.getKey(), c.getValue());
                    }
                }
            }
        }
        return best;
    }

    /**
     * Share of all calls held by the top {@code fraction} of cells ranked by calls: how
     * concentrated the demand itself is (compare with {@link #shareOnTop}).
     */
    public static double callShareOnTop(Map<String, Long> callsByCell, double fraction) {
        if (callsByCell.isEmpty()) return 0;
        int k = (int) Math.max(1, Math.ceil(fraction * callsByCell.size()));
        List<Long> sorted = new ArrayList<>(callsByCell.values());
        sorted.sort(Comparator.reverseOrder());
        long top = 0, all = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < k) top += sorted.get(i);
            all += sorted.get(i);
        }
        return all == 0 ? 0 : top / (double) all;
    }

    /**
     * The figures as text lines for a replay summary; {@code callsByCell} are the patrol-relevant
     * calls per cell of the same period (may be empty).
     */
    public String format(Map<String, Long> callsByCell, double configuredCellShare) {
        long cellsWithCalls = callsByCell.size();
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "  patrol suggestions  %,d (%,d driven by alerts), %,d cells patrolled%n",
                        total,
                        fromAlerts,
                        patrolledCells()));
        s.append("  suggestions per district per shift (mean over shifts with any suggestion):\n");
        s.append(String.format(Locale.ROOT, "    %-18s", "district"));
        for (Shift sh : Shift.values()) s.append(String.format(Locale.ROOT, " %14s", sh.label()));
        s.append('\n');
        for (String d : districts()) {
            s.append(String.format(Locale.ROOT, "    %-18s", d));
            for (Shift sh : Shift.values()) {
                int worked = shiftsWorked(sh);
                s.append(
                        String.format(
                                Locale.ROOT,
                                " %14.1f",
                                worked == 0 ? 0 : count(d, sh) / (double) worked));
            }
            s.append('\n');
        }
        s.append(String.format(Locale.ROOT, "    %-18s", "(shifts worked)"));
        for (Shift sh : Shift.values()) {
            s.append(String.format(Locale.ROOT, " %14d", shiftsWorked(sh)));
        }
        s.append('\n');
        if (cellsWithCalls > 0) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "  patrol minutes on the top 1%% of cells with calls (%,d of %,d): %.1f%%"
                                    + " (the top 1%% by calls hold %.1f%% of the calls)%n",
                            (long) Math.max(1, Math.ceil(0.01 * cellsWithCalls)),
                            cellsWithCalls,
                            100 * shareOnTop(0.01, cellsWithCalls),
                            100 * callShareOnTop(callsByCell, 0.01)));
        }
        s.append(
                String.format(
                        Locale.ROOT,
                        "  patrol minutes on the top 1%% of patrolled cells (%,d of %,d): %.1f%%%n",
                        (long) Math.max(1, Math.ceil(0.01 * patrolledCells())),
                        patrolledCells(),
                        100 * shareOnTop(0.01, patrolledCells())));
        MaxShare m = maxDailyCellShare(20);
        if (m != null) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "  largest daily share of one cell in its district (days with >= 20"
                                    + " suggestions): %.1f%% (%s, %s, cell %s, %d min; cap %.0f%%)%n",
                            100 * m.share(),
                            m.district(),
                            m.date(),
                            m.cell(),
                            m.minutes(),
                            100 * configuredCellShare));
        }
        MaxShare any = maxDailyCellShare(1);
        if (any != null && (m == null || any.share() > m.share())) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "  largest daily share over all district-days: %.1f%% (%s, %s: a day"
                                    + " with few suggestions)%n",
                            100 * any.share(),
                            any.district(),
                            any.date()));
        }
        return s.toString();
    }
}
