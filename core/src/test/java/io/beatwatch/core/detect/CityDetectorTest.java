package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.synth.Event;
import io.beatwatch.core.synth.InjectedCluster;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.synth.SyntheticCityConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole pipeline in plain Java on a synthetic city with ground truth. */
class CityDetectorTest {

    private static final Logger LOG = LoggerFactory.getLogger(CityDetectorTest.class);
    private static final H3Grid GRID = H3Grid.defaultGrid();
    private static final Instant T0 = SyntheticCityConfig.DEFAULT_START;

    /** Eight days of history (warm-up is seven), then two days under detection. */
    private static final SyntheticCityConfig TEN_DAYS =
            SyntheticCityConfig.defaults().withPeriod(T0, Duration.ofDays(10));

    /** Day 9, 14:00 local. */
    private static final Instant CLUSTER_START =
            T0.plus(Duration.ofDays(8)).plus(Duration.ofHours(14));

    /** A cell 2 km north-east of the centre. */
    private static final String CELL = GRID.cellOf(29.438, -98.47);

    private static List<HotspotAlert> run(SyntheticCityConfig config) {
        SyntheticCity city = new SyntheticCity(config);
        CityDetector detector =
                new CityDetector(
                        DetectionConfig.defaults(),
                        GRID,
                        cell -> {
                            var c = H3Grid.centroid(cell);
                            return city.districtOf(c.lat(), c.lon());
                        });
        List<HotspotAlert> alerts = new ArrayList<>();
        for (Event e : city) {
            if (e instanceof Event.CallEvent c) {
                alerts.addAll(detector.accept(c.call()));
            } else if (e instanceof Event.TipEvent t) {
                alerts.addAll(detector.accept(t.tip()));
            }
        }
        alerts.addAll(detector.advanceTo(config.end().toEpochMilli()));
        LOG.info(
                "{} alerts, {} duplicates, {} officer-initiated excluded, {} active cells",
                alerts.size(),
                detector.duplicates(),
                detector.officerExcluded(),
                detector.activeCells());
        return alerts;
    }

    private static List<HotspotAlert> opened(List<HotspotAlert> alerts) {
        return alerts.stream().filter(a -> a.state() == AlertState.OPENED).toList();
    }

    private static boolean near(HotspotAlert a, InjectedCluster c) {
        return a.cells().stream().anyMatch(x -> c.cells().contains(x));
    }

    @Test
    void detectsAnInjectedClusterQuicklyAndExplainsIt() {
        SyntheticCityConfig config =
                TEN_DAYS.withEmergingCluster(
                        "c1", CELL, 0, CLUSTER_START, Duration.ofMinutes(60), 10);
        InjectedCluster truth = config.clusters().get(0);
        List<HotspotAlert> alerts = run(config);

        HotspotAlert hit =
                opened(alerts).stream()
                        .filter(a -> near(a, truth))
                        .filter(a -> !a.eventTime().isBefore(truth.start()))
                        .findFirst()
                        .orElseThrow();
        Duration toDetect = Duration.between(truth.start(), hit.eventTime());
        LOG.info("cluster +10 calls in 60 min detected after {} by {}", toDetect, hit);
        assertThat(toDetect).isLessThan(Duration.ofMinutes(60));
        assertThat(hit.signal()).isIn(Signal.CFS, Signal.BOTH);
        assertThat(hit.confirmed()).isTrue();
        assertThat(hit.observed()).isGreaterThan((long) Math.ceil(hit.expected()));
        assertThat(hit.recurrenceIntervalDays()).isGreaterThanOrEqualTo(100);
        assertThat(hit.topTypes()).isNotEmpty();
        assertThat(hit.modelVersion()).isEqualTo(AlertLifecycle.MODEL_VERSION);
        // and it closes once the calls stop
        assertThat(alerts)
                .anyMatch(a -> a.alertId().equals(hit.alertId()) && a.state() == AlertState.CLOSED);
    }

    @Test
    void backgroundFalseAlarmsAndASurgeAndOfficerAndTipBursts() {
        Instant surgeStart = T0.plus(Duration.ofDays(8)).plus(Duration.ofHours(10));
        SyntheticCityConfig config =
                TEN_DAYS.withCityWideSurge(surgeStart, Duration.ofHours(4), 3.0)
                        .withOfficerBurst("stops", CELL, CLUSTER_START, Duration.ofMinutes(30), 15)
                        .withTipBurst(
                                "tips",
                                GRID.cellOf(29.40, -98.52),
                                CLUSTER_START.plus(Duration.ofHours(3)),
                                Duration.ofMinutes(30),
                                6);
        List<HotspotAlert> alerts = run(config);
        List<HotspotAlert> opened = opened(alerts);
        InjectedCluster stops = config.clusters().get(0);
        InjectedCluster tips = config.clusters().get(1);

        assertThat(opened).noneMatch(a -> near(a, stops) && stops.activeAt(a.eventTime()));
        HotspotAlert tipAlert =
                opened.stream().filter(a -> near(a, tips)).findFirst().orElseThrow();
        assertThat(tipAlert.signal()).isEqualTo(Signal.TIPS);
        assertThat(tipAlert.confirmed()).isFalse();

        List<HotspotAlert> falseAlarms = opened.stream().filter(a -> !near(a, tips)).toList();
        long duringSurge =
                falseAlarms.stream()
                        .filter(
                                a ->
                                        !a.eventTime().isBefore(surgeStart)
                                                && a.eventTime()
                                                        .isBefore(
                                                                surgeStart.plus(
                                                                        Duration.ofHours(4))))
                        .count();
        LOG.info(
                "background: {} false alarms in 3 days of detection at a 100-day budget, {} during"
                        + " the ×3 surge: {}",
                falseAlarms.size(),
                duringSurge,
                falseAlarms);
        assertThat(duringSurge).isZero();
        assertThat(falseAlarms.size()).isLessThanOrEqualTo(2);
    }
}
