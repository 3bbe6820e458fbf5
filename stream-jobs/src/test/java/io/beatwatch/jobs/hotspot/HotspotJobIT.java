package io.beatwatch.jobs.hotspot;

import static io.beatwatch.jobs.hotspot.Scenarios.INJECT_AT;
import static io.beatwatch.jobs.hotspot.Scenarios.ONE_HOUR;
import static io.beatwatch.jobs.hotspot.Scenarios.QUIET_CELL;
import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.detect.AlertLifecycle;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Reject;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.synth.InjectedCluster;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.jobs.io.ReplaySource;
import io.beatwatch.jobs.io.SyntheticFeed;
import io.beatwatch.jobs.testkit.MiniClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HotspotJob on a MiniCluster at parallelism 2 over the synthetic city, with ground truth. */
class HotspotJobIT {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    record Run(List<HotspotAlert> alerts, List<Reject> rejects) {
        List<HotspotAlert> opened() {
            return alerts.stream().filter(a -> a.state() == AlertState.OPENED).toList();
        }

        List<HotspotAlert> openedDuring(java.time.Instant from, Duration span) {
            return opened().stream()
                    .filter(a -> !a.eventTime().isBefore(from))
                    .filter(a -> a.eventTime().isBefore(from.plus(span)))
                    .toList();
        }
    }

    private static Run run(SyntheticCityConfig city, List<RawRecord> extra) throws Exception {
        StreamExecutionEnvironment env = FLINK.environment();
        assertThat(env.getParallelism()).isEqualTo(2);
        var in =
                env.fromSource(
                                new ReplaySource(new SyntheticFeed(city).followedBy(extra)),
                                WatermarkStrategy.noWatermarks(),
                                "replay")
                        .setParallelism(1);
        var out = HotspotJob.build(in, Scenarios.jobConfig());
        CloseableIterator<HotspotAlert> alerts = out.alerts().collectAsync();
        CloseableIterator<Reject> rejects = out.rejects().collectAsync();
        env.execute("hotspot-job-it");
        List<HotspotAlert> a = new ArrayList<>();
        alerts.forEachRemaining(a::add);
        List<Reject> r = new ArrayList<>();
        rejects.forEachRemaining(r::add);
        return new Run(a, r);
    }

    @Test
    void injectedClusterOpensAnExplainedAlertAtItsCell() throws Exception {
        var city =
                Scenarios.quietCity()
                        .withEmergingCluster("c1", QUIET_CELL, 0, INJECT_AT, ONE_HOUR, 12);

        Run run = run(city, List.of());

        List<HotspotAlert> atCluster =
                run.openedDuring(INJECT_AT, ONE_HOUR).stream()
                        .filter(a -> a.cells().contains(QUIET_CELL))
                        .toList();
        assertThat(atCluster).isNotEmpty();
        HotspotAlert a = atCluster.get(0);
        assertThat(a.signal()).isEqualTo(Signal.CFS);
        assertThat(a.confirmed()).isTrue();
        assertThat(a.observed()).isGreaterThanOrEqualTo(3);
        assertThat(a.expected()).isPositive().isLessThan(a.observed());
        assertThat(a.score()).isPositive();
        assertThat(a.recurrenceIntervalDays())
                .isGreaterThanOrEqualTo(
                        Scenarios.jobConfig().detection().recurrenceThresholdDays());
        assertThat(a.topTypes()).isNotEmpty();
        assertThat(InjectedCluster.DEFAULT_CALL_TYPES).contains(a.topTypes().get(0).type());
        assertThat(a.modelVersion()).isEqualTo(AlertLifecycle.MODEL_VERSION);
        assertThat(a.window()).isNotNull();
        assertThat(a.centroid()).isNotNull();
        assertThat(a.alertId()).startsWith(a.zone());
        // the alert closes once the cluster is over
        assertThat(run.alerts())
                .anyMatch(x -> x.alertId().equals(a.alertId()) && x.state() == AlertState.CLOSED);
    }

    @Test
    void proportionalCityWideSurgeOpensNoAlert() throws Exception {
        var city = Scenarios.quietCity().withCityWideSurge(INJECT_AT, Duration.ofHours(3), 3.0);

        Run run = run(city, List.of());

        assertThat(run.openedDuring(INJECT_AT, Duration.ofHours(3))).isEmpty();
    }

    @Test
    void officerInitiatedBurstOpensNoAlert() throws Exception {
        var city =
                Scenarios.quietCity().withOfficerBurst("o1", QUIET_CELL, INJECT_AT, ONE_HOUR, 30);

        Run run = run(city, List.of());

        assertThat(run.opened()).noneMatch(a -> a.cells().contains(QUIET_CELL));
    }

    @Test
    void tipOnlyBurstOpensOnlyAnUnconfirmedAlert() throws Exception {
        var city = Scenarios.quietCity().withTipBurst("t1", QUIET_CELL, INJECT_AT, ONE_HOUR, 10);

        Run run = run(city, List.of());

        List<HotspotAlert> there =
                run.opened().stream().filter(a -> a.cells().contains(QUIET_CELL)).toList();
        assertThat(there).isNotEmpty();
        assertThat(there).allMatch(a -> a.signal() == Signal.TIPS && !a.confirmed());
        assertThat(there.get(0).tipCount()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void malformedRecordsBecomeRejectsWithReasons() throws Exception {
        var city = Scenarios.quietCity().withPeriod(Scenarios.T0, Duration.ofHours(6));
        List<RawRecord> bad =
                List.of(
                        RawRecord.call("{not json"),
                        RawRecord.call(
                                "{\"v\":1,\"id\":\"x1\",\"receivedAt\":\"2026-03-02T07:00:00Z\","
                                        + "\"type\":\"Theft\",\"lat\":10.0,\"lon\":10.0}"),
                        RawRecord.tip("{\"v\":1,\"receivedAt\":\"2026-03-02T07:00:00Z\"}"));

        Run run = run(city, bad);

        assertThat(run.rejects()).hasSize(3);
        assertThat(run.rejects())
                .extracting(Reject::reason)
                .contains(RejectReason.MALFORMED_RECORD, RejectReason.OUT_OF_BOUNDS);
        assertThat(run.rejects()).allMatch(r -> r.payload() != null && r.detail() != null);
    }

    @Test
    void replayingTheSameInputTwiceYieldsTheSameAlerts() throws Exception {
        var city =
                Scenarios.quietCity()
                        .withBursts(true)
                        .withEmergingCluster("c1", QUIET_CELL, 1, INJECT_AT, ONE_HOUR, 15);

        List<HotspotAlert> first = normalized(run(city, List.of()).alerts());
        List<HotspotAlert> second = normalized(run(city, List.of()).alerts());

        assertThat(first).isNotEmpty();
        assertThat(second).containsExactlyElementsOf(first);
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
}
