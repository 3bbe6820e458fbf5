package io.beatwatch.core.patrol;

import io.beatwatch.core.grid.H3Grid;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Typed patrol-suggestion policy (ARCHITECTURE §6), validated on construction. Defaults are the
 * named constants below; {@code stream-jobs/PATROL.md} has the table and the reasons behind them.
 *
 * @param cycle every this much event time each district gets a new round of suggestions (must
 *     divide a day; rounds fall on multiples of it since the epoch, i.e. on local quarter hours)
 * @param placesPerCycle at most this many new places per district and round
 * @param placesPerAlert at most this many extra places when an alert that may drive patrols opens
 * @param dwellMinutes minutes to spend at a place, 10..15 (the Koper curve: deterrence grows up to
 *     about 15 minutes of presence and gains little after)
 * @param validFor a suggestion not accepted within this long lapses
 * @param visitTimeout an accepted visit never reported done is closed this long after it was
 *     suggested (its minutes stay counted)
 * @param maxVisitsPerCellPerDay daily cap of visits to one cell (local day)
 * @param coolDown a cell is not suggested again until this long after its last visit ended (done,
 *     or for a visit never reported done the end of its validity)
 * @param declineBlock a declined place is not suggested again for this long
 * @param maxCellShare most of a district's patrol minutes of the day that one cell may receive
 * @param maxNeighbourhoodShare most of a district's patrol minutes of the day that one
 *     neighbourhood (the H3 parent of the cell at {@code neighbourhoodResolution}) may receive
 * @param neighbourhoodResolution H3 resolution of neighbourhoods (7: about 5 km², 49 cells of res
 *     9)
 * @param minSpacingRings places chosen in one round are more than this many H3 rings apart
 * @param poolSize the weighted draw is among the district's this-many most at-risk eligible cells
 *     (plus the eligible cells of open alerts)
 * @param alertWeight the cells of one open alert together weigh as much as this many average pool
 *     cells
 * @param riskHalfLife half-life of the recency-weighted count of citizen calls that is a cell's
 *     risk
 * @param staleAfter a round is skipped when the feed's watermark passed its time more than this
 *     late: the feed was silent around it (an outage, or a gap in a replayed file)
 * @param quietAfter a district whose last risk call or alert is older than this gets no rounds (a
 *     district that went silent, e.g. after the end of a replayed file)
 * @param enforcementTypes call types prone to enforcement bias (officer-initiated activity such as
 *     traffic stops, patrol-bys, security checks): they never count as risk, and an alert mostly
 *     made of them drives no patrol
 * @param ignoredTypes call types a patrol visit does not address (traffic, collisions): treated
 *     like enforcement types for the choice
 * @param zone the city's time zone: local days for dosage and caps
 * @param seed seed of the random choice; the same seed and input give the same suggestions
 */
