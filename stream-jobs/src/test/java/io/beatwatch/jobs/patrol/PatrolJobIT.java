package io.beatwatch.jobs.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.PatrolFeedback;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.core.validate.Bounds;
import io.beatwatch.jobs.hotspot.HotspotJob;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.ReplaySource;
import io.beatwatch.jobs.io.SyntheticFeed;
import io.beatwatch.jobs.testkit.MiniClusterExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HotspotJob with its patrol stage on a MiniCluster at parallelism 2: dispatcher feedback changes
 * later suggestions, and a replay of the same input gives the same suggestions.
 */
class PatrolJobIT {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    static final long MINUTE = 60_000L;
    static final H3Grid GRID = H3Grid.defaultGrid();

    /** The one place with calls in district SOLO: every round there can only choose it. */
    static final String SOLO_CELL = GRID.cellOf(29.30, -98.70);

    static final Bounds BOUNDS = new Bounds(29.0, 29.85, -98.95, -98.15);

    /** Caps loose enough for one-cell districts; cool-down 60 min, decline block 2 h. */
    static final PatrolConfig POLICY =
            PatrolConfig.defaults(SyntheticCityConfig.DEFAULT_TIME_ZONE).withCaps(20, 1, 1);

    static HotspotJobConfig jobConfig(Bounds bounds) {
        return HotspotJobConfig.defaults(bounds, Set.of())
                .withDetection(DetectionConfig.defaults().withBaseline(7, 1, 3))
                .withCheckpointInterval(Duration.ZERO)
                .withoutIdleness()
                .withSource("test");
    }

    static RawRecord call(String id, Instant t, double lat, double lon, String district) {
        var c =
                new CallForService(
                        1,
                        id,
                        t,
                        "Burglary",
                        null,
                        null,
                        "Property",
                        null,
                        false,
                        null,
                        district,
                        "1100",
                        lat,
                        lon,
                        "100 Block",
                        "test");
        var r = RawRecord.call(Json.encode(c));
        r.eventTimeMillis = t.toEpochMilli();
        return r;
    }

    /**
     * Ten hours of calls: SOLO has one cell (a call every 5 minutes); NORTH and EAST have a few
     * cells each, so both planner subtasks have districts to plan.
     */
    static List<RawRecord> smallCity() {
        List<RawRecord> out = new ArrayList<>();
        for (int m = 0; m < 10 * 60; m++) {
            Instant t = T0.plusSeconds(60L * m);
            if (m % 5 == 0) out.add(call("s" + m, t, 29.30, -98.70, "SOLO"));
            if (m % 7 == 0) {
                out.add(call("n" + m, t, 29.60 + 0.02 * (m % 3), -98.50, "NORTH"));
            }
            if (m % 11 == 0) out.add(call("e" + m, t, 29.45, -98.30 + 0.03 * (m % 2), "EAST"));
        }
        return out;
    }

    static String feedback(String suggestionId, PatrolFeedback.Action a, long minutes) {
        return Json.encode(
                new PatrolFeedback(
                        1,
                        suggestionId,
                        a,
                        "1A12",
                        "SOLO",
                        SOLO_CELL,
                        T0.plusSeconds(60 * minutes)));
    }

    static List<PatrolSuggestion> run(
            List<RawRecord> records, HotspotJobConfig config, PatrolConfig policy, List<String> fb)
            throws Exception {
        StreamExecutionEnvironment env = FLINK.environment();
        assertThat(env.getParallelism()).isEqualTo(2);
        var in =
                env.fromSource(
                                new ReplaySource(() -> records.iterator()),
                                WatermarkStrategy.noWatermarks(),
                                "replay")
                        .setParallelism(1);
        DataStream<String> feedback = fb.isEmpty() ? null : env.fromData(fb).setParallelism(1);
        var out = HotspotJob.build(in, feedback, config, PatrolJobConfig.of(policy));
        CloseableIterator<PatrolSuggestion> it = out.patrol().suggestions().collectAsync();
        env.execute("patrol-job-it");
        List<PatrolSuggestion> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        all.sort(
                Comparator.comparing(PatrolSuggestion::createdAt)
                        .thenComparing(PatrolSuggestion::district)
                        .thenComparing(PatrolSuggestion::cell));
        return all;
    }

