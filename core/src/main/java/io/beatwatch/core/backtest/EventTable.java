package io.beatwatch.core.backtest;

import io.beatwatch.core.feed.FeedCounts;
import io.beatwatch.core.feed.FeedReader;
import io.beatwatch.core.feed.FeedRecord;
import io.beatwatch.core.feed.Feeds;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.inspect.ProgressListener;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.FeedKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A whole calls-for-service file held in compact parallel arrays, sorted by time: event time, H3
 * cell index, district index, type index, officer flag, coordinates, local day and minute of day.
 * Loaded once; every backtest method reads the same arrays. Cells are numbered in order of first
 * appearance after sorting, so the table's cells are exactly the cells with any event: the study
 * area of the backtest.
 */
public final class EventTable {

    /** How many rows were read, accepted and left out, and why. */
    public record LoadCounts(
            long rows, long accepted, Map<String, Long> rejected, long duplicates, long events) {
        public LoadCounts {
            rejected = Map.copyOf(rejected);
        }

        /** Rows the profile rejected for a missing, unreadable or out-of-bounds location. */
        public long withoutUsableLocation() {
            return rejected.getOrDefault(RejectReason.MISSING_COORDINATES.code(), 0L)
                    + rejected.getOrDefault(RejectReason.UNPARSEABLE_COORDINATES.code(), 0L)
                    + rejected.getOrDefault(RejectReason.OUT_OF_BOUNDS.code(), 0L);
        }
    }

    private final ZoneId zone;
    private final boolean dateOnly;
    private final int resolution;
    private final long[] time;
    private final int[] cell;
    private final int[] district;
    private final int[] type;
    private final boolean[] officer;
    private final double[] lat;
    private final double[] lon;
    private final int[] day;
    private final short[] minuteOfDay;
    private final String[] cells;
    private final String[] districts;
    private final String[] types;
    private final int[] cellDistrict;
    private final LoadCounts counts;

    private EventTable(Builder b, int[] order) {
        int n = order.length;
        this.zone = b.zone;
        this.dateOnly = b.dateOnly;
        this.resolution = b.grid.resolution();
        this.time = new long[n];
        this.cell = new int[n];
        this.district = new int[n];
        this.type = new int[n];
        this.officer = new boolean[n];
        this.lat = new double[n];
        this.lon = new double[n];
        this.day = new int[n];
        this.minuteOfDay = new short[n];
        // renumber cells by first appearance in time order: deterministic for a given input
        Map<String, Integer> cellIndex = new LinkedHashMap<>();
        ZoneRules rules = zone.getRules();
        for (int i = 0; i < n; i++) {
            int j = order[i];
            time[i] = b.time[j];
            String c = b.cellNames[b.cell[j]];
            Integer ci = cellIndex.get(c);
            if (ci == null) {
                ci = cellIndex.size();
                cellIndex.put(c, ci);
            }
            cell[i] = ci;
            district[i] = b.district[j];
            type[i] = b.type[j];
            officer[i] = b.officer[j];
            lat[i] = b.lat[j];
            lon[i] = b.lon[j];
            long localSecond =
                    Math.floorDiv(time[i], 1000L)
                            + rules.getOffset(Instant.ofEpochMilli(time[i])).getTotalSeconds();
            day[i] = (int) Math.floorDiv(localSecond, 86_400L);
            minuteOfDay[i] = (short) (Math.floorMod(localSecond, 86_400L) / 60);
        }
        this.cells = cellIndex.keySet().toArray(String[]::new);
        this.districts = b.districtNames.keySet().toArray(String[]::new);
        this.types = b.typeNames.keySet().toArray(String[]::new);
        this.cellDistrict = majorityDistrict();
        this.counts =
                new LoadCounts(
                        b.rows == 0 ? n + b.duplicates : b.rows,
                        b.accepted == 0 ? n + b.duplicates : b.accepted,
                        b.rejected,
                        b.duplicates,
                        n);
    }

