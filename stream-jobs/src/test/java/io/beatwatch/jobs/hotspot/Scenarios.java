package io.beatwatch.jobs.hotspot;

import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.core.validate.Bounds;
import io.beatwatch.jobs.io.SyntheticFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Fixtures for HotspotJob tests: a small synthetic city with a short baseline. */
final class Scenarios {

    static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
    static final Duration DAYS = Duration.ofDays(5);

    /** Day 4, early afternoon local: the baseline covers three full days by then. */
    static final Instant INJECT_AT = T0.plus(Duration.ofDays(4)).plus(Duration.ofHours(12));

    static final Duration ONE_HOUR = Duration.ofHours(1);

    /** A quiet-tail cell of the default synthetic city, 6 km east-north-east of the centre. */
    static final String QUIET_CELL = cellAt(29.44, -98.43);

    private Scenarios() {}

    static String cellAt(double lat, double lon) {
        return SyntheticCity.defaults().grid().cellOf(lat, lon);
    }

    /** Five days of the default city, Poisson background only (no self-exciting bursts). */
    static SyntheticCityConfig quietCity() {
        return SyntheticCityConfig.defaults().withPeriod(T0, DAYS).withBursts(false);
    }

    /** Job config for the synthetic city: a 7-day baseline that may alert after 3 days. */
    static HotspotJobConfig jobConfig() {
        var detection = DetectionConfig.defaults().withBaseline(7, 1, 3);
        var c = SyntheticCityConfig.defaults();
        double dLat = c.halfWidthKm() / 111.0 * 1.5;
        double dLon = dLat / Math.cos(Math.toRadians(c.centre().lat()));
        var bounds =
                new Bounds(
                        c.centre().lat() - dLat,
                        c.centre().lat() + dLat,
                        c.centre().lon() - dLon,
                        c.centre().lon() + dLon);
        return HotspotJobConfig.defaults(bounds, Set.of())
                .withDetection(detection)
                .withCheckpointInterval(Duration.ZERO)
                .withoutIdleness()
                .withSource("test");
    }

    /** Every raw record of a synthetic city, in order. */
    static List<RawRecord> records(SyntheticCityConfig city) {
        List<RawRecord> out = new ArrayList<>();
        Iterator<RawRecord> it = new SyntheticFeed(city).open();
        it.forEachRemaining(out::add);
        return out;
    }
}
