package io.beatwatch.core.impact;

import java.util.Arrays;

/**
 * Settings of an impact study.
 *
 * @param minDose patrol minutes per post-period day that make a cell treated
 * @param controlsPerTreated comparison cells matched to each treated cell (without replacement)
 * @param ring H3 rings around treated cells that form the catchment (buffer) area; comparison cells
 *     are taken from outside it
 * @param replicates bootstrap replicates
 * @param seed seed of the bootstrap
 * @param binDays calendar days per event-study bin
 * @param doseEdges lower edges of the dose-response bins (minutes per day, increasing, the first at
 *     least {@code minDose})
 */
public record ImpactConfig(
        double minDose,
        int controlsPerTreated,
        int ring,
        int replicates,
        long seed,
        int binDays,
        double[] doseEdges,
        double maxControlDose) {

    public static final double DEFAULT_MIN_DOSE = 2;
    public static final int DEFAULT_CONTROLS = 3;
    public static final int DEFAULT_RING = 1;
    public static final int DEFAULT_REPLICATES = 999;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_BIN_DAYS = 28;
    static final double[] DEFAULT_DOSE_EDGES = {2, 5, 10, 15, 30};

    public ImpactConfig {
        if (!(minDose > 0)) throw new IllegalArgumentException("minDose must be > 0");
        if (controlsPerTreated < 1) throw new IllegalArgumentException("controls must be >= 1");
        if (ring < 1) throw new IllegalArgumentException("ring must be >= 1");
        if (replicates < 99) throw new IllegalArgumentException("replicates must be >= 99");
        if (binDays < 1) throw new IllegalArgumentException("binDays must be >= 1");
        if (!(maxControlDose >= 0 && maxControlDose < minDose)) {
            throw new IllegalArgumentException("maxControlDose must be in [0, minDose)");
        }
        doseEdges = doseEdges.clone();
        if (doseEdges.length == 0) throw new IllegalArgumentException("doseEdges is empty");
        for (int i = 1; i < doseEdges.length; i++) {
            if (doseEdges[i] <= doseEdges[i - 1]) {
                throw new IllegalArgumentException("doseEdges must increase");
            }
        }
    }

    public static ImpactConfig defaults() {
        return new ImpactConfig(
                DEFAULT_MIN_DOSE,
                DEFAULT_CONTROLS,
                DEFAULT_RING,
                DEFAULT_REPLICATES,
                DEFAULT_SEED,
                DEFAULT_BIN_DAYS,
                DEFAULT_DOSE_EDGES,
                0);
    }

    @Override
    public double[] doseEdges() {
        return doseEdges.clone();
    }

    public ImpactConfig withMinDose(double v) {
        return new ImpactConfig(
                v, controlsPerTreated, ring, replicates, seed, binDays, doseEdges, maxControlDose);
    }

    public ImpactConfig withReplicates(int v) {
        return new ImpactConfig(
                minDose, controlsPerTreated, ring, v, seed, binDays, doseEdges, maxControlDose);
    }

    public ImpactConfig withSeed(long v) {
        return new ImpactConfig(
                minDose,
                controlsPerTreated,
                ring,
                replicates,
                v,
                binDays,
                doseEdges,
                maxControlDose);
    }

    public ImpactConfig withBinDays(int v) {
        return new ImpactConfig(
                minDose, controlsPerTreated, ring, replicates, seed, v, doseEdges, maxControlDose);
    }

    public ImpactConfig withControls(int v) {
        return new ImpactConfig(
                minDose, v, ring, replicates, seed, binDays, doseEdges, maxControlDose);
    }

    public ImpactConfig withRing(int v) {
        return new ImpactConfig(
                minDose,
                controlsPerTreated,
                v,
                replicates,
                seed,
                binDays,
                doseEdges,
                maxControlDose);
    }

    public ImpactConfig withDoseEdges(double[] v) {
        return new ImpactConfig(
                minDose, controlsPerTreated, ring, replicates, seed, binDays, v, maxControlDose);
    }

    public ImpactConfig withMaxControlDose(double v) {
        return new ImpactConfig(
                minDose, controlsPerTreated, ring, replicates, seed, binDays, doseEdges, v);
    }

    @Override
    public String toString() {
        return String.format(
                "ImpactConfig[minDose=%s, controls=%d, ring=%d, replicates=%d, seed=%d,"
                        + " binDays=%d, doseEdges=%s, maxControlDose=%s]",
                minDose,
                controlsPerTreated,
                ring,
                replicates,
                seed,
                binDays,
                Arrays.toString(doseEdges),
                maxControlDose);
    }
}