    private int[] majorityDistrict() {
        int nd = districts.length;
        int[] out = new int[cells.length];
        Arrays.fill(out, -1);
        if (nd == 0) return out;
        int[][] byCell = new int[cells.length][];
        for (int i = 0; i < time.length; i++) {
            if (district[i] < 0) continue;
            int[] h = byCell[cell[i]];
            if (h == null) h = byCell[cell[i]] = new int[nd];
            h[district[i]]++;
        }
        for (int c = 0; c < cells.length; c++) {
            int[] h = byCell[c];
            if (h == null) continue;
            int best = -1;
            for (int d = 0; d < nd; d++) {
                // ties go to the alphabetically first name: stable whatever the input order
                if (h[d] > 0
                        && (best < 0
                                || h[d] > h[best]
                                || (h[d] == h[best]
                                        && districts[d].compareTo(districts[best]) < 0))) best = d;
            }
            out[c] = best;
        }
        return out;
    }

    /** A builder for hand-made tables (tests) and for the file loader. */
    public static Builder builder(ZoneId zone, boolean dateOnly, H3Grid grid) {
        return new Builder(zone, dateOnly, grid);
    }

    /**
     * Reads a calls file through its city profile once: accepted calls become rows (an incident id
     * seen before is a CAD update and counted once), rejected rows are counted by reason.
     */
    public static EventTable load(
            CityProfile profile, Path file, H3Grid grid, ProgressListener progress)
            throws IOException {
        if (profile.feed() != FeedKind.CFS) {
            throw new IllegalArgumentException(
                    "backtests need a calls-for-service profile, " + profile.name() + " is tips");
        }
        Builder b = builder(profile.zone(), profile.time().dateOnly(), grid);
        long n = 0;
        try (FeedReader<CallForService> reader = Feeds.calls(profile, file, Clock.systemUTC())) {
            while (reader.hasNext()) {
                FeedRecord<CallForService> r = reader.next();
                if (r.isOk()) {
                    CallForService c = r.value();
                    b.add(
                            c.id(),
                            c.receivedAt().toEpochMilli(),
                            c.lat(),
                            c.lon(),
                            c.district(),
                            c.type(),
                            c.officerInitiated());
                }
                if (++n % 8192 == 0) {
                    progress.progress(n, reader.bytesRead(), reader.totalBytes());
                }
            }
            progress.progress(n, reader.bytesRead(), reader.totalBytes());
            b.counts(reader.counts());
        }
        return b.build();
    }

    /** Number of events. */
    public int size() {
        return time.length;
    }

    /** Number of cells with any event: the study area A in cells. */
    public int cellCount() {
        return cells.length;
    }

    public ZoneId zone() {
        return zone;
    }

    /** True when the feed has dates only (no time of day). */
    public boolean dateOnly() {
        return dateOnly;
    }

    /** H3 resolution of the cells. */
    public int resolution() {
        return resolution;
    }

    /** Event time, epoch milliseconds. */
    public long time(int i) {
        return time[i];
    }

    /** Cell index of event i (0..cellCount-1). */
    public int cell(int i) {
        return cell[i];
    }

    /** District index of event i, or -1. */
    public int district(int i) {
        return district[i];
    }

    /** Type index of event i. */
    public int type(int i) {
        return type[i];
    }

    public boolean officer(int i) {
        return officer[i];
    }

    public double lat(int i) {
        return lat[i];
    }

    public double lon(int i) {
        return lon[i];
    }

    /** Local epoch day of event i (in the profile's zone). */
    public int day(int i) {
        return day[i];
    }

    /** Local minute of the day of event i. */
    public int minuteOfDay(int i) {
        return minuteOfDay[i];
    }

    /** H3 address of a cell index. */
    public String cellAddress(int c) {
        return cells[c];
    }

    public String districtName(int d) {
        return districts[d];
    }

