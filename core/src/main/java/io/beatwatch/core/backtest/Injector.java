package io.beatwatch.core.backtest;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.synth.InjectedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Injects synthetic emerging clusters into a real background stream, with ground truth: places them
 * (cells drawn in proportion to the background's calls, start times uniform over eligible days, far
 * enough apart in space and time that they never share a zone or a window), makes their calls
 * (citizen-initiated, uniform in time over the cluster's span, in cells of its k-ring drawn
 * uniformly, at points inside the cell), and merges them into the background in time order. Every
 * injected call carries the cluster's label as its source and an id starting with {@link
 * #ID_PREFIX}; nothing else does. Seeded: same inputs, same clusters and calls.
 */
public final class Injector {

    /** Ids of injected calls start with this. */
    public static final String ID_PREFIX = "INJ-";

    /** Clusters keep this many rings between their zones (ring-1 zones must not share a cell). */
    public static final int SEPARATION_RINGS = 3;

    /** ... and this much time between their spans (the longest detection window). */
    public static final Duration SEPARATION_TIME = Duration.ofMinutes(180);

    private static final double KM_PER_DEG_LAT = 110.574;
    private static final int MAX_ATTEMPTS = 10_000;

    /** One kind of cluster: so many extra calls, over so many rings, within so many minutes. */
    public record Kind(int size, int radius, int durationMinutes) {
        public Kind {
            if (size < 1 || radius < 0 || radius > 3 || durationMinutes < 1) {
                throw new IllegalArgumentException(
                        "bad cluster kind " + size + "/" + radius + "/" + durationMinutes);
            }
        }

        /** e.g. {@code +6 r0 60m}. */
        public String label() {
            return "+" + size + " r" + radius + " " + durationMinutes + "m";
        }
    }

    /** A span of time in which clusters may start and end (a complete day, in practice). */
    public record Span(long startMillis, long endMillis) {}

    private Injector() {}

    /** Every combination of sizes, radii and durations, in that nesting order. */
    public static List<Kind> kinds(List<Integer> sizes, List<Integer> radii, List<Integer> mins) {
        List<Kind> out = new ArrayList<>();
        for (int s : sizes) for (int r : radii) for (int d : mins) out.add(new Kind(s, r, d));
        return out;
    }

