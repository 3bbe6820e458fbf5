package io.beatwatch.core.detect;

import java.io.Serializable;
import java.util.List;

/**
 * Typed detection parameters (ARCHITECTURE §5), validated on construction. Defaults are the named
 * constants below; {@link #defaults()} builds them.
 *
 * @param windowsMinutes sliding windows in minutes (each 1..{@link MinuteCounts#MAX_CAPACITY})
 * @param rings zone radii in H3 rings around the centre cell (0 = the cell, 1 = cell + 6)
 * @param baselineDays trailing complete days in the baseline period
 * @param baselineHourBuckets hour-of-day slices of the baseline (1 = whole day; 24 must be a
 *     multiple of it); more slices follow a zone's daily rhythm but with fewer counts each
 * @param recurrenceThresholdDays the false-alarm budget: alert when the recurrence interval is at
 *     least this many days ("at most one false alarm per N days", city-wide)
 * @param closeRatio an open alert closes when its best recurrence interval falls below {@code
 *     recurrenceThresholdDays × closeRatio} (hysteresis, 0 < ratio <= 1), or observed <= expected
 * @param minObserved fewest events in a window that may open an alert
 * @param priorCountPerCell pseudo-events per cell added to a zone's baseline count, so a zone with
 *     no history is not infinitely surprising (a ring-1 zone of 7 cells gets 7 × this)
 * @param escalationScore LLR rise over the last reported score that makes an update
 * @param escalationObserved rise in observed (same window) over the last reported that makes an
 *     update
 * @param persistentEveryMinutes an open alert with no other update re-reports as PERSISTENT after
 *     this many event-time minutes
 * @param newLookbackDays a place with no alert closed within this many days opens as NEW
 * @param minBaselineDays the city baseline must hold this many days with data before anything
 *     alerts (warm-up)
 * @param excludeOfficerInitiated keep officer-initiated events out of the alert signal
 * @param tipsSignal score tips as a separate signal (tip-only alerts are unconfirmed)
 */
