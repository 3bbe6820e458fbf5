package io.beatwatch.core.synth;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.Tip;
import io.beatwatch.core.synth.Event.CallEvent;
import io.beatwatch.core.synth.Event.Origin;
import io.beatwatch.core.synth.Event.TipEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A seeded synthetic city: a lazy, time-ordered stream of calls, CAD updates and tips with
 * place-varying rates (dense areas plus a uniform long tail), an hour-of-week profile, Hawkes-like
 * aftershocks, officer-initiated events, city-wide surges and labelled injected clusters. Same
 * config, same stream; each {@link #iterator()} starts over. Background draws use their own random
 * stream, so adding a cluster leaves the background unchanged.
 */
public final class SyntheticCity implements Iterable<Event> {

    /**
     * District names: CENTRAL within {@link #CENTRAL_RADIUS_KM} of the centre, else by quadrant.
     */
    public static final List<String> DISTRICTS =
            List.of("CENTRAL", "NORTH", "EAST", "SOUTH", "WEST");

    /** Radius of the CENTRAL district. */
    public static final double CENTRAL_RADIUS_KM = 3.0;

    /** Background citizen call types with relative weights, category and priority. */
    static final List<CallType> CITIZEN_TYPES =
            List.of(
                    new CallType("Disturbance", 18, "Other", 2),
                    new CallType("Suspicious Person", 12, "Other", 3),
                    new CallType("Theft", 10, "Property", 3),
                    new CallType("Traffic Accident", 10, "Traffic", 2),
                    new CallType("Alarm", 9, "Property", 3),
                    new CallType("Noise Complaint", 8, "Other", 4),
                    new CallType("Burglary", 6, "Property", 2),
                    new CallType("Assault", 6, "Violent", 1),
                    new CallType("Welfare Check", 6, "Other", 3),
                    new CallType("Vandalism", 5, "Property", 4),
                    new CallType("Domestic Violence", 5, "Violent", 1),
                    new CallType("Robbery", 3, "Violent", 1),
                    new CallType("Shots Fired", 2, "Violent", 1));

    /** Officer-initiated types with relative weights. */
    static final List<CallType> OFFICER_TYPES =
            List.of(
                    new CallType("Patrol By", 80, "Other", 4),
                    new CallType("Officer Traffic Stop", 15, "Traffic", 4),
                    new CallType("Security Check", 5, "Other", 4));

    /** Tip categories with relative weights. */
    static final List<CallType> TIP_CATEGORIES =
            List.of(
                    new CallType("Suspicious Activity", 40, "Other", 0),
                    new CallType("Drug Activity", 25, "Other", 0),
                    new CallType("Vandalism", 15, "Property", 0),
                    new CallType("Gang Activity", 10, "Violent", 0),
                    new CallType("Other", 10, "Other", 0));

    private static final String[] STREETS = {
        "ALAMO", "BEXAR", "CEDAR", "DOLOROSA", "ELM", "FLORES", "GUADALUPE", "HOUSTON", "ISLETA",
        "JONES", "KAMPMANN", "LAREDO", "MEDINA", "NAVARRO", "OLMOS", "PECAN", "QUINCY", "RIVAS",
        "SALADO", "TRAVIS"
    };

    /** Diurnal shape by local hour (relative; normalised with the weekly shape). */
    private static final double[] DIURNAL = {
        1.0, 0.85, 0.75, 0.6, 0.5, 0.45, 0.5, 0.65, 0.8, 0.9, 0.95, 1.0, 1.05, 1.05, 1.1, 1.2, 1.25,
        1.3, 1.3, 1.25, 1.2, 1.2, 1.15, 1.1
    };

    private static final double KM_PER_DEG_LAT = 110.574;
    private static final long MINUTE_MS = 60_000L;

    private final SyntheticCityConfig config;
    private final H3Grid grid;
    private final double[] hourOfWeek;
    private final List<Hotspot> hotspots;
    private final double[] hotspotCumulative;
    private final double kmPerDegLon;

    /** A city generated from {@code config}. */
    public SyntheticCity(SyntheticCityConfig config) {
        this.config = config;
        this.grid = config.grid();
        this.hourOfWeek = buildHourOfWeek();
        this.kmPerDegLon = 111.320 * Math.cos(Math.toRadians(config.centre().lat()));
        SplittableRandom layout = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + 1);
        this.hotspots = new ArrayList<>();
        double hw = config.halfWidthKm();
        for (int i = 0; i < config.hotspots(); i++) {
            if (i == 0) {
                // downtown: the densest area sits at the centre
                hotspots.add(new Hotspot(0, 0, 0.8, 3.0));
            } else {
                double x = (layout.nextDouble() * 2 - 1) * 0.75 * hw;
                double y = (layout.nextDouble() * 2 - 1) * 0.75 * hw;
                double sigma = 0.2 + 0.5 * layout.nextDouble();
                double weight = 0.3 - Math.log(1 - layout.nextDouble());
                hotspots.add(new Hotspot(x, y, sigma, weight));
            }
        }
        this.hotspotCumulative = new double[hotspots.size()];
        double total = 0;
        for (int i = 0; i < hotspots.size(); i++) {
            total += hotspots.get(i).weight();
            hotspotCumulative[i] = total;
        }
    }

    /** The default city for one day. */
    public static SyntheticCity defaults() {
        return new SyntheticCity(SyntheticCityConfig.defaults());
    }

    /** This city's config. */
    public SyntheticCityConfig config() {
        return config;
    }

    /** This city's grid. */
    public H3Grid grid() {
        return grid;
    }

    /** The dense areas' centres (for maps and tests). */
    public List<LatLon> hotspotCentres() {
        List<LatLon> out = new ArrayList<>();
        for (Hotspot h : hotspots) out.add(toLatLon(h.xKm(), h.yKm()));
        return out;
    }

    /** The district of a point: CENTRAL near the centre, else NORTH / EAST / SOUTH / WEST. */
    public String districtOf(double lat, double lon) {
        double y = (lat - config.centre().lat()) * KM_PER_DEG_LAT;
        double x = (lon - config.centre().lon()) * kmPerDegLon;
        if (Math.hypot(x, y) < CENTRAL_RADIUS_KM) return "CENTRAL";
        if (Math.abs(y) >= Math.abs(x)) return y >= 0 ? "NORTH" : "SOUTH";
        return x >= 0 ? "EAST" : "WEST";
    }

    /**
     * The background rate multiplier at {@code t}: the hour-of-week profile (mean 1 over a week)
     * times any city-wide surge covering {@code t}.
     */
    public double rateMultiplier(Instant t) {
        ZonedDateTime local = t.atZone(config.timeZone());
        double m = hourOfWeek[(local.getDayOfWeek().getValue() - 1) * 24 + local.getHour()];
        long ms = t.toEpochMilli();
        for (Surge s : config.surges()) {
            if (s.covers(ms)) m *= s.factor();
        }
        return m;
    }

    /** The hour-of-week profile, Monday 00 first, local time, mean 1. */
    public double[] hourOfWeekProfile() {
        return hourOfWeek.clone();
    }

    /** A fresh, lazy pass over the stream from the start. */
    @Override
    public Iterator<Event> iterator() {
        return new Generator();
    }

    /** The stream as a sequential {@link Stream} (lazy; same as {@link #iterator()}). */
    public Stream<Event> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    private static double[] buildHourOfWeek() {
        double[] p = new double[168];
        double sum = 0;
        for (int d = 0; d < 7; d++) {
            DayOfWeek day = DayOfWeek.of(d + 1);
            double weekly =
                    switch (day) {
                        case FRIDAY -> 1.05;
                        case SATURDAY -> 1.1;
                        case SUNDAY -> 0.95;
                        default -> 1.0;
                    };
            for (int h = 0; h < 24; h++) {
                boolean weekendNight =
                        ((day == DayOfWeek.FRIDAY || day == DayOfWeek.SATURDAY) && h >= 20)
                                || ((day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY)
                                        && h < 4);
                double v = DIURNAL[h] * weekly * (weekendNight ? 1.15 : 1.0);
                p[d * 24 + h] = v;
                sum += v;
            }
        }
        double mean = sum / 168;
        for (int i = 0; i < 168; i++) p[i] /= mean;
        return p;
    }

    LatLon toLatLon(double xKm, double yKm) {
        return new LatLon(
                config.centre().lat() + yKm / KM_PER_DEG_LAT,
                config.centre().lon() + xKm / kmPerDegLon);
    }

    /** A draw from the background's spatial mixture, as km offsets from the centre. */
    double[] samplePlace(SplittableRandom rng) {
        double hw = config.halfWidthKm();
        for (int attempt = 0; attempt < 8; attempt++) {
            double x;
            double y;
            if (!hotspots.isEmpty() && rng.nextDouble() < config.hotspotShare()) {
                double u = rng.nextDouble() * hotspotCumulative[hotspotCumulative.length - 1];
                int i = 0;
                while (hotspotCumulative[i] < u) i++;
                Hotspot h = hotspots.get(i);
                x = h.xKm() + gaussian(rng) * h.sigmaKm();
                y = h.yKm() + gaussian(rng) * h.sigmaKm();
            } else {
                x = (rng.nextDouble() * 2 - 1) * hw;
                y = (rng.nextDouble() * 2 - 1) * hw;
            }
            if (Math.abs(x) <= hw && Math.abs(y) <= hw) return new double[] {x, y};
        }
        return new double[] {0, 0};
    }

    static double gaussian(SplittableRandom rng) {
        // Box-Muller from two uniforms of the given stream, so draws stay reproducible
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static int poisson(SplittableRandom rng, double mean) {
        int n = 0;
        double left = mean;
        // Knuth's method in chunks of 30 keeps e^-mean far from underflow
        while (left > 0) {
            double chunk = Math.min(left, 30);
            left -= chunk;
            double limit = Math.exp(-chunk);
            double p = rng.nextDouble();
            while (p > limit) {
                n++;
                p *= rng.nextDouble();
            }
        }
        return n;
    }

    static <T extends Weighted> T pick(SplittableRandom rng, List<T> items) {
        double total = 0;
        for (T t : items) total += t.weight();
        double u = rng.nextDouble() * total;
        for (T t : items) {
            u -= t.weight();
            if (u < 0) return t;
        }
        return items.get(items.size() - 1);
    }

    private String address(double xKm, double yKm) {
        int block = (int) (Math.abs(xKm) * 10) * 100;
        String street = STREETS[(int) Math.floorMod((long) Math.floor(yKm * 2), STREETS.length)];
        return block + " BLOCK OF " + (xKm >= 0 ? "E " : "W ") + street + " ST";
    }

    interface Weighted {
        double weight();
    }

    /** A call type (or tip category) with its sampling weight. */
    record CallType(String name, double weight, String category, int priority)
            implements Weighted {}

    private record Hotspot(double xKm, double yKm, double sigmaKm, double weight) {}

    /** A queued event; {@code spawns} marks citizen background calls that may have aftershocks. */
    private record Pending(
            long timeMs, long seq, Event event, boolean spawns, double xKm, double yKm) {}

    private final class Generator implements Iterator<Event> {
        private final SplittableRandom rng = new SplittableRandom(config.seed());
        private final PriorityQueue<Pending> queue =
                new PriorityQueue<>(
                        Comparator.comparingLong(Pending::timeMs).thenComparingLong(Pending::seq));
        private final ArrayDeque<Event> ready = new ArrayDeque<>();
        private final boolean[] clusterDone = new boolean[config.clusters().size()];
        private final long startMs = config.start().toEpochMilli();
        private final long endMs = config.end().toEpochMilli();
        private long minuteStartMs = startMs;
        private long seq;
        private long callCount;
        private long tipCount;
        // cluster ids count separately, so adding a cluster leaves background ids unchanged
        private long clusterEventCount;

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && minuteStartMs < endMs) {
                advanceOneMinute();
            }
            return !ready.isEmpty();
        }

        @Override
        public Event next() {
            if (!hasNext()) throw new NoSuchElementException();
            return ready.poll();
        }

        private void advanceOneMinute() {
            long boundary = Math.min(minuteStartMs + MINUTE_MS, endMs);
            generateBackground(minuteStartMs, boundary);
            for (int i = 0; i < clusterDone.length; i++) {
                InjectedCluster c = config.clusters().get(i);
                if (!clusterDone[i] && c.start().toEpochMilli() < boundary) {
                    clusterDone[i] = true;
                    generateCluster(c);
                }
            }
            while (!queue.isEmpty() && queue.peek().timeMs() < boundary) {
                Pending p = queue.poll();
                ready.add(p.event());
                if (p.spawns() && config.bursts()) spawnAftershocks(p);
            }
            minuteStartMs = boundary;
        }

        private void generateBackground(long from, long to) {
            double minutes = (to - from) / (double) MINUTE_MS;
            double perMinute = config.baseCallsPerDay() / 1440.0 * minutes;
            double mult = rateMultiplier(Instant.ofEpochMilli(from));
            double immigrants = config.bursts() ? 1 - config.branching() : 1;
            int citizen = poisson(rng, perMinute * (1 - config.officerShare()) * immigrants * mult);
            int officer = poisson(rng, perMinute * config.officerShare() * mult);
            int tips = poisson(rng, config.tipsPerDay() / 1440.0 * minutes * mult);
            for (int i = 0; i < citizen; i++) {
                long t = from + (long) (rng.nextDouble() * (to - from));
                double[] xy = samplePlace(rng);
                addCall(
                        rng,
                        t,
                        xy[0],
                        xy[1],
                        pick(rng, CITIZEN_TYPES),
                        false,
                        Origin.BACKGROUND,
                        null);
            }
            for (int i = 0; i < officer; i++) {
                long t = from + (long) (rng.nextDouble() * (to - from));
                double[] xy = samplePlace(rng);
                addCall(rng, t, xy[0], xy[1], pick(rng, OFFICER_TYPES), true, Origin.OFFICER, null);
            }
            for (int i = 0; i < tips; i++) {
                long t = from + (long) (rng.nextDouble() * (to - from));
                double[] xy = samplePlace(rng);
                addTip(t, xy[0], xy[1], pick(rng, TIP_CATEGORIES).name(), Origin.TIP, null);
            }
        }

        private void spawnAftershocks(Pending parent) {
            int children = poisson(rng, config.branching());
            CallForService call = ((CallEvent) parent.event()).call();
            for (int i = 0; i < children; i++) {
                long t =
                        parent.timeMs()
                                + 1
                                + (long)
                                        (-Math.log(1 - rng.nextDouble())
                                                * config.aftershockMinutes()
                                                * MINUTE_MS);
                double spreadKm = config.aftershockMetres() / 1000.0;
                double x = parent.xKm() + gaussian(rng) * spreadKm;
                double y = parent.yKm() + gaussian(rng) * spreadKm;
                CallType type =
                        rng.nextDouble() < 0.5
                                ? CITIZEN_TYPES.stream()
                                        .filter(c -> c.name().equals(call.type()))
                                        .findFirst()
                                        .orElse(CITIZEN_TYPES.get(0))
                                : pick(rng, CITIZEN_TYPES);
                addCall(rng, t, x, y, type, false, Origin.AFTERSHOCK, null);
            }
        }

        private void generateCluster(InjectedCluster c) {
            SplittableRandom crng =
                    new SplittableRandom(config.seed() ^ (0x5DEECE66DL * (c.id().hashCode() + 1L)));
            List<String> cells = c.cells();
            long from = c.start().toEpochMilli();
            long span = c.duration().toMillis();
            for (int i = 0; i < c.extraCount(); i++) {
                long t = from + (long) (crng.nextDouble() * span);
                String cell = cells.get(crng.nextInt(cells.size()));
                LatLon p = pointInCell(crng, cell);
                double y = (p.lat() - config.centre().lat()) * KM_PER_DEG_LAT;
                double x = (p.lon() - config.centre().lon()) * kmPerDegLon;
                String type = c.types().get(crng.nextInt(c.types().size()));
                if (t < startMs || t >= endMs) continue;
                switch (c.kind()) {
                    case TIPS -> addTip(t, x, y, type, Origin.CLUSTER, c);
                    case CALLS, OFFICER_CALLS -> {
                        CallType ct =
                                new CallType(
                                        type,
                                        1,
                                        c.kind() == InjectedCluster.Kind.CALLS
                                                ? "Other"
                                                : "Traffic",
                                        c.kind() == InjectedCluster.Kind.CALLS ? 2 : 4);
                        addCall(
                                crng,
                                t,
                                x,
                                y,
                                ct,
                                c.kind() == InjectedCluster.Kind.OFFICER_CALLS,
                                Origin.CLUSTER,
                                c);
                    }
                }
            }
        }

        /** A point inside {@code cell}: its centre jittered, kept only if still in the cell. */
        private LatLon pointInCell(SplittableRandom r, String cell) {
            LatLon c = H3Grid.centroid(cell);
            double sdKm = Math.sqrt(H3Grid.areaKm2(cell)) / 4;
            for (int attempt = 0; attempt < 16; attempt++) {
                LatLon p =
                        new LatLon(
                                c.lat() + gaussian(r) * sdKm / KM_PER_DEG_LAT,
                                c.lon() + gaussian(r) * sdKm / kmPerDegLon);
                if (grid.cellOf(p.lat(), p.lon()).equals(cell)) return p;
            }
            return c;
        }

        private void addCall(
                SplittableRandom r,
                long t,
                double x,
                double y,
                CallType type,
                boolean officer,
                Origin origin,
                InjectedCluster cluster) {
            if (t >= endMs) return;
            LatLon p = toLatLon(x, y);
            String id =
                    cluster == null
                            ? "SYN-" + (++callCount)
                            : "SYN-" + cluster.id() + "-" + (++clusterEventCount);
            String source = cluster == null ? Event.SOURCE : cluster.label();
            Instant at = Instant.ofEpochMilli(t);
            CallForService call =
                    new CallForService(
                            CallForService.VERSION,
                            id,
                            at,
                            type.name(),
                            type.name(),
                            null,
                            type.category(),
                            type.priority(),
                            officer,
                            null,
                            districtOf(p.lat(), p.lon()),
                            null,
                            p.lat(),
                            p.lon(),
                            address(x, y),
                            source);
            String clusterId = cluster == null ? null : cluster.id();
            boolean spawns = origin == Origin.BACKGROUND || origin == Origin.AFTERSHOCK;
            queue.add(
                    new Pending(
                            t, seq++, new CallEvent(at, call, origin, clusterId), spawns, x, y));
            if (r.nextDouble() < config.updateShare()) {
                long ut = t + (2 + (long) (r.nextDouble() * 13)) * MINUTE_MS;
                if (ut < endMs) {
                    CallForService update =
                            new CallForService(
                                    CallForService.VERSION,
                                    id,
                                    at,
                                    type.name(),
                                    type.name(),
                                    type.name(),
                                    type.category(),
                                    type.priority(),
                                    officer,
                                    "Cleared",
                                    call.district(),
                                    null,
                                    p.lat(),
                                    p.lon(),
                                    call.address(),
                                    source);
                    queue.add(
                            new Pending(
                                    ut,
                                    seq++,
                                    new CallEvent(
                                            Instant.ofEpochMilli(ut),
                                            update,
                                            Origin.UPDATE,
                                            clusterId),
                                    false,
                                    x,
                                    y));
                }
            }
        }

        private void addTip(
                long t, double x, double y, String category, Origin origin, InjectedCluster c) {
            if (t >= endMs) return;
            LatLon p = toLatLon(x, y);
            Instant at = Instant.ofEpochMilli(t);
            String id =
                    c == null
                            ? "TIP-" + (++tipCount)
                            : "TIP-" + c.id() + "-" + (++clusterEventCount);
            Tip tip =
                    new Tip(
                            Tip.VERSION,
                            id,
                            at,
                            category,
                            p.lat(),
                            p.lon(),
                            "Synthetic report: " + category.toLowerCase(java.util.Locale.ROOT),
                            c == null ? Event.SOURCE : c.label());
            queue.add(
                    new Pending(
                            t,
                            seq++,
                            new TipEvent(at, tip, origin, c == null ? null : c.id()),
                            false,
                            x,
                            y));
        }
    }
}