    static List<Instant> soloTimes(List<PatrolSuggestion> all) {
        return all.stream()
                .filter(s -> s.district().equals("SOLO"))
                .map(PatrolSuggestion::createdAt)
                .toList();
    }

    @Test
    void feedbackChangesLaterSuggestions() throws Exception {
        var records = smallCity();
        var config = jobConfig(BOUNDS);
        List<PatrolSuggestion> plain = run(records, config, POLICY, List.of());
        List<Instant> plainSolo = soloTimes(plain);
        assertThat(plain).extracting(PatrolSuggestion::district).contains("NORTH", "EAST");
        assertThat(plainSolo).isNotEmpty();
        assertThat(plainSolo.get(0)).isEqualTo(T0);
        String first =
                plain.stream()
                        .filter(s -> s.district().equals("SOLO"))
                        .findFirst()
                        .orElseThrow()
                        .suggestionId();
        // unanswered: valid 15 min + cool-down 60 min, so the place comes back after 75 min
        assertThat(plainSolo.get(1)).isEqualTo(T0.plusSeconds(75 * 60));

        // declined 5 minutes in: blocked 2 h, back at the first round after 125 min
        List<Instant> declined =
                soloTimes(
                        run(
                                records,
                                config,
                                POLICY,
                                List.of(feedback(first, PatrolFeedback.Action.DECLINED, 5))));
        assertThat(declined.get(0)).isEqualTo(T0);
        assertThat(declined.get(1)).isEqualTo(T0.plusSeconds(135 * 60));

        // accepted, on scene at 10 min, done at 40: the cool-down runs from 40 min, back at 105
        List<Instant> done =
                soloTimes(
                        run(
                                records,
                                config,
                                POLICY,
                                List.of(
                                        feedback(first, PatrolFeedback.Action.ACCEPTED, 2),
                                        feedback(first, PatrolFeedback.Action.ARRIVED, 10),
                                        feedback(first, PatrolFeedback.Action.DONE, 40))));
        assertThat(done.get(0)).isEqualTo(T0);
        assertThat(done.get(1)).isEqualTo(T0.plusSeconds(105 * 60));
    }

    @Test
    void replayingTheSameInputGivesTheSameSuggestions() throws Exception {
        // the synthetic city with bursts and an emerging cluster: alerts open, and drive patrols
        var city =
                SyntheticCityConfig.defaults()
                        .withPeriod(SyntheticCityConfig.DEFAULT_START, Duration.ofDays(5))
                        .withBursts(true)
                        .withEmergingCluster(
                                "c1",
                                GRID.cellOf(29.44, -98.43),
                                1,
                                SyntheticCityConfig.DEFAULT_START.plus(
                                        Duration.ofHours(4 * 24 + 12)),
                                Duration.ofHours(1),
                                15);
        List<RawRecord> records = new ArrayList<>();
        new SyntheticFeed(city).open().forEachRemaining(records::add);
        var config = jobConfig(SyntheticFeed.bounds(city));

        List<PatrolSuggestion> first =
                run(records, config, PatrolConfig.defaults(city.timeZone()), List.of());
        List<PatrolSuggestion> second =
                run(records, config, PatrolConfig.defaults(city.timeZone()), List.of());

        assertThat(first).hasSizeGreaterThan(1_000);
        assertThat(first).anyMatch(s -> s.alertId() != null);
        assertThat(first)
                .extracting(PatrolSuggestion::district)
                .contains("CENTRAL", "NORTH", "EAST", "SOUTH", "WEST");
        assertThat(second).containsExactlyElementsOf(first);
    }
}
