package io.beatwatch.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.HotspotAlert;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HindsightDetectorTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final String A = H3Grid.defaultGrid().cellOf(29.4241, -98.4936);
    static final String B = H3Grid.ring(A, 1).get(1);
    static final String FAR = H3Grid.defaultGrid().cellOf(29.6, -98.3);

    /** Monday 2024-03-04 and the Monday after. */
    static final LocalDate MONDAY = LocalDate.of(2024, 3, 4);

    static final int MON = (int) MONDAY.toEpochDay();
    static final int NEXT_MON = MON + 7;
    static final int MON_10 = 10;

    static long at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static CellEvent callAt(String cell, LocalDate day, int hour, int minute) {
        return CellEvent.call(at(day, hour, minute), cell);
    }

    @Test
    void ratesAreCallsPerHourOfWeekOnDaysWithData() {
        List<CellEvent> background =
                List.of(
                        CellEvent.officer(at(MONDAY, 10, 10), A),
                        callAt(A, MONDAY, 10, 15),
                        callAt(A, MONDAY, 10, 45),
                        callAt(A, MONDAY, 11, 20),
                        callAt(A, MONDAY.plusDays(1), 10, 15), // not a day with data
                        callAt(A, MONDAY.plusDays(7), 10, 30),
                        CellEvent.call(at(MONDAY.plusDays(7), 12, 0), A)); // belongs to 11-12

        HindsightDetector d = HindsightDetector.fit(background, Set.of(MON, NEXT_MON), UTC);

        assertThat(d.rate(A, MON_10)).isEqualTo(1.5); // 3 calls in 2 Monday 10-11 hours
        assertThat(d.rate(A, 11)).isEqualTo(1.0); // 11:20 and 12:00:00.000, over 2 hours
        assertThat(d.rate(A, 12)).isZero();
        assertThat(d.rate(A, 24 + 10)).isZero(); // Tuesday: no day with data
        assertThat(d.rate(FAR, MON_10)).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        // instant (UTC), hour of week in Los Angeles
        "2024-03-04T18:15:00Z, 10", // Monday 10:15 PST
        "2024-03-04T18:00:00Z, 9", // 10:00:00.000 closes the 09-10 hour
        "2024-03-04T18:00:00.001Z, 10",
        "2024-03-11T17:15:00Z, 10", // Monday 10:15 PDT
        "2024-03-10T09:00:01Z, 145", // Sunday 01:00:01 PST
        "2024-03-10T10:30:00Z, 147" // Sunday 03:30 PDT (02:00 does not exist)
    })
    void hourOfWeekIsLocalAndLeftOpen(String instant, int hourOfWeek) {
        assertThat(HindsightDetector.hourOfWeek(Instant.parse(instant).toEpochMilli(), LA))
                .isEqualTo(hourOfWeek);
    }

    @Test
    void springForwardDayHasNoTwoOClockHour() {
        LocalDate sunday = LocalDate.of(2024, 3, 10);
        List<CellEvent> background =
                List.of(CellEvent.call(Instant.parse("2024-03-10T10:30:00Z").toEpochMilli(), A));

        HindsightDetector d =
                HindsightDetector.fit(background, Set.of((int) sunday.toEpochDay()), LA);

        assertThat(d.rate(A, 6 * 24 + 3)).isEqualTo(1.0);
        assertThat(d.rate(A, 6 * 24 + 2)).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        // expected, p*, k = smallest k with P(X >= k) <= p*
        "1.0, 0.01, 5", // P(X>=4) = 0.0190, P(X>=5) = 0.00366
        "1.0, 0.05, 4",
        "1.0, 0.3, 2", // P(X>=2) = 0.264
        "0.1, 0.001, 3", // P(X>=2) = 0.00468, P(X>=3) = 0.000155
        "0.0, 1e-12, 1", // no calls expected: one is already impossible
        "10.0, 1e-6, 29" // P(X>=28) = 2.25e-6, P(X>=29) = 7.6e-7
    })
    void thresholdIsTheSmallestCountAsRareAsPStar(double expected, double pStar, int k) {
        assertThat(HindsightDetector.threshold(expected, pStar)).isEqualTo(k);
    }

    @Test
    void ringOneZoneRateSumsItsSevenCells() {
        List<CellEvent> background =
                List.of(
                        callAt(A, MONDAY, 10, 5),
                        callAt(B, MONDAY, 10, 10),
                        callAt(B, MONDAY, 10, 20),
                        callAt(FAR, MONDAY, 10, 30));

        HindsightDetector d = HindsightDetector.fit(background, Set.of(MON), UTC);

        assertThat(H3Grid.ring(A, 1)).hasSize(7).contains(B);
        assertThat(d.ring1ZoneCount()).isEqualTo(3);
        assertThat(d.zoneRate(A, 0, MON_10)).isEqualTo(1.0);
        assertThat(d.zoneRate(A, 1, MON_10)).isEqualTo(3.0);
        assertThat(d.zoneRate(B, 1, MON_10)).isEqualTo(3.0);
        assertThat(d.zoneRate(FAR, 1, MON_10)).isEqualTo(1.0);
        // a window is the integral of the hourly rate: 20 min of hour 10, none of hour 9
        assertThat(d.expected(A, 1, 60, at(MONDAY, 10, 20))).isCloseTo(1.0, within(1e-12));
        String quiet = H3Grid.ring(A, 1).stream().filter(c -> !c.equals(B)).toList().get(1);
        assertThatThrownBy(() -> d.zoneRate(quiet, 1, MON_10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alertsAtTheKthCallAndHoldsOneAlertPerCentre() {
        // rate 2 an hour in Monday 10-11 only: a 30-minute window inside it expects 1 call
        HindsightDetector d =
                HindsightDetector.fit(
                        List.of(callAt(A, MONDAY, 10, 5), callAt(A, MONDAY, 10, 50)),
                        Set.of(MON),
                        UTC);
        List<CellEvent> four = new ArrayList<>();
        for (int m : new int[] {20, 25, 30, 35}) four.add(callAt(A, MONDAY, 10, m));
        List<CellEvent> six = new ArrayList<>(four);
        six.add(callAt(A, MONDAY, 10, 40));
        six.add(callAt(A, MONDAY, 10, 41));

        assertThat(d.run(four, 0.01)).isEmpty(); // P(X >= 4 | 1) = 0.019
        List<HotspotAlert> alerts = d.run(six, 0.01);
        assertThat(alerts).singleElement();
        HotspotAlert a = alerts.get(0);
        assertThat(a.eventTime()).isEqualTo(Instant.ofEpochMilli(at(MONDAY, 10, 40)));
        assertThat(a.observed()).isEqualTo(5);
        assertThat(a.expected()).isCloseTo(1.0, within(1e-12));
        assertThat(a.ring()).isZero();
        assertThat(a.window().toMinutes()).isEqualTo(30);
        assertThat(a.cells()).containsExactly(A);
        assertThat(a.confirmed()).isTrue();
        assertThat(a.modelVersion()).isEqualTo(HindsightDetector.MODEL_VERSION);
        assertThat(a.alertId())
                .isEqualTo("hindsight-" + A + "-r0-w30-" + at(MONDAY, 10, 40) / 60_000);
    }

    @Test
    void aCellWithoutBackgroundCallsAlertsOnItsFirstCall() {
        HindsightDetector d =
                HindsightDetector.fit(List.of(callAt(A, MONDAY, 10, 5)), Set.of(MON), UTC);

        assertThat(d.run(List.of(callAt(FAR, MONDAY, 9, 0)), 1e-9))
                .singleElement()
                .satisfies(a -> assertThat(a.zone()).isEqualTo(FAR));
    }

    @Test
    void calibrationMeetsTheBudgetOnAPoissonBackground() {
        // 19 cells, each Poisson at 0.5 calls an hour, for 60 days; budget 1 per 10 days: 6
        List<String> cells = H3Grid.ring(A, 2);
        long from = at(MONDAY, 0, 0);
        long to = from + 60L * 86_400_000L;
        SplittableRandom rng = new SplittableRandom(7);
        List<CellEvent> background = new ArrayList<>();
        for (String c : cells) {
            for (double t = from; ; ) {
                t += -Math.log(1 - rng.nextDouble()) / 0.5 * 3_600_000.0;
                if (t >= to) break;
                background.add(CellEvent.call((long) t, c));
            }
        }
        background.sort((x, y) -> Long.compare(x.timeMillis(), y.timeMillis()));
        Set<Integer> days = new HashSet<>();
        for (int k = 0; k < 60; k++) days.add(MON + k);
        Set<Integer> counted = new HashSet<>();
        for (int k = 10; k < 60; k++) counted.add(MON + k);

        HindsightDetector.Result r =
                HindsightDetector.calibrateAndRun(background, background, days, UTC, counted, 10.0);

        assertThat(r.calibration().allowedFalseAlarms()).isEqualTo(5);
        assertThat(r.backgroundFalseAlarms()).hasSize(5);
        assertThat(r.calibration().steps()).isEqualTo(2 + HindsightDetector.CALIBRATION_STEPS);
        assertThat(countedOpenings(r.alerts(), counted)).isEqualTo(5);
        HindsightDetector d = HindsightDetector.fit(background, days, UTC);
        assertThat(countedOpenings(d.run(background, r.pStar() * 1.001), counted)).isGreaterThan(5);
    }

    static long countedOpenings(List<HotspotAlert> alerts, Set<Integer> counted) {
        return alerts.stream()
                .filter(
                        a ->
                                counted.contains(
                                        (int)
                                                Math.floorDiv(
                                                        a.eventTime().toEpochMilli(), 86_400_000L)))
                .count();
    }
}
