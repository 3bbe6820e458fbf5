package io.beatwatch.core.backtest;

import io.beatwatch.core.detect.PoissonScan;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Signal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The physical limit of detection on a feed, for the emergence report: a Poisson scan that knows
 * each cell's true rate by hour of week (fitted in hindsight on the whole background) and whose one
 * threshold p* is set in hindsight so the background alone gives exactly the false-alarm budget. No
 * detector that learns from the past can be expected to beat it.
 *
 * <p><b>Rates.</b> {@code rate(c, h)} = citizen calls of cell c in local hour of week h on the days
 * with data / how many hours h those days hold (DST days count their real hours). Hours are
 * left-open, {@code (hh:00, hh+1:00]}, for rates and windows alike, so a window that holds a call
 * always has a positive expectation. A ring-1 zone's rate is the sum of its 7 cells' rates.
 *
 * <p><b>Zones and windows.</b> Every cell (ring 0) and the ring-1 zone around every cell with a
 * background call on a day with data; windows of 30, 60 and 180 minutes. The expectation of a
 * window {@code (t − w, t]} is the integral of the zone's hourly rate over it.
 *
 * <p><b>Alerts.</b> A zone and window alert when the count {@code o} reaches k, the smallest k with
 * {@code P(X >= k | E) <= p*} ({@link PoissonScan#logUpperTail}); equivalently when {@code E <=
 * E_o(p*)}, the largest expectation at which {@code o} calls are still that rare, which is computed
 * once per p* for every count. Zones are evaluated at each citizen call that touches them. A centre
 * cell holds at most one open alert (across its rings and windows); it closes at the first
 * evaluation where all its zones and windows are below their k (counted before the new call) and
 * may then reopen. An opening names the strongest zone and window of its centre.
 *
 * <p>A cell or hour with no background call has rate 0, so one call there alerts at any p*: the
 * hindsight rates say it never happens.
 */
public final class HindsightDetector {

    /** Scan windows, in minutes. */
    public static final List<Integer> WINDOWS_MINUTES = List.of(30, 60, 180);

    /** {@link HotspotAlert#modelVersion()} of its alerts. */
    public static final String MODEL_VERSION = "hindsight-1";

    /** Hours in a week: hour of week 0 is Monday 00:00-01:00 local. */
    public static final int HOURS_PER_WEEK = 168;

    /** The bisection on ln p* starts from [ln 1e-300, 0] and halves it this many times. */
    public static final int CALIBRATION_STEPS = 32;

    private static final long HOUR = 3_600_000L;
    private static final double LOG_P_MIN = Math.log(1e-300);
    private static final int WEEK = HOURS_PER_WEEK;

    /** What the calibration found: p*, the budget in alarms and the background's false alarms. */
    public record Calibration(
            double pStar, int allowedFalseAlarms, List<HotspotAlert> falseAlarms, int steps) {
        public Calibration {
            falseAlarms = List.copyOf(falseAlarms);
        }

        /** False alarms per counted day at p*. */
        public double falseAlarmsPerDay(int countedDays) {
            return countedDays == 0 ? 0 : falseAlarms.size() / (double) countedDays;
        }
    }

    /** A calibrated run: p*, the background's false alarms at p*, and the injected run's alerts. */
    public record Result(Calibration calibration, List<HotspotAlert> alerts) {
        public Result {
            Objects.requireNonNull(calibration, "calibration");
            alerts = List.copyOf(alerts);
        }

        public double pStar() {
            return calibration.pStar();
        }

        public List<HotspotAlert> backgroundFalseAlarms() {
            return calibration.falseAlarms();
        }
    }

    private final ZoneId zone;
    private final Map<String, Integer> cellIndex;
    private final String[] cellNames;

    /** Hourly rate of each cell's ring-0 zone, flat: cell × 168 + hour of week. */
    private final double[] cellRate;

    /** Ring-1 zone of a centre cell, or -1 (no background call there). */
    private final int[] ring1Of;

    private final int[][] ring1Cells;
    private final List<List<String>> ring1Names;
    private final int[] ring1Centre;
    private final double[] ring1Rate;

    /** Centres whose zones hold a cell: the cell itself and its neighbours with a ring-1 zone. */
    private final int[][] centresOf;

    private HindsightDetector(
            ZoneId zone,
            Map<String, Integer> cellIndex,
            double[] cellRate,
            List<Integer> ring1Centres) {
        this.zone = zone;
        this.cellIndex = cellIndex;
        int n = cellIndex.size();
        this.cellNames = new String[n];
        cellIndex.forEach((k, v) -> cellNames[v] = k);
        this.cellRate = cellRate;
        int r = ring1Centres.size();
        this.ring1Of = new int[n];
        Arrays.fill(ring1Of, -1);
        this.ring1Cells = new int[r][];
        this.ring1Names = new ArrayList<>(r);
        this.ring1Centre = new int[r];
        this.ring1Rate = new double[r * WEEK];
        List<List<Integer>> centres = new ArrayList<>(n);
        for (int c = 0; c < n; c++) centres.add(new ArrayList<>(List.of(c)));
        for (int z = 0; z < r; z++) {
            int centre = ring1Centres.get(z);
            List<String> ring = H3Grid.ring(cellNames[centre], 1);
            ring1Of[centre] = z;
            ring1Centre[z] = centre;
            ring1Names.add(List.copyOf(ring));
            ring1Cells[z] = new int[ring.size()];
            for (int j = 0; j < ring.size(); j++) {
                int c = cellIndex.get(ring.get(j));
                ring1Cells[z][j] = c;
                if (c != centre) centres.get(c).add(centre);
                for (int h = 0; h < WEEK; h++) ring1Rate[z * WEEK + h] += cellRate[c * WEEK + h];
            }
        }
        this.centresOf = new int[n][];
        for (int c = 0; c < n; c++) {
            centresOf[c] = centres.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Fits the rates on a background stream (only its citizen calls on {@code daysWithData}, local
     * epoch days, count) and lays out the zones.
     */
    public static HindsightDetector fit(
            List<CellEvent> background, Set<Integer> daysWithData, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        ZoneRules rules = zone.getRules();
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new ArrayList<>();
        double[] counts = new double[1024 * WEEK];
        boolean[] active = new boolean[1024];
        for (CellEvent e : background) {
            int c = index.computeIfAbsent(e.cell(), k -> index.size());
            if (c == names.size()) names.add(e.cell());
            if (!e.signal()) continue;
            long u = hourOf(e.timeMillis());
            if (!daysWithData.contains(localDay(u * HOUR, rules))) continue;
            if ((c + 1) * WEEK > counts.length) counts = Arrays.copyOf(counts, counts.length * 2);
            if (c >= active.length) active = Arrays.copyOf(active, active.length * 2);
            counts[c * WEEK + hourOfWeek(u * HOUR, rules)]++;
            active[c] = true;
        }
        int observedCells = names.size();
        List<Integer> ring1Centres = new ArrayList<>();
        for (int c = 0; c < observedCells; c++) {
            if (c < active.length && active[c]) {
                ring1Centres.add(c);
                for (String n : H3Grid.ring(names.get(c), 1)) {
                    index.computeIfAbsent(n, k -> index.size());
                }
            }
        }
        double[] occurrences = occurrences(daysWithData, zone);
        // the city's profile over the week, and each cell's total: a true rate is never exactly
        // zero, so each cell-hour gets one pseudo-occurrence at the cell's separable rate (its
        // total spread as the city's week) and a one-off burst does not make an hour "impossible"
        double[] cityByHour = new double[WEEK];
        double cityTotal = 0;
        double hours = 0;
        for (int h = 0; h < WEEK; h++) hours += occurrences[h];
        for (int i = 0; i < counts.length; i++) {
            cityByHour[i % WEEK] += counts[i];
            cityTotal += counts[i];
        }
        double[] rate = new double[index.size() * WEEK];
        int cellsWithCounts = Math.min(rate.length, counts.length) / WEEK;
        for (int c = 0; c < cellsWithCounts; c++) {
            double total = 0;
            for (int h = 0; h < WEEK; h++) total += counts[c * WEEK + h];
            for (int h = 0; h < WEEK; h++) {
                double occ = occurrences[h];
                if (occ == 0 || hours == 0 || cityTotal == 0) continue;
                double shape = (cityByHour[h] / occ) / (cityTotal / hours);
                double separable = total / hours * shape;
                rate[c * WEEK + h] = (counts[c * WEEK + h] + separable) / (occ + 1);
            }
        }
        return new HindsightDetector(zone, index, rate, ring1Centres);
    }

    /** How many hours of each hour of week the days hold (real hours: DST days have 23 or 25). */
    private static double[] occurrences(Set<Integer> days, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        double[] occ = new double[WEEK];
        for (int d : days) {
            long from = startOfDay(d, zone);
            long to = startOfDay(d + 1, zone);
            for (long s = from; s < to; s += HOUR) occ[hourOfWeek(s, rules)]++;
        }
        return occ;
    }

    private static long startOfDay(int day, ZoneId zone) {
        return LocalDate.ofEpochDay(day).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /**
     * Calibrates p* on the background, then runs the injected stream (the background with the
     * injected calls merged in, as the detector under test sees it) at that p*.
     *
     * @param background the replayed background, in time order (also the rates' fitting data)
     * @param injectedRun the same background with injected calls, in time order
     * @param daysWithData local epoch days whose hours the rates divide by
     * @param countedDays local epoch days whose false alarms count against the budget
     * @param budgetDays N: one false alarm per N counted days
     */
    public static Result calibrateAndRun(
            List<CellEvent> background,
            List<CellEvent> injectedRun,
            Set<Integer> daysWithData,
            ZoneId zone,
            Set<Integer> countedDays,
            double budgetDays) {
        HindsightDetector d = fit(background, daysWithData, zone);
        Calibration c = d.calibrate(background, countedDays, budgetDays);
        return new Result(c, d.run(injectedRun, c.pStar()));
    }

    /**
     * Sets p* by bisection on ln p*: the largest p* (to within a factor {@code 1 + 2e-7}) at which
     * the background's openings on counted days (all false alarms: nothing is injected) number at
     * most {@code ceil(countedDays / budgetDays)}, the budget rounded up (150 days at N = 100: 2).
     * Openings are not quite monotone in p* (a longer episode can absorb a later opening); the
     * bisection keeps the best p* it has seen within the budget. When even p* = 1e-300 exceeds the
     * budget (calls on days without data, whose hours have rate 0), that p* is returned with its
     * false alarms.
     */
    public Calibration calibrate(
            List<CellEvent> background, Set<Integer> countedDays, double budgetDays) {
        if (!(budgetDays > 0)) throw new IllegalArgumentException("budgetDays must be > 0");
        int allowed = (int) Math.ceil(countedDays.size() / budgetDays - 1e-9);
        Prepared s = prepare(background);
        ZoneRules rules = zone.getRules();
        double lo = LOG_P_MIN;
        double hi = 0;
        List<HotspotAlert> best = falseAlarms(run(s, lo), countedDays, rules);
        double bestLogP = lo;
        int steps = 1;
        if (best.size() <= allowed) {
            List<HotspotAlert> top = falseAlarms(run(s, hi), countedDays, rules);
            steps++;
            if (top.size() <= allowed) return new Calibration(1.0, allowed, top, steps);
            for (int i = 0; i < CALIBRATION_STEPS; i++) {
                double mid = 0.5 * (lo + hi);
                List<HotspotAlert> f = falseAlarms(run(s, mid), countedDays, rules);
                steps++;
                if (f.size() <= allowed) {
                    lo = mid;
                    best = f;
                    bestLogP = mid;
                } else {
                    hi = mid;
                }
            }
        }
        return new Calibration(Math.exp(bestLogP), allowed, best, steps);
    }

    private static List<HotspotAlert> falseAlarms(
            List<HotspotAlert> alerts, Set<Integer> countedDays, ZoneRules rules) {
        List<HotspotAlert> out = new ArrayList<>();
        for (HotspotAlert a : alerts) {
            if (countedDays.contains(localDay(a.eventTime().toEpochMilli(), rules))) out.add(a);
        }
        return out;
    }

    /** The alert openings on a time-ordered stream at threshold p*. */
    public List<HotspotAlert> run(List<CellEvent> events, double pStar) {
        if (!(pStar > 0 && pStar <= 1)) throw new IllegalArgumentException("p* must be in (0, 1]");
        return run(prepare(events), Math.log(pStar));
    }

    /** The fitted hourly rate of a cell at an hour of week (0 for a cell never seen). */
    public double rate(String cell, int hourOfWeek) {
        Integer c = cellIndex.get(cell);
        return c == null ? 0 : cellRate[c * WEEK + checkHour(hourOfWeek)];
    }

    /**
     * The hourly rate of a zone: ring 0 is the cell's, ring 1 the sum over the cell and its
     * neighbours (a ring-1 zone exists only around a cell with background calls).
     */
    public double zoneRate(String centre, int ring, int hourOfWeek) {
        if (ring == 0) return rate(centre, hourOfWeek);
        Integer c = cellIndex.get(centre);
        if (ring != 1 || c == null || ring1Of[c] < 0) {
            throw new IllegalArgumentException("no ring-" + ring + " zone around " + centre);
        }
        return ring1Rate[ring1Of[c] * WEEK + checkHour(hourOfWeek)];
    }

    /** Centres of ring-1 zones (cells with a background call on a day with data). */
    public int ring1ZoneCount() {
        return ring1Centre.length;
    }

    /** Expected calls of a zone in the window {@code (endMillis − w, endMillis]}. */
    public double expected(String centre, int ring, int windowMinutes, long endMillis) {
        double[] rates = new double[WEEK];
        for (int h = 0; h < WEEK; h++) rates[h] = zoneRate(centre, ring, h);
        long from = endMillis - windowMinutes * 60_000L;
        Labels labels = new Labels(zone.getRules(), from, endMillis);
        return integral(rates, 0, labels, from, endMillis);
    }

    /** The threshold: the smallest k with {@code P(X >= k) <= p*} for X ~ Poisson(expected). */
    public static int threshold(double expected, double pStar) {
        double logP = Math.log(pStar);
        int k = 1;
        while (PoissonScan.logUpperTail(k, expected) > logP) k++;
        return k;
    }

    /**
     * Local hour of week (Monday 00:00 = 0) of the left-open hour holding an instant: 10:00:00.000
     * belongs to 09:00-10:00, 10:00:00.001 to 10:00-11:00.
     */
    public static int hourOfWeek(long millis, ZoneId zone) {
        return hourOfWeek(hourOf(millis) * HOUR, zone.getRules());
    }

    /** Index u of the left-open hour (u·1h, (u+1)·1h] holding an instant. */
    private static long hourOf(long millis) {
        return -Math.floorDiv(-millis, HOUR) - 1;
    }

    private static int hourOfWeek(long hourStart, ZoneRules rules) {
        long local =
                Math.floorDiv(hourStart, 1000L)
                        + rules.getOffset(Instant.ofEpochMilli(hourStart)).getTotalSeconds();
        long day = Math.floorDiv(local, 86_400L);
        int dow = (int) Math.floorMod(day + 3, 7L); // 1970-01-01 was a Thursday: Monday = 0
        return dow * 24 + (int) (Math.floorMod(local, 86_400L) / 3600);
    }

    private static int localDay(long millis, ZoneRules rules) {
        long local =
                Math.floorDiv(millis, 1000L)
                        + rules.getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds();
        return (int) Math.floorDiv(local, 86_400L);
    }

    private static int checkHour(int h) {
        if (h < 0 || h >= WEEK) throw new IllegalArgumentException("hour of week 0..167: " + h);
        return h;
    }

    // ---- the scan -------------------------------------------------------------------------

    /** A stream's citizen calls as primitive arrays, grouped by cell for the window counts. */
    private final class Prepared {
        final long[] time;
        final int[] cell;
        final String[] extraNames;
        final int cells;

        /** Calls sorted by (cell, time): times, and where each cell's run starts. */
        final long[] byCell;

        final int[] start;
        final Labels labels;

        Prepared(List<CellEvent> events) {
            int n = 0;
            for (CellEvent e : events) if (e.signal()) n++;
            time = new long[n];
            cell = new int[n];
            Map<String, Integer> extra = new HashMap<>();
            List<String> extraList = new ArrayList<>();
            int known = cellNames.length;
            long last = Long.MIN_VALUE;
            int i = 0;
            for (CellEvent e : events) {
                if (e.timeMillis() < last) {
                    throw new IllegalArgumentException("events are not in time order");
                }
                last = e.timeMillis();
                if (!e.signal()) continue;
                Integer c = cellIndex.get(e.cell());
                if (c == null) {
                    c = extra.get(e.cell());
                    if (c == null) {
                        c = known + extra.size();
                        extra.put(e.cell(), c);
                        extraList.add(e.cell());
                    }
                }
                time[i] = e.timeMillis();
                cell[i++] = c;
            }
            extraNames = extraList.toArray(String[]::new);
            cells = known + extraNames.length;
            start = new int[cells + 1];
            for (int c : cell) start[c + 1]++;
            for (int c = 0; c < cells; c++) start[c + 1] += start[c];
            byCell = new long[n];
            int[] fill = Arrays.copyOf(start, cells);
            for (int j = 0; j < n; j++) byCell[fill[cell[j]]++] = time[j];
            long maxWindow = WINDOWS_MINUTES.get(WINDOWS_MINUTES.size() - 1) * 60_000L;
            labels =
                    n == 0
                            ? new Labels(zone.getRules(), 0, 0)
                            : new Labels(zone.getRules(), time[0] - maxWindow, time[n - 1]);
        }

        String name(int c) {
            return c < cellNames.length ? cellNames[c] : extraNames[c - cellNames.length];
        }
    }

    private Prepared prepare(List<CellEvent> events) {
        return new Prepared(events);
    }

    private List<HotspotAlert> run(Prepared s, double logP) {
        int windows = WINDOWS_MINUTES.size();
        long[] windowMs = new long[windows];
        for (int w = 0; w < windows; w++) windowMs[w] = WINDOWS_MINUTES.get(w) * 60_000L;
        int known = cellNames.length;
        MaxExpectation limits = new MaxExpectation(logP);
        int[] hi = Arrays.copyOf(s.start, s.cells);
        int[][] lo = new int[windows][];
        for (int w = 0; w < windows; w++) lo[w] = Arrays.copyOf(s.start, s.cells);
        boolean[] open = new boolean[s.cells];
        int[] single = new int[1];
        int[] before = new int[2 * windows];
        double[] expect = new double[2 * windows];
        List<HotspotAlert> out = new ArrayList<>();
        for (int i = 0; i < s.time.length; i++) {
            long t = s.time[i];
            int c = s.cell[i];
            int[] centres = c < known ? centresOf[c] : null;
            int nc = centres == null ? 1 : centres.length;
            for (int j = 0; j < nc; j++) {
                int x = centres == null ? c : centres[j];
                int r1 = x < known ? ring1Of[x] : -1;
                int zones = r1 < 0 ? 1 : 2;
                boolean anyBefore = false;
                for (int z = 0; z < zones; z++) {
                    int[] zoneCells = z == 0 ? single : ring1Cells[r1];
                    single[0] = x;
                    double[] rates = z == 0 ? (x < known ? cellRate : null) : ring1Rate;
                    int offset = z == 0 ? x * WEEK : r1 * WEEK;
                    for (int w = 0; w < windows; w++) {
                        long bound = t - windowMs[w];
                        int[] low = lo[w];
                        int count = 0;
                        for (int y : zoneCells) {
                            int p = low[y];
                            int end = hi[y];
                            while (p < end && s.byCell[p] <= bound) p++;
                            low[y] = p;
                            count += end - p;
                        }
                        double e = rates == null ? 0 : integral(rates, offset, s.labels, bound, t);
                        before[z * windows + w] = count;
                        expect[z * windows + w] = e;
                        if (count > 0 && e <= limits.at(count)) anyBefore = true;
                    }
                }
                if (open[x] && !anyBefore) open[x] = false;
                if (open[x]) continue;
                // the new call counts in every zone of x that holds cell c
                int best = -1;
                double bestLog = 0;
                for (int z = 0; z < zones; z++) {
                    boolean holds = z == 0 ? x == c : true;
                    for (int w = 0; w < windows; w++) {
                        int k = z * windows + w;
                        int count = before[k] + (holds ? 1 : 0);
                        if (count == 0 || expect[k] > limits.at(count)) continue;
                        double lp = PoissonScan.logUpperTail(count, expect[k]);
                        if (best < 0 || lp < bestLog) {
                            best = k;
                            bestLog = lp;
                        }
                    }
                }
                if (best >= 0) {
                    open[x] = true;
                    int z = best / windows;
                    int w = best % windows;
                    boolean holds = z == 0 ? x == c : true;
                    out.add(
                            alert(
                                    s.name(x),
                                    z,
                                    z == 0 ? List.of(s.name(x)) : ring1Names.get(r1),
                                    WINDOWS_MINUTES.get(w),
                                    t,
                                    before[best] + (holds ? 1 : 0),
                                    expect[best],
                                    bestLog));
                }
            }
            hi[c]++;
        }
        return out;
    }

    private static double integral(double[] rates, int offset, Labels labels, long from, long to) {
        double sum = 0;
        for (long u = Math.floorDiv(from, HOUR), last = hourOf(to); u <= last; u++) {
            long a = Math.max(from, u * HOUR);
            long b = Math.min(to, (u + 1) * HOUR);
            if (b > a) sum += rates[offset + labels.of(u)] * (b - a);
        }
        return sum / HOUR;
    }

    private static HotspotAlert alert(
            String centre,
            int ring,
            List<String> cells,
            int windowMinutes,
            long t,
            long observed,
            double expected,
            double logP) {
        Instant at = Instant.ofEpochMilli(t);
        return new HotspotAlert(
                HotspotAlert.VERSION,
                "hindsight-" + centre + "-r" + ring + "-w" + windowMinutes + "-" + (t / 60_000L),
                AlertState.OPENED,
                EmergenceCategory.NEW,
                centre,
                ring,
                cells,
                H3Grid.centroid(centre),
                null,
                Duration.ofMinutes(windowMinutes),
                observed,
                expected,
                -logP / Math.log(10),
                Double.NaN,
                Signal.CFS,
                true,
                List.of(),
                0,
                at,
                at,
                MODEL_VERSION,
                null);
    }

    /** Local hour of week of every left-open hour a stream spans. */
    private static final class Labels {
        private final long first;
        private final int[] label;
        private final ZoneRules rules;

        Labels(ZoneRules rules, long fromMillis, long toMillis) {
            this.rules = rules;
            this.first = Math.floorDiv(fromMillis, HOUR) - 1;
            int n = (int) (hourOf(toMillis) - first + 2);
            label = new int[Math.max(n, 0)];
            for (int i = 0; i < label.length; i++) label[i] = hourOfWeek((first + i) * HOUR, rules);
        }

        int of(long u) {
            long i = u - first;
            return i >= 0 && i < label.length ? label[(int) i] : hourOfWeek(u * HOUR, rules);
        }
    }

    /**
     * For one p*, the largest expectation E_o at which o calls are still rare enough: {@code P(X >=
     * o | E_o) = p*}. A zone with o calls alerts when its E <= E_o.
     */
    private static final class MaxExpectation {
        private final double logP;
        private double[] table = new double[0];

        MaxExpectation(double logP) {
            this.logP = logP;
        }

        double at(int o) {
            if (o >= table.length) grow(o);
            return table[o];
        }

        private void grow(int o) {
            int from = table.length;
            table = Arrays.copyOf(table, Math.max(o + 1, 2 * from));
            for (int k = Math.max(from, 1); k < table.length; k++) table[k] = solve(k);
        }

        private double solve(int k) {
            if (logP >= 0) return Double.POSITIVE_INFINITY;
            // ln P(X >= k | E) rises with E: bisect ln E between a tiny and a large expectation
            double a = -745;
            double b = Math.log(k + 40.0 + 40 * Math.sqrt(k));
            for (int i = 0; i < 100; i++) {
                double m = 0.5 * (a + b);
                if (PoissonScan.logUpperTail(k, Math.exp(m)) <= logP) a = m;
                else b = m;
            }
            return Math.exp(a);
        }
    }
}
