package io.beatwatch.jobs.cli;

import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.jobs.patrol.PatrolJobConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** The patrol options shared by {@code replay} and {@code job} (a picocli mixin). */
public final class PatrolOptions {

    @Option(
            names = "--no-patrol",
            description = "Do not make patrol suggestions (alerts and the view only).")
    boolean noPatrol;

    @Option(
            names = "--patrol-seed",
            defaultValue = "" + PatrolConfig.DEFAULT_SEED,
            description = "Seed of the randomized patrol choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--districts",
            paramLabel = "GEOJSON",
            description = {
                "District boundaries (GeoJSON FeatureCollection) for patrol districts.",
                "Default: config/cities/<profile>.districts.geojson when it exists, else districts",
                "are learned from the calls' own district field."
            })
    Path districts;

    @Option(
            names = "--districts-property",
            description = "Feature property naming the district (default: district, name, ...).")
    String districtsProperty;

    /** The patrol stage for a city profile, or null with {@code --no-patrol}. */
    PatrolJobConfig forProfile(CityProfile profile) throws IOException {
        return noPatrol
                ? null
                : PatrolJobConfig.forProfile(profile, seed, districts, districtsProperty);
    }

    /**
     * The patrol stage with the default policy in {@code zone}, or null with {@code --no-patrol}.
     */
    PatrolJobConfig forZone(ZoneId zone) {
        return noPatrol ? null : PatrolJobConfig.of(PatrolConfig.defaults(zone).withSeed(seed));
    }
}
