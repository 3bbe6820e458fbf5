package io.beatwatch.core.detect;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.model.Tip;
import io.beatwatch.core.model.TypeCount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A single-threaded, whole-city detector in plain Java: dedupe, cell counts, baselines, the
 * space-time permutation scan and the alert lifecycle, one event at a time in event-time order. It
 * is the reference for the Flink job's output on small inputs, the plain-Java loop the job's
 * throughput is compared with, and the engine of backtests.
 *
 * <p>Zones are a centre cell and its k-ring for each configured ring; alerts are keyed by centre
 * cell (one open alert per place across rings, windows and signals). A ring-k zone (k > 0) is only
 * scored while its centre holds more events in the window than each neighbour (ties: the smaller
 * address), so one cluster does not light up the seven overlapping ring-1 zones around it.
 */
public final class CityDetector {

    private static final long MINUTE_MS = 60_000L;
    private static final int TOP_TYPES = 3;
    private static final long DEDUPE_MINUTES = 24 * 60;

    private final DetectionConfig config;
    private final H3Grid grid;
    private final Function<String, String> districtOfCell;
    private final AlertLifecycle lifecycle;
    private final int maxWindow;
    private final int maxRing;
    private final int[] windows;

    private final Map<String, CellState> cells = new HashMap<>();
    private final Map<String, ZoneAlert> alerts = new HashMap<>();
    private final Map<String, List<String>> diskCache = new HashMap<>();
    private final MinuteCounts cityCfs;
    private final MinuteCounts cityTips;
    private final Baseline cityCfsBaseline;
    private final Baseline cityTipsBaseline;
    private final LinkedHashMap<String, Long> seenIds = new LinkedHashMap<>();

    private long lastSweepMinute = Long.MIN_VALUE;
    private long lastCleanupDay = Long.MIN_VALUE;
    private long activeCells;
    private long duplicates;
    private long officerExcluded;
    private long tooLate;

    /**
     * A detector for one city.
     *
     * @param districtOfCell district name of a cell (e.g. from the city profile), for the alert
     */
    public CityDetector(
            DetectionConfig config, H3Grid grid, Function<String, String> districtOfCell) {
        this.config = Objects.requireNonNull(config, "config");
        this.grid = Objects.requireNonNull(grid, "grid");
        this.districtOfCell = Objects.requireNonNull(districtOfCell, "districtOfCell");
        this.lifecycle = new AlertLifecycle(config);
        this.maxWindow = config.maxWindowMinutes();
        this.maxRing = config.rings().stream().mapToInt(Integer::intValue).max().orElse(0);
        this.windows = config.windowsMinutes().stream().mapToInt(Integer::intValue).toArray();
        if (maxRing > 1) {
            throw new IllegalArgumentException("CityDetector scores rings 0 and 1, not " + maxRing);
        }
        this.cityCfs = new MinuteCounts(maxWindow);
        this.cityTips = new MinuteCounts(maxWindow);
        this.cityCfsBaseline = Baseline.of(config);
        this.cityTipsBaseline = Baseline.of(config);
    }

    /**
     * Counts a call (updates of a counted incident are ignored) and returns the alerts it causes.
     */
    public List<HotspotAlert> accept(CallForService call) {
        long t = call.receivedAt().toEpochMilli();
        long minute = MinuteCounts.minuteOf(t);
        if (isDuplicate(call.id(), minute)) {
            duplicates++;
            return List.of();
        }
        List<HotspotAlert> out = new ArrayList<>();
        housekeeping(minute, t, out);
        String cell = grid.cellOf(call.lat(), call.lon());
        if (call.officerInitiated() && config.excludeOfficerInitiated()) {
            // shown elsewhere, but kept out of the signal so patrols do not feed predictions
            officerExcluded++;
            return out;
        }
        CellState s = cells.computeIfAbsent(cell, c -> new CellState(config, maxWindow));
        if (!s.cfs.add(minute, 1)) {
            tooLate++;
            return out;
        }
        s.cfsBaseline.add(minute, 1);
        s.addType(minute, call.type());
        cityCfs.add(minute, 1);
        cityCfsBaseline.add(minute, 1);
        evaluateAround(cell, minute, t, out);
        return out;
    }

    /** Counts a tip and returns the alerts it causes (none when tips are not a signal). */
    public List<HotspotAlert> accept(Tip tip) {
        long t = tip.receivedAt().toEpochMilli();
        long minute = MinuteCounts.minuteOf(t);
        if (isDuplicate("tip:" + tip.id(), minute)) {
            duplicates++;
            return List.of();
        }
        List<HotspotAlert> out = new ArrayList<>();
        housekeeping(minute, t, out);
        if (!config.tipsSignal()) return out;
        String cell = grid.cellOf(tip.lat(), tip.lon());
        CellState s = cells.computeIfAbsent(cell, c -> new CellState(config, maxWindow));
        if (!s.tips.add(minute, 1)) {
            tooLate++;
            return out;
        }
        s.tipsBaseline.add(minute, 1);
        cityTips.add(minute, 1);
        cityTipsBaseline.add(minute, 1);
        evaluateAround(cell, minute, t, out);
        return out;
    }