public record PatrolConfig(
        Duration cycle,
        int placesPerCycle,
        int placesPerAlert,
        int dwellMinutes,
        Duration validFor,
        Duration visitTimeout,
        int maxVisitsPerCellPerDay,
        Duration coolDown,
        Duration declineBlock,
        double maxCellShare,
        double maxNeighbourhoodShare,
        int neighbourhoodResolution,
        int minSpacingRings,
        int poolSize,
        double alertWeight,
        Duration riskHalfLife,
        Duration staleAfter,
        Duration quietAfter,
        TypeFilter enforcementTypes,
        TypeFilter ignoredTypes,
        ZoneId zone,
        long seed)
        implements Serializable {

    public static final Duration DEFAULT_CYCLE = Duration.ofMinutes(15);
    public static final int DEFAULT_PLACES_PER_CYCLE = 3;
    public static final int DEFAULT_PLACES_PER_ALERT = 1;
    public static final int DEFAULT_DWELL_MINUTES = 15;
    public static final int MIN_DWELL_MINUTES = 10;
    public static final int MAX_DWELL_MINUTES = 15;
    public static final Duration DEFAULT_VALID_FOR = Duration.ofMinutes(15);
    public static final Duration DEFAULT_VISIT_TIMEOUT = Duration.ofMinutes(60);
    public static final int DEFAULT_MAX_VISITS_PER_CELL_PER_DAY = 4;
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofMinutes(60);
    public static final Duration DEFAULT_DECLINE_BLOCK = Duration.ofHours(2);
    public static final double DEFAULT_MAX_CELL_SHARE = 0.10;
    public static final double DEFAULT_MAX_NEIGHBOURHOOD_SHARE = 0.25;
    public static final int DEFAULT_NEIGHBOURHOOD_RESOLUTION = 7;
    public static final int DEFAULT_MIN_SPACING_RINGS = 1;
    public static final int DEFAULT_POOL_SIZE = 40;
    public static final double DEFAULT_ALERT_WEIGHT = 5.0;
    public static final Duration DEFAULT_RISK_HALF_LIFE = Duration.ofDays(14);
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(1);
    public static final Duration DEFAULT_QUIET_AFTER = Duration.ofHours(12);
    public static final long DEFAULT_SEED = 42;

    /**
     * Enforcement-prone activity beyond the profile's officer-initiated types (substrings): stops,
     * patrol-bys, premise and security checks, warrant service.
     */
    public static final TypeFilter DEFAULT_ENFORCEMENT_TYPES =
            new TypeFilter(
                    List.of(),
                    List.of(
                            "traffic stop",
                            "patrol by",
                            "directed patrol",
                            "extra patrol",
                            "security check",
                            "premise check",
                            "business check",
                            "pedestrian stop",
                            "subject stop",
                            "field interview",
                            "warrant"));

    /** Calls a hot-spot visit does not address (substrings): traffic and collisions. */
    public static final TypeFilter DEFAULT_IGNORED_TYPES =
            new TypeFilter(List.of(), List.of("traffic", "accident", "collision"));

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    public PatrolConfig {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(validFor, "validFor");
        Objects.requireNonNull(visitTimeout, "visitTimeout");
        Objects.requireNonNull(coolDown, "coolDown");
        Objects.requireNonNull(declineBlock, "declineBlock");
        Objects.requireNonNull(riskHalfLife, "riskHalfLife");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(quietAfter, "quietAfter");
        Objects.requireNonNull(zone, "zone");
        enforcementTypes = enforcementTypes == null ? TypeFilter.none() : enforcementTypes;
        ignoredTypes = ignoredTypes == null ? TypeFilter.none() : ignoredTypes;
        long c = cycle.toMillis();
        if (c < 60_000 || DAY_MS % c != 0) {
            throw new IllegalArgumentException(
                    "cycle must be at least a minute and divide a day, was " + cycle);
        }
        if (placesPerCycle < 0 || placesPerCycle > 20) {
            throw new IllegalArgumentException("placesPerCycle must be 0..20");
        }
        if (placesPerAlert < 0 || placesPerAlert > 5) {
            throw new IllegalArgumentException("placesPerAlert must be 0..5");
        }
        if (dwellMinutes < MIN_DWELL_MINUTES || dwellMinutes > MAX_DWELL_MINUTES) {
            throw new IllegalArgumentException(
                    "dwellMinutes must be "
                            + MIN_DWELL_MINUTES
                            + ".."
                            + MAX_DWELL_MINUTES
                            + " (Koper curve), was "
                            + dwellMinutes);
        }
        if (validFor.toMinutes() < 1) throw new IllegalArgumentException("validFor must be >= 1m");
        if (visitTimeout.compareTo(validFor) < 0) {
            throw new IllegalArgumentException("visitTimeout must be at least validFor");
        }
        if (maxVisitsPerCellPerDay < 1) {
            throw new IllegalArgumentException("maxVisitsPerCellPerDay must be >= 1");
        }
        if (coolDown.isNegative() || declineBlock.isNegative()) {
            throw new IllegalArgumentException("coolDown and declineBlock must not be negative");
        }
        if (!(maxCellShare > 0 && maxCellShare <= 1)) {
            throw new IllegalArgumentException("maxCellShare must be in (0, 1]");
        }
        if (!(maxNeighbourhoodShare > 0 && maxNeighbourhoodShare <= 1)) {
            throw new IllegalArgumentException("maxNeighbourhoodShare must be in (0, 1]");
        }
        if (neighbourhoodResolution < 0 || neighbourhoodResolution > H3Grid.MAX_RESOLUTION) {
            throw new IllegalArgumentException("neighbourhoodResolution must be 0..15");
        }
        if (minSpacingRings < 0 || minSpacingRings > 3) {
            throw new IllegalArgumentException("minSpacingRings must be 0..3");
        }
        if (poolSize < 1) throw new IllegalArgumentException("poolSize must be >= 1");
        if (!(alertWeight >= 0)) throw new IllegalArgumentException("alertWeight must be >= 0");
        if (riskHalfLife.toMinutes() < 1) {
            throw new IllegalArgumentException("riskHalfLife must be >= 1m");
        }
        if (staleAfter.compareTo(cycle) < 0 || quietAfter.compareTo(cycle) < 0) {
            throw new IllegalArgumentException(
                    "staleAfter and quietAfter must be at least a cycle");
        }
    }

    /** The documented defaults for a city in {@code zone}. */
    public static PatrolConfig defaults(ZoneId zone) {
        return new PatrolConfig(
                DEFAULT_CYCLE,
                DEFAULT_PLACES_PER_CYCLE,
                DEFAULT_PLACES_PER_ALERT,
                DEFAULT_DWELL_MINUTES,
                DEFAULT_VALID_FOR,
                DEFAULT_VISIT_TIMEOUT,
                DEFAULT_MAX_VISITS_PER_CELL_PER_DAY,
                DEFAULT_COOL_DOWN,
                DEFAULT_DECLINE_BLOCK,
                DEFAULT_MAX_CELL_SHARE,
                DEFAULT_MAX_NEIGHBOURHOOD_SHARE,
                DEFAULT_NEIGHBOURHOOD_RESOLUTION,
                DEFAULT_MIN_SPACING_RINGS,
                DEFAULT_POOL_SIZE,
                DEFAULT_ALERT_WEIGHT,
                DEFAULT_RISK_HALF_LIFE,
                DEFAULT_STALE_AFTER,
                DEFAULT_QUIET_AFTER,
                DEFAULT_ENFORCEMENT_TYPES,
                DEFAULT_IGNORED_TYPES,
                zone,
                DEFAULT_SEED);
    }

    /** Whether a call of this type may count as patrol risk or drive an alert-based suggestion. */
    public boolean countsAsRisk(String type) {
        return !enforcementTypes.test(type) && !ignoredTypes.test(type);
    }

    /** Milliseconds of one round. */
    public long cycleMillis() {
        return cycle.toMillis();
    }

    /** The start of the round at or after {@code millis}. */
    public long cycleAtOrAfter(long millis) {
        long c = cycleMillis();
        if (millis > Long.MAX_VALUE - c) return Long.MAX_VALUE;
        return Math.floorDiv(millis + c - 1, c) * c;
    }

    /** Whether {@code millis} is the start of a round. */
    public boolean isCycleStart(long millis) {
        return Math.floorMod(millis, cycleMillis()) == 0;
    }

    /** The local day (epoch day in {@link #zone}) of an instant. */
    public long localDay(long millis) {
        return java.time.Instant.ofEpochMilli(millis).atZone(zone).toLocalDate().toEpochDay();
    }

    /** A copy with another seed. */
    public PatrolConfig withSeed(long s) {
        return with(b -> b.seed = s);
    }

    /** A copy with other per-round and per-alert limits. */
    public PatrolConfig withPlaces(int perCycle, int perAlert) {
        return with(
                b -> {
                    b.placesPerCycle = perCycle;
                    b.placesPerAlert = perAlert;
                });
    }

    /** A copy with other fairness caps. */
    public PatrolConfig withCaps(int maxVisits, double cellShare, double neighbourhoodShare) {
        return with(
                b -> {
                    b.maxVisitsPerCellPerDay = maxVisits;
                    b.maxCellShare = cellShare;
                    b.maxNeighbourhoodShare = neighbourhoodShare;
                });
    }

    /** A copy with other cool-down and decline block. */
    public PatrolConfig withBlocks(Duration cool, Duration decline) {
        return with(
                b -> {
                    b.coolDown = cool;
                    b.declineBlock = decline;
                });
    }

    /** A copy with another minimum spacing of one round's places. */
    public PatrolConfig withMinSpacingRings(int rings) {
        return with(b -> b.minSpacingRings = rings);
    }

    /** A copy with another pool size. */
    public PatrolConfig withPoolSize(int size) {
        return with(b -> b.poolSize = size);
    }

    /** A copy with other type lists. */
    public PatrolConfig withTypes(TypeFilter enforcement, TypeFilter ignored) {
        return with(
                b -> {
                    b.enforcementTypes = enforcement;
                    b.ignoredTypes = ignored;
                });
    }

    private PatrolConfig with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** Mutable copy used by the {@code with...} methods. */
    private static final class Builder {
        Duration cycle;
        int placesPerCycle;
        int placesPerAlert;
        int dwellMinutes;
        Duration validFor;
        Duration visitTimeout;
        int maxVisitsPerCellPerDay;
        Duration coolDown;
        Duration declineBlock;
        double maxCellShare;
        double maxNeighbourhoodShare;
        int neighbourhoodResolution;
        int minSpacingRings;
        int poolSize;
        double alertWeight;
        Duration riskHalfLife;
        Duration staleAfter;
        Duration quietAfter;
        TypeFilter enforcementTypes;
        TypeFilter ignoredTypes;
        ZoneId zone;
        long seed;

        Builder(PatrolConfig c) {
            cycle = c.cycle;
            placesPerCycle = c.placesPerCycle;
            placesPerAlert = c.placesPerAlert;
            dwellMinutes = c.dwellMinutes;
            validFor = c.validFor;
            visitTimeout = c.visitTimeout;
            maxVisitsPerCellPerDay = c.maxVisitsPerCellPerDay;
            coolDown = c.coolDown;
            declineBlock = c.declineBlock;
            maxCellShare = c.maxCellShare;
            maxNeighbourhoodShare = c.maxNeighbourhoodShare;
            neighbourhoodResolution = c.neighbourhoodResolution;
            minSpacingRings = c.minSpacingRings;
            poolSize = c.poolSize;
            alertWeight = c.alertWeight;
            riskHalfLife = c.riskHalfLife;
            staleAfter = c.staleAfter;
            quietAfter = c.quietAfter;
            enforcementTypes = c.enforcementTypes;
            ignoredTypes = c.ignoredTypes;
            zone = c.zone;
            seed = c.seed;
        }

        PatrolConfig build() {
            return new PatrolConfig(
                    cycle,
                    placesPerCycle,
                    placesPerAlert,
                    dwellMinutes,
                    validFor,
                    visitTimeout,
                    maxVisitsPerCellPerDay,
                    coolDown,
                    declineBlock,
                    maxCellShare,
                    maxNeighbourhoodShare,
                    neighbourhoodResolution,
                    minSpacingRings,
                    poolSize,
                    alertWeight,
                    riskHalfLife,
                    staleAfter,
                    quietAfter,
                    enforcementTypes,
                    ignoredTypes,
                    zone,
                    seed);
        }
    }
}
