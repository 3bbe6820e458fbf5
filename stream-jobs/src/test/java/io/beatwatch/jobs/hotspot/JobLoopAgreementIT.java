package io.beatwatch.jobs.hotspot;

import static io.beatwatch.jobs.hotspot.Scenarios.QUIET_CELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatwatch.core.detect.CityDetector;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.core.validate.Decoder;
import io.beatwatch.core.validate.ValidationRules;
import io.beatwatch.core.validate.Validator;
import io.beatwatch.jobs.io.FileFeed;
import io.beatwatch.jobs.io.ReplaySource;
import io.beatwatch.jobs.io.SyntheticFeed;
import io.beatwatch.jobs.testkit.MiniClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Flink job and the plain loop run one detector: on a real city's fortnight they give the same
 * alerts, and the job's shipped defaults open an alert for an injected +6 cluster.
 */
class JobLoopAgreementIT {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final Path BERKELEY =
            sharedData().resolve("berkeley/berkeley_calls_for_service.csv.gz");

    /** {@code ../shared/data} beside the project root (tests run in the module's folder). */
    static Path sharedData() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("config/cities"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("../shared/data") : dir.resolve("../shared/data").normalize();
    }

    private static List<HotspotAlert> job(
            io.beatwatch.jobs.io.RecordFeed feed, HotspotJobConfig config) throws Exception {
        StreamExecutionEnvironment env = FLINK.environment();
        assertThat(env.getParallelism()).isEqualTo(2);
        var in =
                env.fromSource(new ReplaySource(feed), WatermarkStrategy.noWatermarks(), "replay")
                        .setParallelism(1);
        CloseableIterator<HotspotAlert> alerts =
                HotspotJob.build(in, config).alerts().collectAsync();
        env.execute("job-loop-agreement");
        List<HotspotAlert> out = new ArrayList<>();
        alerts.forEachRemaining(out::add);
        return normalized(out);
    }

    /** The plain loop: the job's own decoding, then the core detector, one record at a time. */
    private static List<HotspotAlert> loop(List<RawRecord> records, HotspotJobConfig config) {
        var decoder =
                new Decoder(
                        new Validator(
                                ValidationRules.of(config.bounds()),
                                Clock.systemUTC(),
                                config.source()),
                        type -> config.officerTypes().contains(type));
        var detector =
                new CityDetector(config.detection(), new H3Grid(config.h3Resolution()), c -> null);
        List<HotspotAlert> out = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (RawRecord r : records) {
            if (r.kind != RawRecord.Kind.CFS) continue;
            var parsed = decoder.call(r.payload);
            if (!parsed.isOk()) continue;
            CallForService c = parsed.value();
            out.addAll(detector.accept(c));
            last = Math.max(last, c.receivedAt().toEpochMilli());
        }
        // the job's end of input: the watermark passes every minute the windows still cover
        out.addAll(
                detector.advanceTo(last + (config.detection().maxWindowMinutes() + 1) * 60_000L));
        return normalized(out);
    }

    private static List<HotspotAlert> normalized(List<HotspotAlert> alerts) {
        return alerts.stream()
                .map(HotspotAlert::withoutProcessingTime)
                .sorted(
                        Comparator.comparing(HotspotAlert::eventTime)
                                .thenComparing(HotspotAlert::alertId)
                                .thenComparing(a -> a.state().ordinal()))
                .toList();
    }

    @Test
    void aRealFortnightGivesTheSameAlertsThroughTheJobAndThePlainLoop() throws Exception {
        assumeTrue(Files.isReadable(BERKELEY), "no ../shared/data (real city data) here");
        var profile = CityProfiles.load("berkeley");
        Instant from = Instant.parse("2014-07-07T07:00:00Z");
        Instant to = Instant.parse("2014-07-22T07:00:00Z");
        var feed = new FileFeed(profile.name(), BERKELEY.toString(), from, to);
        List<RawRecord> records = new ArrayList<>();
        Iterator<RawRecord> it = feed.open();
        it.forEachRemaining(records::add);
        // a lax budget, so a fortnight of a small city has alerts to compare
        HotspotJobConfig config = HotspotJobConfig.forProfile(profile);
        config =
                config.withDetection(config.detection().withRecurrenceThresholdDays(0.05))
                        .withCheckpointInterval(Duration.ZERO)
                        .withoutIdleness();

        List<HotspotAlert> fromJob = job(feed, config);
        List<HotspotAlert> fromLoop = loop(records, config);

        assertThat(records).hasSizeGreaterThan(2_000);
        assertThat(fromJob).filteredOn(a -> a.state() == AlertState.OPENED).isNotEmpty();
        for (int i = 0; i < Math.min(fromJob.size(), fromLoop.size()); i++) {
            // the first difference, if any, with its neighbours' context
            assertThat(fromJob.get(i))
                    .as("alert %d of %d / %d", i, fromJob.size(), fromLoop.size())
                    .isEqualTo(fromLoop.get(i));
        }
        assertThat(fromJob).containsExactlyElementsOf(fromLoop);
    }

    @Test
    void theShippedDefaultsOpenAnAlertForSixCallsInAnHourInOneCell() throws Exception {
        Instant start = Scenarios.T0.plus(Duration.ofDays(9)).plus(Duration.ofHours(15));
        SyntheticCityConfig city =
                SyntheticCityConfig.defaults()
                        .withPeriod(Scenarios.T0, Duration.ofDays(10))
                        .withBursts(false)
                        .withEmergingCluster("c6", QUIET_CELL, 0, start, Duration.ofHours(1), 6);
        // the defaults for the city's box: nothing tuned for the test
        HotspotJobConfig config =
                HotspotJobConfig.defaults(Scenarios.jobConfig().bounds(), java.util.Set.of())
                        .withCheckpointInterval(Duration.ZERO)
                        .withoutIdleness();

        List<HotspotAlert> alerts = job(new SyntheticFeed(city), config);

        assertThat(alerts)
                .filteredOn(a -> a.state() == AlertState.OPENED)
                .filteredOn(a -> a.cells().contains(QUIET_CELL))
                .filteredOn(a -> !a.eventTime().isBefore(start))
                .isNotEmpty()
                .allSatisfy(
                        a -> assertThat(a.recurrenceIntervalDays()).isGreaterThanOrEqualTo(100));
    }
}