    /** Re-evaluates open alerts up to {@code epochMillis} (end of a stream, or an idle feed). */
    public List<HotspotAlert> advanceTo(long epochMillis) {
        List<HotspotAlert> out = new ArrayList<>();
        housekeeping(MinuteCounts.minuteOf(epochMillis), epochMillis, out);
        return out;
    }

    /** Alerts open now, by centre cell. */
    public Map<String, ZoneAlert> openAlerts() {
        Map<String, ZoneAlert> open = new TreeMap<>();
        alerts.forEach(
                (k, v) -> {
                    if (v.open()) open.put(k, v);
                });
        return open;
    }

    /** Cells with any baseline activity: the zones counted in the tests per day. */
    public long activeCells() {
        return activeCells;
    }

    /** Incident updates and repeated tips ignored. */
    public long duplicates() {
        return duplicates;
    }

    /** Officer-initiated calls kept out of the signal. */
    public long officerExcluded() {
        return officerExcluded;
    }

    /** Events later than the longest window, not counted. */
    public long tooLate() {
        return tooLate;
    }

    private boolean isDuplicate(String id, long minute) {
        if (seenIds.putIfAbsent(id, minute) != null) return true;
        // ids are remembered for a day of event time: CAD updates come within minutes
        Iterator<Map.Entry<String, Long>> it = seenIds.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue() >= minute - DEDUPE_MINUTES) break;
            it.remove();
        }
        return false;
    }

    private void housekeeping(long minute, long t, List<HotspotAlert> out) {
        long day = Baseline.dayOf(minute);
        if (day != lastCleanupDay) {
            lastCleanupDay = day;
            cells.entrySet()
                    .removeIf(e -> e.getValue().isEmpty(minute) && !alerts.containsKey(e.getKey()));
            alerts.entrySet().removeIf(e -> lifecycle.canForget(e.getValue(), t));
            activeCells =
                    cells.values().stream().filter(c -> !c.cfsBaseline.isEmpty(minute)).count();
        }
        if (minute > lastSweepMinute) {
            // event-time sweep: open alerts must also close when their calls stop
            lastSweepMinute = minute;
            if (cityCfsBaseline.coveredDays(minute) >= config.minBaselineDays()) {
                CityNow city = cityNow(minute);
                for (String centre : new ArrayList<>(openAlerts().keySet())) {
                    evaluate(centre, minute, t, city, out);
                }
            }
        }
    }

    private void evaluateAround(String cell, long minute, long t, List<HotspotAlert> out) {
        if (cityCfsBaseline.coveredDays(minute) < config.minBaselineDays()) return;
        CityNow city = cityNow(minute);
        for (String centre : disk(cell, maxRing)) {
            evaluate(centre, minute, t, city, out);
        }
    }

    /** The city-wide figures of this minute, shared by every zone scanned for one event. */
    private record CityNow(long[] cfs, long[] tips, long cfsBase, long tipsBase) {}

    private CityNow cityNow(long minute) {
        return new CityNow(
                cityCfs.sums(minute, windows),
                cityTips.sums(minute, windows),
                cityCfsBaseline.count(minute),
                cityTipsBaseline.count(minute));
    }

    private void evaluate(
            String centre, long minute, long t, CityNow city, List<HotspotAlert> out) {
        double tests = config.testsPerDay(Math.max(1, activeCells));
        int nw = windows.length;
        long[] cityCfsNow = city.cfs();
        long[] cityTipsNow = city.tips();
        long cityCfsBase = city.cfsBase();
        long cityTipsBase = city.tipsBase();
        // centre first: its counts are ring 0, its disk's sums are ring 1, and they decide the peak
        List<String> ring1 = disk(centre, 1);
        long[][] cfsByCell = new long[ring1.size()][nw];
        long[][] tipsByCell = new long[ring1.size()][nw];
        long[] cfsBaseByCell = new long[ring1.size()];
        long[] tipsBaseByCell = new long[ring1.size()];
        for (int i = 0; i < ring1.size(); i++) {
            CellState s = cells.get(ring1.get(i));
            if (s == null) continue;
            s.cfs.sumsInto(minute, windows, cfsByCell[i]);
            s.tips.sumsInto(minute, windows, tipsByCell[i]);
            cfsBaseByCell[i] = s.cfsBaseline.count(minute);
            tipsBaseByCell[i] = s.tipsBaseline.count(minute);
        }
        List<Evaluation> evals = new ArrayList<>();
        for (int ring : config.rings()) {
            int cellsInZone = ring == 0 ? 1 : ring1.size();
            double prior = config.priorCount(cellsInZone);
            long cfsBase = 0;
            long tipsBase = 0;
            for (int i = 0; i < cellsInZone; i++) {
                cfsBase += cfsBaseByCell[i];
                tipsBase += tipsBaseByCell[i];
            }
            for (int w = 0; w < nw; w++) {
                if (ring > 0 && !isPeak(ring1, cfsByCell, w)) continue;
                long cfs = 0;
                long tips = 0;
                for (int i = 0; i < cellsInZone; i++) {
                    cfs += cfsByCell[i][w];
                    tips += tipsByCell[i][w];
                }
                double eCfs = Baseline.expected(cfsBase, prior, cityCfsNow[w], cityCfsBase);
                evals.add(
                        Evaluation.of(
                                centre, ring, windows[w], Signal.CFS, cfs, eCfs, tests, config, t));
                if (config.tipsSignal()) {
                    double eTips = Baseline.expected(tipsBase, prior, cityTipsNow[w], cityTipsBase);
                    evals.add(
                            Evaluation.of(
                                    centre,
                                    ring,
                                    windows[w],
                                    Signal.TIPS,
                                    tips,
                                    eTips,
                                    tests,
                                    config,
                                    t));
                }
            }
        }
        if (evals.isEmpty()) return;
        ZoneAlert previous = alerts.get(centre);
        LifecycleDecision d = lifecycle.decide(previous, evals);
        if (d.next() == null) {
            alerts.remove(centre);
        } else {
            alerts.put(centre, d.next());
        }
        if (d.emits()) {
            out.add(d.toAlert(explain(centre, d.evaluation(), minute), null));
        }
    }

    /** The centre (index 0) holds more than each neighbour; ties go to the smaller address. */
    private static boolean isPeak(List<String> ring1, long[][] byCell, int w) {
        long own = byCell[0][w];
        String centre = ring1.get(0);
        for (int i = 1; i < ring1.size(); i++) {
            long other = byCell[i][w];
            if (other > own || (other == own && ring1.get(i).compareTo(centre) < 0)) return false;
        }
        return true;
    }

    private Explanation explain(String centre, Evaluation e, long minute) {
        List<String> zone = disk(centre, e.ring());
        Map<String, Long> types = new HashMap<>();
        long tips = 0;
        for (String c : zone) {
            CellState s = cells.get(c);
            if (s == null) continue;
            tips += s.tips.sum(minute, e.windowMinutes());
            for (TypedMinute tm : s.types) {
                if (tm.minute() > minute - e.windowMinutes() && tm.minute() <= minute) {
                    types.merge(tm.type(), 1L, Long::sum);
                }
            }
        }
        List<TypeCount> top =
                types.entrySet().stream()
                        .sorted(
                                Map.Entry.<String, Long>comparingByValue()
                                        .reversed()
                                        .thenComparing(Map.Entry.comparingByKey()))
                        .limit(TOP_TYPES)
                        .map(x -> new TypeCount(x.getKey(), x.getValue()))
                        .toList();
        return new Explanation(
                zone, H3Grid.centroid(centre), districtOfCell.apply(centre), top, tips);
    }

    private List<String> disk(String cell, int k) {
        if (k == 0) return List.of(cell);
        if (k == 1) return diskCache.computeIfAbsent(cell, CityDetector::centreFirstDisk);
        return H3Grid.ring(cell, k);
    }

    private static List<String> centreFirstDisk(String cell) {
        List<String> disk = new ArrayList<>(H3Grid.ring(cell, 1));
        disk.remove(cell);
        disk.add(0, cell);
        return List.copyOf(disk);
    }

    private record TypedMinute(long minute, String type) {}

    /** Counts of one cell. */
    private static final class CellState {
        final MinuteCounts cfs;
        final MinuteCounts tips;
        final Baseline cfsBaseline;
        final Baseline tipsBaseline;
        final ArrayDeque<TypedMinute> types =
                new ArrayDeque<>() {
                    @Override
                    public boolean add(TypedMinute tm) {
                        // keep only the longest window of types, for explanations
                        while (!isEmpty() && peekFirst().minute() <= tm.minute() - capacity)
                            pollFirst();
                        return super.add(tm);
                    }
                };
        final int capacity;

        CellState(DetectionConfig config, int maxWindow) {
            this.capacity = maxWindow;
            this.cfs = new MinuteCounts(maxWindow);
            this.tips = new MinuteCounts(maxWindow);
            this.cfsBaseline = Baseline.of(config);
            this.tipsBaseline = Baseline.of(config);
        }

        void addType(long minute, String type) {
            // keep only the longest window of types, for explanations
            while (!types.isEmpty() && types.peekFirst().minute() <= minute - capacity) {
                types.pollFirst();
            }
            types.add(new TypedMinute(minute, type));
        }

        boolean isEmpty(long minute) {
            return cfs.isEmpty(minute)
                    && tips.isEmpty(minute)
                    && cfsBaseline.isEmpty(minute)
                    && tipsBaseline.isEmpty(minute);
        }
    }
}
