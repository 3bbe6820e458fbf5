package io.beatwatch.core.synth;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.LatLon;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parameters of a {@link SyntheticCity}, validated on construction; {@link #defaults()} gives a
 * fictional city around 29.42, -98.49 (20 km across, five districts, 3,000 calls a day). The {@code
 * with...} methods return modified copies, including the test scenarios: an emerging cluster, a
 * city-wide surge, an officer-initiated burst and a tip-only burst.
 *
 * @param seed same seed and config, same stream
 * @param start first instant of the stream
 * @param duration length of the stream
 * @param centre city centre
 * @param halfWidthKm half the side of the square city
 * @param resolution H3 resolution of cluster cells
 * @param baseCallsPerDay mean calls a day, all origins but clusters and updates (aftershocks
 *     included: immigrants are thinned by the branching ratio)
 * @param officerShare share of those calls that are officer-initiated
 * @param tipsPerDay mean background tips a day
 * @param bursts whether citizen calls trigger self-exciting aftershocks
 * @param branching mean aftershocks per citizen call (Hawkes branching ratio, below 1)
 * @param aftershockMinutes mean delay of an aftershock after its parent (exponential)
 * @param aftershockMetres spread of an aftershock around its parent (Gaussian sd)
 * @param updateShare share of calls re-emitted as a CAD update (same id) 2-15 minutes later
 * @param hotspots number of dense areas (Gaussian components) in the background
 * @param hotspotShare share of background events drawn from the dense areas (rest uniform)
 * @param timeZone local time zone of the hour-of-week profile
 * @param clusters injected emerging clusters (ground truth)
 * @param surges proportional city-wide surges
 */
public record SyntheticCityConfig(
        long seed,
        Instant start,
        Duration duration,
        LatLon centre,
        double halfWidthKm,
        int resolution,
        double baseCallsPerDay,
        double officerShare,
        double tipsPerDay,
        boolean bursts,
        double branching,
        double aftershockMinutes,
        double aftershockMetres,
        double updateShare,
        int hotspots,
        double hotspotShare,
        ZoneId timeZone,
        List<InjectedCluster> clusters,
        List<Surge> surges)
        implements java.io.Serializable {

    public static final long DEFAULT_SEED = 42L;

    /** Monday 2 March 2026, 00:00 in San Antonio (CST). */
    public static final Instant DEFAULT_START = Instant.parse("2026-03-02T06:00:00Z");

    public static final Duration DEFAULT_DURATION = Duration.ofDays(1);
    public static final LatLon DEFAULT_CENTRE = new LatLon(29.42, -98.49);
    public static final double DEFAULT_HALF_WIDTH_KM = 10.0;
    public static final double DEFAULT_BASE_CALLS_PER_DAY = 3_000;
    public static final double DEFAULT_OFFICER_SHARE = 0.25;
    public static final double DEFAULT_TIPS_PER_DAY = 40;
    public static final double DEFAULT_BRANCHING = 0.15;
    public static final double DEFAULT_AFTERSHOCK_MINUTES = 30;
    public static final double DEFAULT_AFTERSHOCK_METRES = 150;
    public static final double DEFAULT_UPDATE_SHARE = 0.1;
    public static final int DEFAULT_HOTSPOTS = 8;
    public static final double DEFAULT_HOTSPOT_SHARE = 0.55;
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("America/Chicago");

    public SyntheticCityConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(centre, "centre");
        Objects.requireNonNull(timeZone, "timeZone");
        clusters = List.copyOf(clusters);
        surges = List.copyOf(surges);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (!(halfWidthKm > 0 && halfWidthKm <= 100)) {
            throw new IllegalArgumentException("halfWidthKm must be in (0, 100]");
        }
        new H3Grid(resolution); // validates 0..15
        if (baseCallsPerDay < 0 || tipsPerDay < 0) {
            throw new IllegalArgumentException("rates must be >= 0");
        }
        if (officerShare < 0 || officerShare > 1) {
            throw new IllegalArgumentException("officerShare must be in [0, 1]");
        }
        if (branching < 0 || branching >= 1) {
            throw new IllegalArgumentException("branching must be in [0, 1)");
        }
        if (!(aftershockMinutes > 0) || !(aftershockMetres >= 0)) {
            throw new IllegalArgumentException("aftershock scales must be positive");
        }
        if (updateShare < 0 || updateShare > 1) {
            throw new IllegalArgumentException("updateShare must be in [0, 1]");
        }
        if (hotspots < 0 || hotspotShare < 0 || hotspotShare > 1) {
            throw new IllegalArgumentException("hotspots must be >= 0, hotspotShare in [0, 1]");
        }
        var ids = new java.util.HashSet<String>();
        for (InjectedCluster c : clusters) {
            if (!ids.add(c.id())) throw new IllegalArgumentException("duplicate cluster " + c.id());
            if (H3Grid.resolutionOf(c.centreCell()) != resolution) {
                throw new IllegalArgumentException(
                        "cluster " + c.id() + " cell is not at resolution " + resolution);
            }
        }
    }

    /** The default fictional city, one day from {@link #DEFAULT_START}. */
    public static SyntheticCityConfig defaults() {
        return new SyntheticCityConfig(
                DEFAULT_SEED,
                DEFAULT_START,
                DEFAULT_DURATION,
                DEFAULT_CENTRE,
                DEFAULT_HALF_WIDTH_KM,
                H3Grid.DEFAULT_RESOLUTION,
                DEFAULT_BASE_CALLS_PER_DAY,
                DEFAULT_OFFICER_SHARE,
                DEFAULT_TIPS_PER_DAY,
                true,
                DEFAULT_BRANCHING,
                DEFAULT_AFTERSHOCK_MINUTES,
                DEFAULT_AFTERSHOCK_METRES,
                DEFAULT_UPDATE_SHARE,
                DEFAULT_HOTSPOTS,
                DEFAULT_HOTSPOT_SHARE,
                DEFAULT_TIME_ZONE,
                List.of(),
                List.of());
    }

    /** The H3 grid of this city. */
    public H3Grid grid() {
        return new H3Grid(resolution);
    }

    /** The instant after the last event. */
    public Instant end() {
        return start.plus(duration);
    }

    /** A copy with another seed. */
    public SyntheticCityConfig withSeed(long newSeed) {
        return copy(
                newSeed, start, duration, baseCallsPerDay, tipsPerDay, bursts, clusters, surges);
    }

    /** A copy covering another period. */
    public SyntheticCityConfig withPeriod(Instant newStart, Duration newDuration) {
        return copy(
                seed, newStart, newDuration, baseCallsPerDay, tipsPerDay, bursts, clusters, surges);
    }

    /** A copy with other background rates. */
    public SyntheticCityConfig withRates(double callsPerDay, double newTipsPerDay) {
        return copy(seed, start, duration, callsPerDay, newTipsPerDay, bursts, clusters, surges);
    }

    /** A copy with aftershocks on or off. */
    public SyntheticCityConfig withBursts(boolean on) {
        return copy(seed, start, duration, baseCallsPerDay, tipsPerDay, on, clusters, surges);
    }

    /** A copy with one more injected cluster. */
    public SyntheticCityConfig withCluster(InjectedCluster cluster) {
        List<InjectedCluster> more = new ArrayList<>(clusters);
        more.add(cluster);
        return copy(seed, start, duration, baseCallsPerDay, tipsPerDay, bursts, more, surges);
    }

    /** Scenario: an emerging cluster of {@code extraCalls} citizen calls around {@code cell}. */
    public SyntheticCityConfig withEmergingCluster(
            String id, String cell, int radiusRings, Instant from, Duration span, int extraCalls) {
        return withCluster(InjectedCluster.calls(id, cell, radiusRings, from, span, extraCalls));
    }

    /** Scenario: an officer-initiated burst at one cell (should not alert by default). */
    public SyntheticCityConfig withOfficerBurst(
            String id, String cell, Instant from, Duration span, int events) {
        return withCluster(
                new InjectedCluster(
                        id,
                        cell,
                        0,
                        from,
                        span,
                        events,
                        List.of("Officer Traffic Stop", "Patrol By"),
                        InjectedCluster.Kind.OFFICER_CALLS));
    }

    /** Scenario: a tip-only burst at one cell (an unconfirmed tips alert at most). */
    public SyntheticCityConfig withTipBurst(
            String id, String cell, Instant from, Duration span, int tips) {
        return withCluster(
                new InjectedCluster(
                        id,
                        cell,
                        0,
                        from,
                        span,
                        tips,
                        List.of("Drug Activity"),
                        InjectedCluster.Kind.TIPS));
    }

    /** Scenario: every background rate times {@code factor} for a period (should not alert). */
    public SyntheticCityConfig withCityWideSurge(Instant from, Duration span, double factor) {
        List<Surge> more = new ArrayList<>(surges);
        more.add(new Surge(from, span, factor));
        return copy(seed, start, duration, baseCallsPerDay, tipsPerDay, bursts, clusters, more);
    }

    private SyntheticCityConfig copy(
            long newSeed,
            Instant newStart,
            Duration newDuration,
            double calls,
            double tips,
            boolean newBursts,
            List<InjectedCluster> newClusters,
            List<Surge> newSurges) {
        return new SyntheticCityConfig(
                newSeed,
                newStart,
                newDuration,
                centre,
                halfWidthKm,
                resolution,
                calls,
                officerShare,
                tips,
                newBursts,
                branching,
                aftershockMinutes,
                aftershockMetres,
                updateShare,
                hotspots,
                hotspotShare,
                timeZone,
                newClusters,
                newSurges);
    }
}