    /**
     * Places {@code repetitions} clusters of each kind.
     *
     * @param cells candidate centre cells (H3 addresses)
     * @param weights their background calls (a cell is drawn with probability ∝ weight)
     * @param spans where clusters may lie; each cluster fits inside one span
     * @param types call types of injected calls, drawn uniformly
     */
    public static List<InjectedCluster> place(
            List<Kind> kinds,
            int repetitions,
            String[] cells,
            double[] weights,
            List<Span> spans,
            List<String> types,
            long seed) {
        Objects.requireNonNull(types, "types");
        if (cells.length != weights.length || cells.length == 0) {
            throw new IllegalArgumentException("need cells with weights");
        }
        if (spans.isEmpty()) throw new IllegalArgumentException("no spans to place clusters in");
        double[] cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0)) throw new IllegalArgumentException("weights must be >= 0");
            total += weights[i];
            cumulative[i] = total;
        }
        if (!(total > 0)) throw new IllegalArgumentException("all weights are zero");
        SplittableRandom rng = new SplittableRandom(seed);
        List<InjectedCluster> placed = new ArrayList<>();
        int n = 0;
        for (int rep = 0; rep < repetitions; rep++) {
            for (Kind k : kinds) {
                long span = Duration.ofMinutes(k.durationMinutes()).toMillis();
                InjectedCluster c = null;
                for (int attempt = 0; attempt < MAX_ATTEMPTS && c == null; attempt++) {
                    Span s = spans.get(rng.nextInt(spans.size()));
                    long room = s.endMillis() - s.startMillis() - span;
                    if (room < 0) continue;
                    long start = s.startMillis() + (long) (rng.nextDouble() * room);
                    String cell = cells[pick(cumulative, rng.nextDouble() * total)];
                    InjectedCluster candidate =
                            new InjectedCluster(
                                    String.format("c%04d", n),
                                    cell,
                                    k.radius(),
                                    Instant.ofEpochMilli(start),
                                    Duration.ofMinutes(k.durationMinutes()),
                                    k.size(),
                                    types,
                                    InjectedCluster.Kind.CALLS);
                    if (farFromAll(candidate, placed)) c = candidate;
                }
                if (c == null) {
                    throw new IllegalStateException(
                            "cannot place "
                                    + (repetitions * kinds.size())
                                    + " clusters apart from each other: give more days or fewer"
                                    + " repetitions");
                }
                placed.add(c);
                n++;
            }
        }
        placed.sort(Comparator.comparing(InjectedCluster::start));
        return placed;
    }

    private static int pick(double[] cumulative, double u) {
        int lo = 0, hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= u) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static boolean farFromAll(InjectedCluster c, List<InjectedCluster> placed) {
        long gap = SEPARATION_TIME.toMillis();
        for (InjectedCluster o : placed) {
            boolean apartInTime =
                    c.start().toEpochMilli() >= o.end().toEpochMilli() + gap
                            || o.start().toEpochMilli() >= c.end().toEpochMilli() + gap;
            if (apartInTime) continue;
            long d = H3Grid.distance(c.centreCell(), o.centreCell());
            if (d >= 0 && d <= c.radiusRings() + o.radiusRings() + SEPARATION_RINGS) return false;
        }
        return true;
    }

    /**
     * The calls of one cluster: {@code extraCount} citizen calls, times uniform in its span
     * (sorted), cells uniform in its k-ring, points inside the cell. {@code districtOf} names the
     * district of a cell (may return null).
     */
    public static List<CallForService> calls(
            InjectedCluster c, long seed, String source, Function<String, String> districtOf) {
        SplittableRandom rng =
                new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (c.id().hashCode() + 1L)));
        List<String> ring = c.cells();
        H3Grid grid = new H3Grid(H3Grid.resolutionOf(c.centreCell()));
        long from = c.start().toEpochMilli();
        long span = c.duration().toMillis();
        long[] times = new long[c.extraCount()];
        for (int i = 0; i < times.length; i++) times[i] = from + (long) (rng.nextDouble() * span);
        java.util.Arrays.sort(times);
        List<CallForService> out = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            String cell = ring.get(rng.nextInt(ring.size()));
            LatLon p = pointIn(cell, grid, rng);
            String type = c.types().get(rng.nextInt(c.types().size()));
            out.add(
                    new CallForService(
                            CallForService.VERSION,
                            ID_PREFIX + c.id() + "-" + (i + 1),
                            Instant.ofEpochMilli(times[i]),
                            type,
                            null,
                            null,
                            null,
                            null,
                            false,
                            null,
                            districtOf.apply(cell),
                            null,
                            p.lat(),
                            p.lon(),
                            null,
                            source == null ? c.label() : source));
        }
        return out;
    }

    /** A point in the cell: its centre jittered by a quarter of its size, kept if still inside. */
    static LatLon pointIn(String cell, H3Grid grid, SplittableRandom rng) {
        LatLon c = H3Grid.centroid(cell);
        double sdKm = Math.sqrt(H3Grid.areaKm2(cell)) / 4;
        double kmPerDegLon = 111.320 * Math.cos(Math.toRadians(c.lat()));
        for (int attempt = 0; attempt < 16; attempt++) {
            double lat = c.lat() + gaussian(rng) * sdKm / KM_PER_DEG_LAT;
            double lon = c.lon() + gaussian(rng) * sdKm / kmPerDegLon;
            if (grid.cellOf(lat, lon).equals(cell)) return new LatLon(lat, lon);
        }
        return c;
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * Merges a time-ordered background with injected calls (any order) into one time-ordered
     * stream; at equal times the background comes first. {@code timeOf} reads a background item's
     * time, {@code wrap} turns an injected call into an item of the stream.
     */
    public static <T> Iterator<T> merge(
            Iterator<T> background,
            List<CallForService> injected,
            Function<T, Instant> timeOf,
            Function<CallForService, T> wrap) {
        List<CallForService> sorted = new ArrayList<>(injected);
        sorted.sort(Comparator.comparing(CallForService::receivedAt));
        return new Iterator<>() {
            private T nextBackground = background.hasNext() ? background.next() : null;
            private int i;

            @Override
            public boolean hasNext() {
                return nextBackground != null || i < sorted.size();
            }

            @Override
            public T next() {
                if (!hasNext()) throw new NoSuchElementException();
                boolean takeInjected =
                        i < sorted.size()
                                && (nextBackground == null
                                        || sorted.get(i)
                                                .receivedAt()
                                                .isBefore(timeOf.apply(nextBackground)));
                if (takeInjected) return wrap.apply(sorted.get(i++));
                T out = nextBackground;
                nextBackground = background.hasNext() ? background.next() : null;
                return out;
            }
        };
    }
}