public record DetectionConfig(
        List<Integer> windowsMinutes,
        List<Integer> rings,
        int baselineDays,
        int baselineHourBuckets,
        double recurrenceThresholdDays,
        double closeRatio,
        int minObserved,
        double priorCountPerCell,
        double escalationScore,
        int escalationObserved,
        int persistentEveryMinutes,
        int newLookbackDays,
        int minBaselineDays,
        boolean excludeOfficerInitiated,
        boolean tipsSignal)
        implements Serializable {

    public static final List<Integer> DEFAULT_WINDOWS_MINUTES = List.of(30, 60, 180);
    public static final List<Integer> DEFAULT_RINGS = List.of(0, 1);
    public static final int DEFAULT_BASELINE_DAYS = 28;
    public static final int DEFAULT_BASELINE_HOUR_BUCKETS = 4;
    public static final double DEFAULT_RECURRENCE_THRESHOLD_DAYS = 100;
    public static final double DEFAULT_CLOSE_RATIO = 0.1;
    public static final int DEFAULT_MIN_OBSERVED = 4;
    public static final double DEFAULT_PRIOR_COUNT_PER_CELL = 1.0;
    public static final double DEFAULT_ESCALATION_SCORE = 2.0;
    public static final int DEFAULT_ESCALATION_OBSERVED = 3;
    public static final int DEFAULT_PERSISTENT_EVERY_MINUTES = 60;
    public static final int DEFAULT_NEW_LOOKBACK_DAYS = 7;
    public static final int DEFAULT_MIN_BASELINE_DAYS = 7;

    public DetectionConfig {
        windowsMinutes = List.copyOf(windowsMinutes);
        rings = List.copyOf(rings);
        if (windowsMinutes.isEmpty()) throw new IllegalArgumentException("no windows");
        for (int w : windowsMinutes) {
            if (w < 1 || w > MinuteCounts.MAX_CAPACITY) {
                throw new IllegalArgumentException(
                        "window must be 1.." + MinuteCounts.MAX_CAPACITY + " min, was " + w);
            }
        }
        if (rings.isEmpty()) throw new IllegalArgumentException("no rings");
        for (int r : rings) {
            if (r < 0 || r > 3) throw new IllegalArgumentException("ring must be 0..3, was " + r);
        }
        if (baselineDays < 1 || baselineDays > Baseline.MAX_DAYS) {
            throw new IllegalArgumentException(
                    "baselineDays must be 1.." + Baseline.MAX_DAYS + ", was " + baselineDays);
        }
        if (baselineHourBuckets < 1 || 24 % baselineHourBuckets != 0) {
            throw new IllegalArgumentException(
                    "baselineHourBuckets must divide 24, was " + baselineHourBuckets);
        }
        if (!(recurrenceThresholdDays > 0)) {
            throw new IllegalArgumentException("recurrenceThresholdDays must be > 0");
        }
        if (!(closeRatio > 0 && closeRatio <= 1)) {
            throw new IllegalArgumentException("closeRatio must be in (0, 1], was " + closeRatio);
        }
        if (minObserved < 1) throw new IllegalArgumentException("minObserved must be >= 1");
        if (!(priorCountPerCell > 0)) {
            throw new IllegalArgumentException("priorCountPerCell must be > 0");
        }
        if (escalationScore < 0 || escalationObserved < 1) {
            throw new IllegalArgumentException("escalation margins must be positive");
        }
        if (persistentEveryMinutes < 1 || newLookbackDays < 0) {
            throw new IllegalArgumentException("persistentEveryMinutes/newLookbackDays invalid");
        }
        if (minBaselineDays < 1 || minBaselineDays > baselineDays) {
            throw new IllegalArgumentException("minBaselineDays must be 1..baselineDays");
        }
    }

    /** The documented defaults. */
    public static DetectionConfig defaults() {
        return new DetectionConfig(
                DEFAULT_WINDOWS_MINUTES,
                DEFAULT_RINGS,
                DEFAULT_BASELINE_DAYS,
                DEFAULT_BASELINE_HOUR_BUCKETS,
                DEFAULT_RECURRENCE_THRESHOLD_DAYS,
                DEFAULT_CLOSE_RATIO,
                DEFAULT_MIN_OBSERVED,
                DEFAULT_PRIOR_COUNT_PER_CELL,
                DEFAULT_ESCALATION_SCORE,
                DEFAULT_ESCALATION_OBSERVED,
                DEFAULT_PERSISTENT_EVERY_MINUTES,
                DEFAULT_NEW_LOOKBACK_DAYS,
                DEFAULT_MIN_BASELINE_DAYS,
                true,
                true);
    }

    /** The longest window: how many minute buckets a {@link MinuteCounts} must keep. */
    public int maxWindowMinutes() {
        int max = 0;
        for (int w : windowsMinutes) max = Math.max(max, w);
        return max;
    }

    /** Recurrence interval below which an open alert closes. */
    public double closeThresholdDays() {
        return recurrenceThresholdDays * closeRatio;
    }

    /** The zone's prior pseudo-count: {@code priorCountPerCell × cells in the zone}. */
    public double priorCount(int cellsInZone) {
        return priorCountPerCell * cellsInZone;
    }

    /**
     * Tests per day city-wide, the multiplicity behind the recurrence interval: {@code activeCells
     * × rings × Σ_w (1440 / w)}, i.e. every zone (centre cell × ring) counted once per
     * non-overlapping window of each length per day. See {@link PoissonScan#testsPerDay}.
     */
    public double testsPerDay(long activeCells) {
        return PoissonScan.testsPerDay(activeCells, rings.size(), windowsMinutes);
    }

    /** A copy with another false-alarm budget. */
    public DetectionConfig withRecurrenceThresholdDays(double days) {
        var c = new Copy(this);
        c.recurrenceThresholdDays = days;
        return c.build();
    }

    /** A copy with another minimum count for opening an alert. */
    public DetectionConfig withMinObserved(int n) {
        var c = new Copy(this);
        c.minObserved = n;
        return c.build();
    }

    /** A copy with other windows. */
    public DetectionConfig withWindows(List<Integer> windows) {
        var c = new Copy(this);
        c.windowsMinutes = windows;
        return c.build();
    }

    /** A copy with another baseline period and hour slicing. */
    public DetectionConfig withBaseline(int days, int hourBuckets, int minDays) {
        var c = new Copy(this);
        c.baselineDays = days;
        c.baselineHourBuckets = hourBuckets;
        c.minBaselineDays = minDays;
        return c.build();
    }

    /** Every field, mutable: what the {@code with*} copies change one or two of. */
    private static final class Copy {
        List<Integer> windowsMinutes;
        List<Integer> rings;
        int baselineDays;
        int baselineHourBuckets;
        double recurrenceThresholdDays;
        double closeRatio;
        int minObserved;
        double priorCountPerCell;
        double escalationScore;
        int escalationObserved;
        int persistentEveryMinutes;
        int newLookbackDays;
        int minBaselineDays;
        boolean excludeOfficerInitiated;
        boolean tipsSignal;

        Copy(DetectionConfig d) {
            windowsMinutes = d.windowsMinutes;
            rings = d.rings;
            baselineDays = d.baselineDays;
            baselineHourBuckets = d.baselineHourBuckets;
            recurrenceThresholdDays = d.recurrenceThresholdDays;
            closeRatio = d.closeRatio;
            minObserved = d.minObserved;
            priorCountPerCell = d.priorCountPerCell;
            escalationScore = d.escalationScore;
            escalationObserved = d.escalationObserved;
            persistentEveryMinutes = d.persistentEveryMinutes;
            newLookbackDays = d.newLookbackDays;
            minBaselineDays = d.minBaselineDays;
            excludeOfficerInitiated = d.excludeOfficerInitiated;
            tipsSignal = d.tipsSignal;
        }

        DetectionConfig build() {
            return new DetectionConfig(
                    windowsMinutes,
                    rings,
                    baselineDays,
                    baselineHourBuckets,
                    recurrenceThresholdDays,
                    closeRatio,
                    minObserved,
                    priorCountPerCell,
                    escalationScore,
                    escalationObserved,
                    persistentEveryMinutes,
                    newLookbackDays,
                    minBaselineDays,
                    excludeOfficerInitiated,
                    tipsSignal);
        }
    }
}