    public int districtCount() {
        return districts.length;
    }

    public String typeName(int t) {
        return types[t];
    }

    public int typeCount() {
        return types.length;
    }

    /** The district most events of cell c carry (ties: alphabetical), or -1. */
    public int cellDistrict(int c) {
        return cellDistrict[c];
    }

    public LoadCounts counts() {
        return counts;
    }

    /** Index of the first event at or after {@code millis} (binary search on the sorted times). */
    public int firstAtOrAfter(long millis) {
        int lo = 0;
        int hi = time.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time[mid] < millis) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Collects rows; {@link #build()} sorts them by time (stable). */
    public static final class Builder {
        private final ZoneId zone;
        private final boolean dateOnly;
        private final H3Grid grid;
        private final Set<String> ids = new HashSet<>();
        private final Map<String, Integer> cellIds = new HashMap<>();
        private String[] cellNames = new String[1024];
        private final Map<String, Integer> districtNames = new LinkedHashMap<>();
        private final Map<String, Integer> typeNames = new LinkedHashMap<>();
        private long[] time = new long[1024];
        private int[] cell = new int[1024];
        private int[] district = new int[1024];
        private int[] type = new int[1024];
        private boolean[] officer = new boolean[1024];
        private double[] lat = new double[1024];
        private double[] lon = new double[1024];
        private int n;
        private long duplicates;
        private long rows;
        private long accepted;
        private Map<String, Long> rejected = Map.of();

        private Builder(ZoneId zone, boolean dateOnly, H3Grid grid) {
            this.zone = Objects.requireNonNull(zone, "zone");
            this.dateOnly = dateOnly;
            this.grid = Objects.requireNonNull(grid, "grid");
        }

        /** Adds a call; false (nothing added) when its id was seen before (a CAD update). */
        public boolean add(
                String id,
                long timeMillis,
                double latitude,
                double longitude,
                String districtName,
                String typeName,
                boolean officerInitiated) {
            if (id != null && !ids.add(id)) {
                duplicates++;
                return false;
            }
            grow();
            String address = grid.cellOf(latitude, longitude);
            Integer ci = cellIds.get(address);
            if (ci == null) {
                ci = cellIds.size();
                cellIds.put(address, ci);
                if (ci == cellNames.length) cellNames = Arrays.copyOf(cellNames, ci * 2);
                cellNames[ci] = address;
            }
            time[n] = timeMillis;
            cell[n] = ci;
            district[n] =
                    districtName == null || districtName.isBlank()
                            ? -1
                            : districtNames.computeIfAbsent(
                                    districtName, k -> districtNames.size());
            type[n] = typeNames.computeIfAbsent(typeName, k -> typeNames.size());
            officer[n] = officerInitiated;
            lat[n] = latitude;
            lon[n] = longitude;
            n++;
            return true;
        }

        /** Records the reader's counters (rows, accepted, rejected by reason). */
        public Builder counts(FeedCounts c) {
            rows = c.rows();
            accepted = c.accepted();
            Map<String, Long> r = new HashMap<>();
            c.rejected().forEach((k, v) -> r.put(k.code(), v));
            rejected = r;
            return this;
        }

        private void grow() {
            if (n < time.length) return;
            int m = time.length * 2;
            time = Arrays.copyOf(time, m);
            cell = Arrays.copyOf(cell, m);
            district = Arrays.copyOf(district, m);
            type = Arrays.copyOf(type, m);
            officer = Arrays.copyOf(officer, m);
            lat = Arrays.copyOf(lat, m);
            lon = Arrays.copyOf(lon, m);
        }

        /** The table, sorted by time (ties keep insertion order). */
        public EventTable build() {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) boxed[i] = i;
            final long[] t = time;
            Arrays.sort(boxed, (a, b) -> Long.compare(t[a], t[b]));
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = boxed[i];
            return new EventTable(this, order);
        }
    }
}
