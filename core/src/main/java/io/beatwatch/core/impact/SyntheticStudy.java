package io.beatwatch.core.impact;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.LatLon;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic city for validating the impact study: H3 cells (resolution 9) in a disk, split
 * into four districts by quadrant, each with a fixed call rate (log-normal) times a common weekly
 * cycle and trend, Poisson counts per day. In each district the riskiest cells (by true rate, so
 * selection carries no regression to the mean) are patrolled from {@code preDays} on with a dose of
 * 5 to 45 minutes per day, and their rate is multiplied by {@code 1 + planted}; the cells around
 * them by {@code 1 + displacement}. Nothing else changes.
 *
 * @param seed the seed
 * @param planted relative effect in treated cells after the start (-0.2: 20% fewer calls)
 * @param displacement relative change planted in the cells around them (0: none)
 * @param preDays days before the patrols
 * @param postDays days with patrols
 * @param radius disk radius in H3 rings (3 r (r + 1) + 1 cells)
 * @param treatedShare share of each district's cells that are patrolled
 */
public record SyntheticStudy(
        long seed,
        double planted,
        double displacement,
        int preDays,
        int postDays,
        int radius,
        double treatedShare) {

    /** 2024-01-01, the first synthetic day. */
    public static final int FIRST_DAY = 19723;

    static final LatLon CENTRE = new LatLon(29.4241, -98.4936);

    public SyntheticStudy {
        if (!(planted > -1) || !(displacement > -1)) {
            throw new IllegalArgumentException("effects must be > -1");
        }
        if (preDays < 2 || postDays < 1 || radius < 2) {
            throw new IllegalArgumentException("need preDays >= 2, postDays >= 1, radius >= 2");
        }
        if (!(treatedShare > 0 && treatedShare < 0.5)) {
            throw new IllegalArgumentException("treatedShare must be in (0, 0.5)");
        }
    }

    /** 112 days before, 56 with patrols, 1,141 cells, 6% patrolled, no displacement. */
    public static SyntheticStudy of(long seed, double planted) {
        return new SyntheticStudy(seed, planted, 0, 112, 56, 19, 0.06);
    }

    /** The patrol start, a local epoch day. */
    public int start() {
        return FIRST_DAY + preDays;
    }

    /** The generated panel: calls of every cell and day, and the patrol minutes. */
    public Panel panel() {
        SplittableRandom rng = new SplittableRandom(seed);
        H3Grid grid = new H3Grid(9);
        String centre = grid.cellOf(CENTRE.lat(), CENTRE.lon());
        List<String> cells = H3Grid.ring(centre, radius);
        int n = cells.size();
        String[] district = new String[n];
        double[] rate = new double[n];
        for (int c = 0; c < n; c++) {
            LatLon ll = H3Grid.centroid(cells.get(c));
            boolean north = ll.lat() >= CENTRE.lat();
            boolean east = ll.lon() >= CENTRE.lon();
            district[c] = (north ? "NORTH" : "SOUTH") + (east ? "EAST" : "WEST");
            rate[c] = Math.exp(Math.log(0.15) + rng.nextGaussian());
        }
        boolean[] treated = new boolean[n];
        double[] dose = new double[n];
        for (String d : List.of("NORTHEAST", "NORTHWEST", "SOUTHEAST", "SOUTHWEST")) {
            List<Integer> in = new ArrayList<>();
            for (int c = 0; c < n; c++) if (district[c].equals(d)) in.add(c);
            in.sort(Comparator.<Integer>comparingDouble(c -> -rate[c]));
            int k = (int) Math.round(treatedShare * in.size());
            for (int i = 0; i < k; i++) {
                treated[in.get(i)] = true;
                dose[in.get(i)] = 5 + 40 * rng.nextDouble();
            }
        }
        boolean[] around = new boolean[n];
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int c = 0; c < n; c++) index.put(cells.get(c), c);
        for (int c = 0; c < n; c++) {
            if (!treated[c]) continue;
            for (String near : H3Grid.ring(cells.get(c), 1)) {
                Integer j = index.get(near);
                if (j != null && !treated[j]) around[j] = true;
            }
        }
        int days = preDays + postDays;
        int[] all = new int[days];
        for (int i = 0; i < days; i++) all[i] = FIRST_DAY + i;
        Panel.Builder b = Panel.builder(all, start());
        for (int c = 0; c < n; c++) b.cell(cells.get(c), district[c]);
        for (int i = 0; i < days; i++) {
            double common = (1 + 0.15 * Math.sin(2 * Math.PI * i / 7.0)) * (1 + 0.1 * i / days);
            boolean post = i >= preDays;
            for (int c = 0; c < n; c++) {
                double m = rate[c] * common;
                if (post && treated[c]) m *= 1 + planted;
                if (post && around[c]) m *= 1 + displacement;
                int calls = poisson(m, rng);
                if (calls > 0) b.calls(cells.get(c), FIRST_DAY + i, calls);
                if (post && treated[c]) {
                    int visits = poisson(dose[c] / 15, rng);
                    if (visits > 0) b.minutes(cells.get(c), FIRST_DAY + i, 15.0 * visits);
                }
            }
        }
        return b.build();
    }

    /** A Poisson draw by inversion (the means here are small). */
    static int poisson(double mean, SplittableRandom rng) {
        double u = rng.nextDouble();
        double p = Math.exp(-mean);
        double cdf = p;
        int k = 0;
        while (u > cdf && k < 10_000) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }
}
