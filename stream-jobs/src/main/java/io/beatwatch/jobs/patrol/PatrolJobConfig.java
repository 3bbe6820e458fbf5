package io.beatwatch.jobs.patrol;

import io.beatwatch.core.patrol.DistrictBoundaries;
import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.core.patrol.TypeFilter;
import io.beatwatch.core.profile.CityProfile;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Typed configuration of the patrol stage: the policy, the agency's district boundaries when it has
 * them (else districts are learned from the calls), and how the feedback stream's watermarks
 * behave.
 *
 * @param policy the patrol policy (rounds, caps, blocks, types, seed)
 * @param boundaries district boundaries, or null to learn districts from the calls
 * @param feedbackOutOfOrderness how late feedback may arrive and still be applied in order
 * @param feedbackIdleness after this long without feedback, the feedback stream stops holding back
 *     the watermark (it is quiet most of the time)
 * @param tallyRiskCalls whether the cell tracker counts the calls that count as risk per cell in
 *     the accumulator {@link RiskCallTally#NAME} (a replay's summary reads it; a live job keeps it
 *     off, as the tally only grows)
 */
public record PatrolJobConfig(
        PatrolConfig policy,
        DistrictBoundaries boundaries,
        Duration feedbackOutOfOrderness,
        Duration feedbackIdleness,
        boolean tallyRiskCalls)
        implements Serializable {

    public static final Duration DEFAULT_FEEDBACK_OUT_OF_ORDERNESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_FEEDBACK_IDLENESS = Duration.ofSeconds(30);

    /** A cell's state is forgotten after this many risk half-lives without a call. */
    public static final int FORGET_AFTER_HALF_LIVES = 8;

    public PatrolJobConfig {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(feedbackOutOfOrderness, "feedbackOutOfOrderness");
        Objects.requireNonNull(feedbackIdleness, "feedbackIdleness");
        if (feedbackOutOfOrderness.isNegative() || feedbackIdleness.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** The policy with learned districts and default feedback watermarks. */
    public static PatrolJobConfig of(PatrolConfig policy) {
        return new PatrolJobConfig(
                policy, null, DEFAULT_FEEDBACK_OUT_OF_ORDERNESS, DEFAULT_FEEDBACK_IDLENESS, false);
    }

    /**
     * The default policy for a city: its time zone, its officer-initiated types added to the
     * enforcement-prone ones, the given seed; district boundaries from {@code districts} when
     * given, else from {@code config/cities/<profile>.districts.geojson} (relative to the working
     * directory) when that file exists, else learned from the calls.
     *
     * @param districtsProperty feature property naming the district, or null for the defaults
     */
    public static PatrolJobConfig forProfile(
            CityProfile p, long seed, Path districts, String districtsProperty) throws IOException {
        PatrolConfig policy =
                PatrolConfig.defaults(p.zone())
                        .withSeed(seed)
                        .withTypes(
                                PatrolConfig.DEFAULT_ENFORCEMENT_TYPES.union(
                                        TypeFilter.of(p.officerInitiated())),
                                PatrolConfig.DEFAULT_IGNORED_TYPES);
        PatrolJobConfig c = of(policy);
        Path geo = districts != null ? districts : defaultBoundaries(p.name());
        if (districts != null && !Files.isReadable(districts)) {
            throw new IOException("cannot read district boundaries " + districts);
        }
        return Files.isReadable(geo)
                ? c.withBoundaries(DistrictBoundaries.load(geo, districtsProperty))
                : c;
    }

    /** Where a profile's district boundaries are looked for by default. */
    public static Path defaultBoundaries(String profileName) {
        return Path.of("config", "cities", profileName + ".districts.geojson");
    }

    /** A copy with district boundaries. */
    public PatrolJobConfig withBoundaries(DistrictBoundaries b) {
        return new PatrolJobConfig(
                policy, b, feedbackOutOfOrderness, feedbackIdleness, tallyRiskCalls);
    }

    /** A copy whose cell tracker tallies risk calls per cell (for a bounded replay's summary). */
    public PatrolJobConfig withRiskTally() {
        return new PatrolJobConfig(
                policy, boundaries, feedbackOutOfOrderness, feedbackIdleness, true);
    }

    /** How long a cell may go without a call before the tracker forgets it. */
    public long forgetAfterMillis() {
        return policy.riskHalfLife().toMillis() * FORGET_AFTER_HALF_LIVES;
    }
}
