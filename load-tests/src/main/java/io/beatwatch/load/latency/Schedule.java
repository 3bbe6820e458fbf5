package io.beatwatch.load.latency;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.synth.SyntheticCityConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The open-loop plan of one scenario, a pure function of the slot index: slot {@code i} is due at
 * {@code startMillis + i / rate}; most slots are officer-initiated background calls spread over the
 * city outside the seeded cells and their neighbours (decoded, placed, counted and written to the
 * cell view, never an alert signal), and every {@link #everySlots} slots a seeded cluster of {@link
 * #callsPerCluster} citizen calls of mixed types starts in a fresh cell, {@link #spacingSlots}
 * slots apart, so alerts open at a known rate. Every call's {@code receivedAt} is its slot's due
 * time, so an alert's {@code eventTime} names the call that caused it.
 */
final class Schedule {

    /** Mixed types of a seeded cluster (many callers about many things, as the demo's). */
    static final List<String> CLUSTER_TYPES =
            List.of(
                    "Disturbance",
                    "Shots Fired",
                    "Suspicious Person",
                    "Burglary",
                    "Assault",
                    "Theft",
                    "Vandalism",
                    "Fight");

    static final String BACKGROUND_TYPE = "Traffic Stop";

    /** A seeded cluster: its cell, district and first slot. */
    record Cluster(int index, String cell, String district, LatLon centre, long firstSlot) {}

    private final long startMillis;
    private final double rate;
    private final int callsPerCluster;
    private final long spacingSlots;
    private final long everySlots;
    private final List<Cluster> clusters;
    private final SyntheticCity city;
    private final SyntheticCityConfig cityConfig;
    private final long seed;
    private final H3Grid grid;

    /** The seeded cells and their neighbours: no background call lands there. */
    private final Set<String> kept;

    /**
     * @param cells fresh cells for the clusters, in order of use (see {@link #freshCells})
     */
    Schedule(
            long startMillis,
            double rate,
            int callsPerCluster,
            double spacingMs,
            double everySec,
            List<String> cells,
            SyntheticCityConfig cityConfig,
            long seed) {
        if (rate <= 0) throw new IllegalArgumentException("rate must be positive");
        this.startMillis = startMillis;
        this.rate = rate;
        this.callsPerCluster = callsPerCluster;
        this.spacingSlots = Math.max(1, Math.round(rate * spacingMs / 1000.0));
        this.everySlots = Math.max(callsPerCluster * spacingSlots + 1, Math.round(rate * everySec));
        this.cityConfig = cityConfig;
        this.city = new SyntheticCity(cityConfig);
        this.seed = seed;
        this.grid = new H3Grid(cityConfig.resolution());
        var keep = new java.util.HashSet<String>();
        for (String cell : cells) keep.addAll(H3Grid.ring(cell, 1));
        this.kept = Set.copyOf(keep);
        var list = new ArrayList<Cluster>();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            LatLon centre = H3Grid.centroid(cell);
            list.add(
                    new Cluster(
                            c,
                            cell,
                            city.districtOf(centre.lat(), centre.lon()),
                            centre,
                            c * everySlots + (everySlots - callsPerCluster * spacingSlots) / 2));
        }
        this.clusters = List.copyOf(list);
    }

    long startMillis() {
        return startMillis;
    }

    double rate() {
        return rate;
    }

    int callsPerCluster() {
        return callsPerCluster;
    }

    long everySlots() {
        return everySlots;
    }

    long spacingSlots() {
        return spacingSlots;
    }

    List<Cluster> clusters() {
        return clusters;
    }

    /** Nanoseconds from the start to slot {@code i}'s due time. */
    long dueNanos(long slot) {
        return (long) (slot * 1e9 / rate);
    }

    /** Wall-clock due time (epoch ms) of slot {@code i}: the call's {@code receivedAt}. */
    long dueMillis(long slot) {
        return startMillis + (long) Math.floor(slot * 1000.0 / rate);
    }

    /** The first slot due at or after {@code epochMillis}. */
    long slotAt(long epochMillis) {
        return Math.max(0, (long) Math.ceil((epochMillis - startMillis) * rate / 1000.0));
    }

    /** The cluster whose call slot {@code i} is, or null for a background slot. */
    Cluster clusterOf(long slot) {
        int j = callIndex(slot);
        return j < 0 ? null : clusters.get((int) (slot / everySlots));
    }

    /** The call number (0-based) within its cluster of slot {@code i}, or -1 for background. */
    int callIndex(long slot) {
        long c = slot / everySlots;
        if (c >= clusters.size()) return -1;
        long within = slot - clusters.get((int) c).firstSlot();
        if (within < 0 || within % spacingSlots != 0) return -1;
        long j = within / spacingSlots;
        return j < callsPerCluster ? (int) j : -1;
    }

    /** The slot of call {@code j} of cluster {@code c}. */
    long slotOf(Cluster c, int j) {
        return c.firstSlot() + j * spacingSlots;
    }

    /** How many clusters the cells allow: the last slot this schedule can plan. */
    long lastSlot() {
        return clusters.size() * everySlots - 1;
    }

    /** The call of slot {@code i}, stamped with its due time. */
    CallForService call(long slot) {
        Instant at = Instant.ofEpochMilli(dueMillis(slot));
        Cluster c = clusterOf(slot);
        if (c != null) {
            int j = callIndex(slot);
            return new CallForService(
                    CallForService.VERSION,
                    "lt-seed-" + c.index() + "-" + j,
                    at,
                    CLUSTER_TYPES.get(j % CLUSTER_TYPES.size()),
                    null,
                    null,
                    null,
                    3,
                    false,
                    null,
                    c.district(),
                    null,
                    c.centre().lat(),
                    c.centre().lon(),
                    null,
                    "load-tests:latency");
        }
        var r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + slot);
        double half = cityConfig.halfWidthKm() * 0.95;
        double kmLon = 111.0 * Math.cos(Math.toRadians(cityConfig.centre().lat()));
        double lat;
        double lon;
        // never in a seeded cell or next to one: a cluster's cell counts only its own calls
        do {
            lat = cityConfig.centre().lat() + (r.nextDouble() * 2 - 1) * half / 111.0;
            lon = cityConfig.centre().lon() + (r.nextDouble() * 2 - 1) * half / kmLon;
        } while (kept.contains(grid.cellOf(lat, lon)));
        return new CallForService(
                CallForService.VERSION,
                "lt-bg-" + slot,
                at,
                BACKGROUND_TYPE,
                null,
                null,
                null,
                4,
                true,
                null,
                city.districtOf(lat, lon),
                null,
                lat,
                lon,
                null,
                "load-tests:latency");
    }

    /**
     * Cells for {@code count} clusters, round-robin over the districts: random places in the city,
     * none with a history call in its last {@code quietHours} (so a cell's observed count is the
     * cluster's own) and each at least {@code minApartKm} from the others (no two clusters in one
     * detector zone).
     */
    static List<String> freshCells(
            SyntheticCityConfig config,
            int count,
            Map<String, Instant> lastHistoryCall,
            Instant historyEnd,
            double quietHours,
            double minApartKm,
            long seed) {
        var city = new SyntheticCity(config);
        var grid = new H3Grid(config.resolution());
        var random = new SplittableRandom(seed);
        List<String> districts = SyntheticCity.DISTRICTS;
        var perDistrict = new java.util.HashMap<String, List<String>>();
        var chosen = new ArrayList<LatLon>();
        Set<String> used = new java.util.HashSet<>();
        int need = count;
        double half = config.halfWidthKm() * 0.9;
        double kmLon = 111.0 * Math.cos(Math.toRadians(config.centre().lat()));
        for (int attempt = 0; attempt < 200_000; attempt++) {
            double lat = config.centre().lat() + (random.nextDouble() * 2 - 1) * half / 111.0;
            double lon = config.centre().lon() + (random.nextDouble() * 2 - 1) * half / kmLon;
            String cell = grid.cellOf(lat, lon);
            String d = city.districtOf(lat, lon);
            var list = perDistrict.computeIfAbsent(d, k -> new ArrayList<>());
            if (list.size() >= need || used.contains(cell)) continue;
            Instant last = lastHistoryCall.get(cell);
            if (last != null && last.isAfter(historyEnd.minusSeconds((long) (quietHours * 3600)))) {
                continue;
            }
            boolean apart = true;
            for (LatLon o : chosen) {
                if (Math.hypot((o.lat() - lat) * 111.0, (o.lon() - lon) * kmLon) < minApartKm) {
                    apart = false;
                    break;
                }
            }
            if (!apart) continue;
            list.add(cell);
            used.add(cell);
            chosen.add(new LatLon(lat, lon));
            if (perDistrict.values().stream().mapToInt(List::size).sum()
                    >= need * districts.size()) {
                break;
            }
        }
        var out = new ArrayList<String>();
        for (int i = 0; out.size() < count; i++) {
            boolean any = false;
            for (String d : districts) {
                var list = perDistrict.getOrDefault(d, List.of());
                if (i < list.size()) {
                    out.add(list.get(i));
                    any = true;
                    if (out.size() == count) break;
                }
            }
            if (!any) break;
        }
        return List.copyOf(out);
    }
}
