package io.beatwatch.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.synth.InjectedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmergenceScoreTest {

    private static final Instant T0 = Instant.parse("2024-03-02T10:00:00Z");
    private static final String CELL = H3Grid.defaultGrid().cellOf(29.42, -98.49);
    private static final String FAR = H3Grid.defaultGrid().cellOf(29.52, -98.39);
    private static final Duration GRACE = Duration.ofMinutes(60);
    private static final InjectedCluster CLUSTER =
            InjectedCluster.calls("c1", CELL, 0, T0, Duration.ofMinutes(60), 6);

    private static HotspotAlert alert(
            String id,
            AlertState state,
            EmergenceCategory cat,
            List<String> cells,
            Instant at,
            boolean confirmed) {
        return new HotspotAlert(
                HotspotAlert.VERSION,
                id,
                state,
                cat,
                cells.get(0),
                0,
                cells,
                null,
                null,
                Duration.ofMinutes(60),
                5,
                0.5,
                7.0,
                200,
                confirmed ? Signal.CFS : Signal.TIPS,
                confirmed,
                List.of(),
                0,
                at,
                at,
                "stp-poisson-1",
                null);
    }

    @Test
    void firstMatchingOpeningDetectsAndTimesTheCluster() {
        var late =
                alert(
                        "a2",
                        AlertState.OPENED,
                        EmergenceCategory.NEW,
                        List.of(CELL),
                        T0.plusSeconds(1800),
                        true);
        var early =
                alert(
                        "a1",
                        AlertState.OPENED,
                        EmergenceCategory.NEW,
                        List.of(FAR, CELL),
                        T0.plusSeconds(900),
                        true);
        var outcome = EmergenceScore.outcomes(List.of(CLUSTER), List.of(late, early), GRACE).get(0);
        assertThat(outcome.detected()).isTrue();
        assertThat(outcome.minutesToDetect()).isCloseTo(15.0, within(1e-9));
        assertThat(outcome.alertId()).isEqualTo("a1");
    }

    @Test
    void notDetectedElsewhereTooLateTipsOnlyOrByAPersistentUpdate() {
        List<HotspotAlert> misses =
                List.of(
                        alert(
                                "far",
                                AlertState.OPENED,
                                EmergenceCategory.NEW,
                                List.of(FAR),
                                T0.plusSeconds(600),
                                true),
                        alert(
                                "late",
                                AlertState.OPENED,
                                EmergenceCategory.NEW,
                                List.of(CELL),
                                T0.plus(Duration.ofMinutes(121)),
                                true),
                        alert(
                                "before",
                                AlertState.OPENED,
                                EmergenceCategory.NEW,
                                List.of(CELL),
                                T0.minusSeconds(60),
                                true),
                        alert(
                                "tips",
                                AlertState.OPENED,
                                EmergenceCategory.NEW,
                                List.of(CELL),
                                T0.plusSeconds(600),
                                false),
                        alert(
                                "old",
                                AlertState.UPDATED,
                                EmergenceCategory.PERSISTENT,
                                List.of(CELL),
                                T0.plusSeconds(600),
                                true));
        assertThat(EmergenceScore.outcomes(List.of(CLUSTER), misses, GRACE).get(0).detected())
                .isFalse();
        var up =
                alert(
                        "up",
                        AlertState.UPDATED,
                        EmergenceCategory.INTENSIFYING,
                        List.of(CELL),
                        T0.plusSeconds(600),
                        true);
        assertThat(
                        EmergenceScore.outcomes(List.of(CLUSTER), List.of(up), GRACE)
                                .get(0)
                                .minutesToDetect())
                .isCloseTo(10.0, within(1e-9));
    }

    @Test
    void falseAlarmsAreConfirmedOpeningsThatMatchNoClusterOnCountedDays() {
        List<HotspotAlert> alerts =
                List.of(
                        alert(
                                "hit",
                                AlertState.OPENED,
                                EmergenceCategory.NEW,
                                List.of(CELL),
                                T0.plusSeconds(600),
                                true),
                        alert(
                                "fa",
                                AlertState.OPENED,
                                EmergenceCategory.NEW,
                                List.of(FAR),
                                T0.plusSeconds(600),
                                true),
                        alert(
                                "fa-update",
                                AlertState.UPDATED,
                                EmergenceCategory.INTENSIFYING,
                                List.of(FAR),
                                T0.plusSeconds(700),
                                true),
                        alert(
                                "tips",
                                AlertState.OPENED,
                                EmergenceCategory.NEW,
                                List.of(FAR),
                                T0.plusSeconds(600),
                                false),
                        alert(
                                "uncounted",
                                AlertState.OPENED,
                                EmergenceCategory.NEW,
                                List.of(FAR),
                                T0.plusSeconds(86_400),
                                true));
        long dayEnd = T0.plusSeconds(80_000).toEpochMilli();
        var fa = EmergenceScore.falseAlarms(alerts, List.of(CLUSTER), GRACE, t -> t < dayEnd);
        assertThat(fa).extracting(HotspotAlert::alertId).containsExactly("fa");
        var none = EmergenceScore.falseAlarms(alerts, List.of(), GRACE, t -> t < dayEnd);
        assertThat(none).extracting(HotspotAlert::alertId).containsExactly("hit", "fa");
    }

    @Test
    void peakStrengthIsTheStrongestMessageOfEachCountedAlert() {
        var open = alert("a", AlertState.OPENED, EmergenceCategory.NEW, List.of(CELL), T0, true);
        var stronger =
                new HotspotAlert(
                        HotspotAlert.VERSION,
                        "a",
                        AlertState.UPDATED,
                        EmergenceCategory.INTENSIFYING,
                        CELL,
                        0,
                        List.of(CELL),
                        null,
                        null,
                        Duration.ofMinutes(60),
                        9,
                        0.5,
                        20.0,
                        1e6,
                        Signal.CFS,
                        true,
                        List.of(),
                        0,
                        T0,
                        T0.plusSeconds(60),
                        "stp-poisson-1",
                        null);
        double[] peaks = EmergenceScore.peakStrengths(List.of(open, stronger), 1.0, t -> true);
        double expected = -io.beatwatch.core.detect.PoissonScan.logUpperTail(9, 0.5) / Math.log(10);
        assertThat(peaks).containsExactly(expected);
        assertThat(EmergenceScore.peakStrengths(List.of(open, stronger), 1.0, t -> false))
                .isEmpty();
    }
}
