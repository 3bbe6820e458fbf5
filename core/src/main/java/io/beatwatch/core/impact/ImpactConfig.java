package io.beatwatch.core.impact;

import java.util.Arrays;

/**
 * Settings of an impact study.
 *
 * @param minDose patrol minutes per post-period day that make a cell treated ({@link
 *     Method#GREEDY}, {@link Method#NEAREST}; with {@link Method#RISK} every patrolled cell is)
 * @param controlsPerTreated comparison cells matched to each treated cell
 * @param ring H3 rings around treated cells that form the catchment (buffer) area; comparison cells
 *     are taken from outside it
 * @param replicates bootstrap replicates
 * @param seed seed of the bootstrap
 * @param binDays calendar days per event-study bin
 * @param doseEdges lower edges of the dose-response bins (minutes per day, increasing, the first at
 *     least {@code minDose})
 * @param maxControlDose most patrol minutes per post-period day a comparison cell may have had
 * @param method how comparison cells are chosen (see {@link Matching})
 * @param caliper {@link Method#NEAREST}: the largest standardized distance of a city-wide
 *     comparison cell, used when the treated cell's district has none within it
 * @param gapDays calendar days just before the patrol start left out of the before period: the
 *     planner chose its cells on their calls there, so that window holds their selection peak
 */
public record ImpactConfig(
        double minDose,
        int controlsPerTreated,
        int ring,
        int replicates,
        long seed,
        int binDays,
        double[] doseEdges,
        double maxControlDose,
        Method method,
        double caliper,
        int gapDays) {

    /** How comparison cells are chosen. */
    public enum Method {
        /** Same district, greedy, without replacement; a treated cell with none left is dropped. */
        GREEDY,
        /**
         * Nearest neighbours with replacement: same district when one lies within the caliper, else
         * city-wide within it; a treated cell with none within the caliper is dropped.
         */
        NEAREST,
        /**
         * Every patrolled cell from its first patrol day against cells not yet patrolled that day,
         * nearest in the planner's own risk score that day and in level over the matching window
         * (with replacement, caliper as {@link #NEAREST}): the planner draws by risk, so among
         * cells of equal risk which one it drew is chance, and the comparison is not chosen on a
         * future it cannot see.
         */
        RISK
    }

    public static final double DEFAULT_MIN_DOSE = 2;
    public static final int DEFAULT_CONTROLS = 3;
    public static final int DEFAULT_RING = 1;
    public static final int DEFAULT_REPLICATES = 999;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_BIN_DAYS = 28;
    public static final Method DEFAULT_METHOD = Method.RISK;
    public static final double DEFAULT_CALIPER = 0.25;
    public static final int DEFAULT_GAP_DAYS = 0;
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
        java.util.Objects.requireNonNull(method, "method");
        if (!(caliper > 0)) throw new IllegalArgumentException("caliper must be > 0");
        if (gapDays < 0) throw new IllegalArgumentException("gapDays must be >= 0");
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
                0,
                DEFAULT_METHOD,
                DEFAULT_CALIPER,
                DEFAULT_GAP_DAYS);
    }

    @Override
    public double[] doseEdges() {
        return doseEdges.clone();
    }

    private ImpactConfig with(
            double minDose,
            int controls,
            int ring,
            int replicates,
            long seed,
            int binDays,
            double[] doseEdges,
            double maxControlDose) {
        return new ImpactConfig(
                minDose,
                controls,
                ring,
                replicates,
                seed,
                binDays,
                doseEdges,
                maxControlDose,
                method,
                caliper,
                gapDays);
    }

    public ImpactConfig withMinDose(double v) {
        return with(
                v, controlsPerTreated, ring, replicates, seed, binDays, doseEdges, maxControlDose);
    }

    public ImpactConfig withReplicates(int v) {
        return with(minDose, controlsPerTreated, ring, v, seed, binDays, doseEdges, maxControlDose);
    }

    public ImpactConfig withSeed(long v) {
        return with(
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
        return with(
                minDose, controlsPerTreated, ring, replicates, seed, v, doseEdges, maxControlDose);
    }

    public ImpactConfig withControls(int v) {
        return with(minDose, v, ring, replicates, seed, binDays, doseEdges, maxControlDose);
    }

    public ImpactConfig withRing(int v) {
        return with(
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
        return with(
                minDose, controlsPerTreated, ring, replicates, seed, binDays, v, maxControlDose);
    }

    public ImpactConfig withMaxControlDose(double v) {
        return with(minDose, controlsPerTreated, ring, replicates, seed, binDays, doseEdges, v);
    }

    public ImpactConfig withMethod(Method v) {
        return new ImpactConfig(
                minDose,
                controlsPerTreated,
                ring,
                replicates,
                seed,
                binDays,
                doseEdges,
                maxControlDose,
                v,
                caliper,
                gapDays);
    }

    public ImpactConfig withCaliper(double v) {
        return new ImpactConfig(
                minDose,
                controlsPerTreated,
                ring,
                replicates,
                seed,
                binDays,
                doseEdges,
                maxControlDose,
                method,
                v,
                gapDays);
    }

    public ImpactConfig withGapDays(int v) {
        return new ImpactConfig(
                minDose,
                controlsPerTreated,
                ring,
                replicates,
                seed,
                binDays,
                doseEdges,
                maxControlDose,
                method,
                caliper,
                v);
    }

    @Override
    public String toString() {
        return String.format(
                "ImpactConfig[minDose=%s, controls=%d, ring=%d, replicates=%d, seed=%d,"
                        + " binDays=%d, doseEdges=%s, maxControlDose=%s, method=%s, caliper=%s,"
                        + " gapDays=%d]",
                minDose,
                controlsPerTreated,
                ring,
                replicates,
                seed,
                binDays,
                Arrays.toString(doseEdges),
                maxControlDose,
                method,
                caliper,
                gapDays);
    }
}
