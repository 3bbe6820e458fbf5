package io.beatwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.detect.CityDetector;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.validate.Decoder;
import io.beatwatch.core.validate.ValidationRules;
import io.beatwatch.core.validate.Validator;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.SyntheticFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo city, run through the job's detector on one thread (no Flink): a console must see
 * call-based alerts once live, not only tip alerts, whatever the hour of the UTC day the demo
 * starts at, and after the UTC day turns. The history's clusters span the previous UTC day: before
 * the detector's null censored alerted episodes at their threshold it learnt them as normal at the
 * day's refit, and no call-based alert opened once live (0 at each of these start hours).
 */
class DemoCityTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-07T14:30:00Z", "2026-12-07T07:10:00Z", "2026-12-08T01:45:00Z"})
    void injectedCallClustersOpenCallAlerts(String start) {
        Instant now = Instant.parse(start);
        DemoCity city = DemoCity.create(now, 4, 42);
        var config =
                DemoCommand.forDemo(
                        HotspotJobConfig.defaults(SyntheticFeed.bounds(city.config()), Set.of()),
                        4);
        List<HotspotAlert> opened = run(city, config, now.plus(Duration.ofHours(2)));

        long liveCallAlerts =
                opened.stream()
                        .filter(a -> a.signal() != Signal.TIPS)
                        .filter(a -> a.openedAt().isAfter(city.liveFrom()))
                        .count();
        assertThat(liveCallAlerts).as("call-based alerts once live").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aDemoLeftRunningPastUtcMidnightKeepsOpeningCallAlerts() {
        // the live day's clusters (one every 10 minutes) are in the null refitted at midnight
        Instant now = Instant.parse("2026-12-07T21:00:00Z");
        DemoCity city = DemoCity.create(now, 4, 42);
        var config =
                DemoCommand.forDemo(
                        HotspotJobConfig.defaults(SyntheticFeed.bounds(city.config()), Set.of()),
                        4);
        Instant midnight = Instant.parse("2026-12-08T00:00:00Z");
        List<HotspotAlert> opened = run(city, config, midnight.plus(Duration.ofHours(2)));

        long afterMidnight =
                opened.stream()
                        .filter(a -> a.signal() != Signal.TIPS)
                        .filter(a -> a.openedAt().isAfter(midnight))
                        .count();
        assertThat(afterMidnight).as("call-based alerts after midnight").isGreaterThanOrEqualTo(3);
    }

    private static List<HotspotAlert> run(DemoCity city, HotspotJobConfig config, Instant until) {
        var decoder =
                new Decoder(
                        new Validator(
                                ValidationRules.of(config.bounds()),
                                Clock.fixed(until, java.time.ZoneOffset.UTC),
                                config.source()),
                        type -> false);
        var detector =
                new CityDetector(config.detection(), new H3Grid(config.h3Resolution()), c -> "D");
        List<HotspotAlert> opened = new ArrayList<>();
        var it = new SyntheticFeed(city.config()).open();
        long last = 0;
        while (it.hasNext()) {
            RawRecord raw = it.next();
            if (raw.eventTimeMillis > until.toEpochMilli()) break;
            last = raw.eventTimeMillis;
            List<HotspotAlert> out =
                    raw.kind == RawRecord.Kind.CFS
                            ? detector.accept(decoder.call(raw.payload).value())
                            : detector.accept(decoder.tip(raw.payload).value());
            out.stream().filter(a -> a.state() == AlertState.OPENED).forEach(opened::add);
        }
        detector.advanceTo(last).stream()
                .filter(a -> a.state() == AlertState.OPENED)
                .forEach(opened::add);
        return opened;
    }
}
