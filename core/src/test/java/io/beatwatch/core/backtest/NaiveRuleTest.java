package io.beatwatch.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.synth.InjectedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NaiveRuleTest {

    static final long T0 = Instant.parse("2024-03-04T10:00:00Z").toEpochMilli();
    static final long MIN = 60_000L;
    static final String CELL = H3Grid.defaultGrid().cellOf(29.4241, -98.4936);
    static final String OTHER = H3Grid.defaultGrid().cellOf(29.5, -98.6);

    static CellEvent callAt(String cell, long minutes) {
        return CellEvent.call(T0 + minutes * MIN, cell);
    }

    static List<CellEvent> callsAt(long... minutes) {
        List<CellEvent> out = new ArrayList<>();
        for (long m : minutes) out.add(callAt(CELL, m));
        return out;
    }

    /** Minutes (after T0) of the firings. */
    static List<Long> firings(List<CellEvent> events, int n) {
        return NaiveRule.alerts(events, n).stream()
                .map(a -> (a.eventTime().toEpochMilli() - T0) / MIN)
                .toList();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, threshold, calls (minutes after T0), expected firings (minutes)
                Arguments.of("fires at the Nth call", 3, callsAt(0, 10, 20), List.of(20L)),
                Arguments.of("not at N-1", 4, callsAt(0, 10, 20), List.of()),
                Arguments.of(
                        "N calls spread over more than 60 min", 3, callsAt(0, 30, 60), List.of()),
                Arguments.of(
                        "a call 59 min back still counts", 3, callsAt(1, 30, 60), List.of(60L)),
                Arguments.of(
                        "stays quiet while at or above N", 2, callsAt(0, 10, 20, 30), List.of(10L)),
                Arguments.of(
                        "re-arms after dropping below N",
                        2,
                        callsAt(0, 10, 80, 85),
                        List.of(10L, 85L)),
                Arguments.of(
                        "no re-arm when the window never drops below N",
                        2,
                        callsAt(0, 10, 50, 65, 100),
                        List.of(10L)),
                Arguments.of("N = 1 fires on a lone call", 1, callsAt(0, 61), List.of(0L, 61L)),
                Arguments.of(
                        "N = 1 holds while the hour has a call", 1, callsAt(0, 30), List.of(0L)),
                Arguments.of("same-time calls", 2, callsAt(5, 5), List.of(5L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firesWhenTheTrailingHourReachesN(
            String name, int n, List<CellEvent> calls, List<Long> expected) {
        assertThat(firings(calls, n)).isEqualTo(expected);
    }

    @Test
    void windowIsLeftOpenAtExactlySixtyMinutes() {
        List<CellEvent> exact =
                List.of(
                        CellEvent.call(T0, CELL),
                        CellEvent.call(T0 + 30 * MIN, CELL),
                        CellEvent.call(T0 + 60 * MIN, CELL));
        List<CellEvent> oneMsInside =
                List.of(
                        CellEvent.call(T0 + 1, CELL),
                        CellEvent.call(T0 + 30 * MIN, CELL),
                        CellEvent.call(T0 + 60 * MIN, CELL));

        assertThat(NaiveRule.alerts(exact, 3)).isEmpty();
        assertThat(NaiveRule.alerts(oneMsInside, 3)).hasSize(1);
    }

    @Test
    void officerCallsAndOtherCellsAreNotCounted() {
        List<CellEvent> events =
                List.of(
                        callAt(CELL, 0),
                        CellEvent.officer(T0 + MIN, CELL),
                        CellEvent.officer(T0 + 2 * MIN, CELL),
                        callAt(OTHER, 3),
                        callAt(CELL, 4),
                        callAt(OTHER, 5),
                        callAt(CELL, 6));

        assertThat(NaiveRule.alerts(events, 3))
                .singleElement()
                .satisfies(a -> assertThat(a.cells()).containsExactly(CELL));
        assertThat(NaiveRule.alerts(events, 4)).isEmpty();
    }

    @Test
    void alertIsAConfirmedOpeningThatEmergenceScoreMatches() {
        HotspotAlert a = NaiveRule.alerts(callsAt(0, 10, 20, 25), 4).get(0);

        assertThat(a.state()).isEqualTo(AlertState.OPENED);
        assertThat(a.confirmed()).isTrue();
        assertThat(a.alertId()).isEqualTo("naive4-" + CELL + "-" + (T0 / MIN + 25));
        assertThat(a.zone()).isEqualTo(CELL);
        assertThat(a.ring()).isZero();
        assertThat(a.window()).isEqualTo(Duration.ofMinutes(60));
        assertThat(a.observed()).isEqualTo(4);
        assertThat(a.eventTime()).isEqualTo(Instant.ofEpochMilli(T0 + 25 * MIN));
        assertThat(a.openedAt()).isEqualTo(a.eventTime());
        assertThat(a.modelVersion()).isEqualTo(NaiveRule.MODEL_VERSION);

        InjectedCluster c =
                new InjectedCluster(
                        "c0000",
                        CELL,
                        0,
                        Instant.ofEpochMilli(T0),
                        Duration.ofMinutes(60),
                        4,
                        InjectedCluster.DEFAULT_CALL_TYPES,
                        InjectedCluster.Kind.CALLS);
        var outcome =
                EmergenceScore.outcomes(List.of(c), List.of(a), Duration.ofMinutes(30)).get(0);
        assertThat(outcome.detected()).isTrue();
        assertThat(outcome.minutesToDetect()).isEqualTo(25.0);
        assertThat(EmergenceScore.falseAlarms(List.of(a), List.of(), Duration.ZERO, t -> true))
                .containsExactly(a);
    }

    @Test
    void refusesStreamsOutOfTimeOrder() {
        assertThatThrownBy(() -> NaiveRule.alerts(callsAt(10, 5), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time order");
    }
}
