package io.beatwatch.core.backtest;

import static io.beatwatch.core.backtest.Tables.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BeatwatchRiskTest {

    private static final List<String> CELLS = Tables.cells();
    private static final String HOME = CELLS.get(0);
    private static final String NEIGHBOUR = CELLS.get(1);
    private static final String FAR = CELLS.get(90);
    private static final double INF = Double.POSITIVE_INFINITY;

    /** The job's prior, per cell per day: 1 call per 28 days. */
    private static final double PRIOR = 1.0 / 28;

    private static BeatwatchRisk fixed(
            Timeline tl, Horizon h, double halfLife, double beta, double alpha, double theta) {
        return new BeatwatchRisk(
                tl,
                h,
                BeatwatchRisk.Grid.fixed(new BeatwatchRisk.Params(halfLife, beta, alpha, theta, 0)),
                AlertHistory.empty(),
                0.01,
                0);
    }

    private static BeatwatchRisk fixed(Timeline tl, Horizon h, double halfLife, double beta) {
        return fixed(tl, h, halfLife, beta, 0, 0);
    }

    private static int cellIndex(Timeline tl, String address) {
        for (int c = 0; c < tl.table().cellCount(); c++) {
            if (tl.table().cellAddress(c).equals(address)) return c;
        }
        throw new AssertionError(address);
    }

    private static Period dayPeriod(Timeline tl, int dayIndex) {
        int d = tl.localDay(dayIndex) - Tables.epochDay(0);
        return new Period(0, "day " + d, new int[] {dayIndex}, 0, 1440, Tables.at(d, 0));
    }

    @Test
    void halfLifeDecidesBetweenAnOldAndARecentHotspot() {
        // cell A: 10 calls a day on days 0-19; cell B: 3 a day on days 20-39
        var b = Tables.builder();
        int n = 0;
        for (int d = 0; d < 40; d++) {
            String cell = d < 20 ? CELLS.get(0) : CELLS.get(1);
            for (int i = 0; i < (d < 20 ? 10 : 3); i++) call(b, "c" + n++, d, 60 + i, cell, null);
        }
        Timeline tl = new Timeline(b.build(), Tables.days(41), Timeline.EventSet.ALL);
        Period day40 = dayPeriod(tl, 40);
        int a = cellIndex(tl, CELLS.get(0));
        int bb = cellIndex(tl, CELLS.get(1));

        double[] shortMemory = fixed(tl, Horizon.DAY, 7, 0).scores(day40);
        double[] longMemory = fixed(tl, Horizon.DAY, INF, 0).scores(day40);
        assertThat(shortMemory[bb]).isGreaterThan(shortMemory[a]);
        assertThat(longMemory[a]).isGreaterThan(longMemory[bb]);
        // no decay: the mean daily count, 200 calls over 40 days, plus the prior
        assertThat(longMemory[a]).isCloseTo(5 + PRIOR, within(1e-9));
    }

    @Test
    void halfLifeCountsDaysWithDataNotCalendarDays() {
        // days with data 0, 30 and 60 (a feed of one window a month); A: 4 calls on day 0,
        // B: 2 calls on day 30; scored: day 60. H = 1 day with data: weights 1/4 and 1/2.
        var b = Tables.builder();
        for (int i = 0; i < 4; i++) call(b, "a" + i, 0, 600 + i, HOME, null);
        for (int i = 0; i < 2; i++) call(b, "b" + i, 30, 600 + i, FAR, null);
        call(b, "x", 60, 600, HOME, null);
        CompleteDays days =
                new CompleteDays(
                        new int[] {Tables.epochDay(0), Tables.epochDay(30), Tables.epochDay(60)},
                        "test");
        Timeline tl = new Timeline(b.build(), days, Timeline.EventSet.ALL);
        double[] s = fixed(tl, Horizon.DAY, 1, 0).scores(dayPeriod(tl, 2));

        // (4·1/4 + prior·3/4) / (3/4) and (2·1/2 + prior·3/4) / (3/4): equal, 4/3 + prior
        assertThat(s[cellIndex(tl, HOME)]).isCloseTo(4.0 / 3 + PRIOR, within(1e-9));
        assertThat(s[cellIndex(tl, FAR)]).isCloseTo(4.0 / 3 + PRIOR, within(1e-9));
    }

    @Test
    void ringShrinksACellTowardsItsNeighbours() {
        // days 0-9: HOME and FAR 6 calls a day each, HOME's NEIGHBOUR one call on day 0
        var b = Tables.builder();
        int n = 0;
        for (int d = 0; d < 10; d++) {
            for (int i = 0; i < 6; i++) {
                call(b, "h" + n++, d, 60 + i, HOME, null);
                call(b, "f" + n++, d, 60 + i, FAR, null);
            }
        }
        call(b, "n", 0, 300, NEIGHBOUR, null);
        Timeline tl = new Timeline(b.build(), Tables.days(11), Timeline.EventSet.ALL);
        double[] s = fixed(tl, Horizon.DAY, INF, 0, 0.5, 0).scores(dayPeriod(tl, 10));

        double home = 6 + PRIOR;
        double neighbour = 0.1 + PRIOR;
        // S = (1 − α)·B(c) + α·(Σ ring B) / 6; cells outside the study area count as zero
        assertThat(s[cellIndex(tl, HOME)])
                .isCloseTo(0.5 * home + 0.5 * neighbour / 6, within(1e-9));
        assertThat(s[cellIndex(tl, NEIGHBOUR)])
                .isCloseTo(0.5 * neighbour + 0.5 * home / 6, within(1e-9));
        assertThat(s[cellIndex(tl, FAR)]).isCloseTo(0.5 * home, within(1e-9));
    }

    @Test
    void selfExcitingTermAddsEachRecentCallDecayedByItsAge() {
        // HOME: a call at 00:00 on day 1 (1 day before day 2 starts); FAR: one at 00:00 on day 0
        var b = Tables.builder();
        call(b, "h", 1, 0, HOME, null);
        call(b, "f", 0, 0, FAR, null);
        Timeline tl = new Timeline(b.build(), Tables.days(3), Timeline.EventSet.ALL);
        double[] s = fixed(tl, Horizon.DAY, INF, 0, 0, 1).scores(dayPeriod(tl, 2));

        // baseline 1 call over 2 days + prior, plus θ·exp(−age / 1 day)
        assertThat(s[cellIndex(tl, HOME)]).isCloseTo(0.5 + PRIOR + Math.exp(-1), within(1e-9));
        assertThat(s[cellIndex(tl, FAR)]).isCloseTo(0.5 + PRIOR + Math.exp(-2), within(1e-9));
    }

    @Test
    void daySliceSeparatesWeekendsFromWeekdays() {
        // days 0-18 (day 0 is a Monday): HOME 7 calls on each of the 4 weekend days, FAR 2 calls
        // on each of the 15 weekdays; scored: day 19, a Saturday
        var b = Tables.builder();
        int n = 0;
        for (int d = 0; d < 19; d++) {
            boolean weekend = d % 7 == 5 || d % 7 == 6;
            for (int i = 0; i < (weekend ? 7 : 2); i++) {
                call(b, "c" + n++, d, 60 + i, weekend ? HOME : FAR, null);
            }
        }
        Timeline tl = new Timeline(b.build(), Tables.days(20), Timeline.EventSet.ALL);
        Period saturday = dayPeriod(tl, 19);
        assertThat(BeatwatchRisk.weekendSlot(tl.localDay(19))).isEqualTo(1);

        double[] sliced = fixed(tl, Horizon.DAY, INF, 0.5).scores(saturday);
        // B = 0.5·(all days: calls / 19 + prior) + 0.5·(weekend days: calls / 4 + prior)
        assertThat(sliced[cellIndex(tl, HOME)])
                .isCloseTo(0.5 * 28 / 19 + 0.5 * 28 / 4 + PRIOR, within(1e-9));
        assertThat(sliced[cellIndex(tl, FAR)]).isCloseTo(0.5 * 30 / 19 + PRIOR, within(1e-9));
        // without the slice FAR's 30 calls outrank HOME's 28
        double[] flat = fixed(tl, Horizon.DAY, INF, 0).scores(saturday);
        assertThat(flat[cellIndex(tl, FAR)]).isGreaterThan(flat[cellIndex(tl, HOME)]);
    }

    @Test
    void shiftSliceFollowsTheTimeOfDay() {
        // cell N busy at night (00-08), cell D busy in the day (08-16), same totals
        var b = Tables.builder();
        int n = 0;
        for (int d = 0; d < 20; d++) {
            for (int i = 0; i < 4; i++) {
                call(b, "n" + n++, d, 60 + 60 * i, CELLS.get(0), null);
                call(b, "d" + n++, d, 9 * 60 + 60 * i, CELLS.get(1), null);
            }
        }
        Timeline tl = new Timeline(b.build(), Tables.days(21), Timeline.EventSet.ALL);
        Period night = new Period(0, "night", new int[] {20}, 0, 480, Tables.at(20, 0));
        Period day = new Period(1, "day", new int[] {20}, 480, 960, Tables.at(20, 480));
        int cn = cellIndex(tl, CELLS.get(0));
        int cd = cellIndex(tl, CELLS.get(1));

        assertThat(fixed(tl, Horizon.SHIFT, 90, 0.9).scores(night)[cn])
                .isGreaterThan(fixed(tl, Horizon.SHIFT, 90, 0.9).scores(night)[cd]);
        BeatwatchRisk sliced = fixed(tl, Horizon.SHIFT, 90, 0.9);
        sliced.scores(night);
        double[] s = sliced.scores(day);
        assertThat(s[cd]).isGreaterThan(s[cn]);
        // without the slice the two cells tie
        double[] flat = fixed(tl, Horizon.SHIFT, 90, 0).scores(night);
        assertThat(flat[cn]).isEqualTo(flat[cd]);
    }

    /** The hotspot moves from cell P to cell Q on day 15; a short memory follows it sooner. */
    private static Timeline movingHotspot() {
        var b = Tables.builder();
        int n = 0;
        for (int d = 0; d < 40; d++) {
            String hot = d < 15 ? CELLS.get(0) : CELLS.get(1);
            for (int i = 0; i < 8; i++) call(b, "h" + n++, d, 30 + 100 * i, hot, null);
            // background: one call in each of 60 other cells every day
            for (int c = 2; c < 62; c++) call(b, "b" + n++, d, 700 + c, CELLS.get(c), null);
        }
        return new Timeline(b.build(), Tables.days(40), Timeline.EventSet.ALL);
    }

    private static List<BeatwatchRisk.Params> chosenWith(int tuningPeriods) {
        return tunedWith(tuningPeriods).chosen();
    }

    private static BeatwatchRisk tunedWith(int tuningPeriods) {
        Timeline tl = movingHotspot();
        var grid =
                new BeatwatchRisk.Grid(
                        List.of(365.0, 2.0),
                        List.of(0.0),
                        List.of(0.0),
                        List.of(0.0),
                        List.of(0.0));
        BeatwatchRisk risk =
                new BeatwatchRisk(tl, Horizon.DAY, grid, AlertHistory.empty(), 0.01, tuningPeriods);
        for (Period p : tl.periods(Horizon.DAY, 5, null, null)) risk.scores(p);
        assertThat(risk.frozenChoice()).isPresent();
        return risk;
    }

    @Test
    void tuningSplitChoosesOnceAndTheHeldOutPeriodsKeepIt() {
        // periods start on day 5; the split of 25 periods (days 5-29) sees the move: the short
        // memory flags cell Q from day 18 on, the long one not before day 31
        List<BeatwatchRisk.Params> chosen = chosenWith(25);
        assertThat(chosen.subList(0, 25)).allMatch(p -> p.halfLifeDays() == 365.0);
        assertThat(chosen.subList(25, chosen.size())).allMatch(p -> p.halfLifeDays() == 2.0);
    }

    @Test
    void aGainWithinTheNoiseOfTheSplitKeepsTheDefault() {
        // days 5-18: the short memory is better on 2 days of 14 (mean gain 1/7, s.e. 0.097); an
        // arg-max would take it
        BeatwatchRisk risk = tunedWith(14);
        assertThat(risk.tuningPei()[1]).isCloseTo(risk.tuningPei()[0] + 2.0 / 14, within(1e-9));
        assertThat(risk.chosen()).allMatch(p -> p.halfLifeDays() == 365.0);
        // days 5-22: better on every day from the 18th, a gain beyond two s.e.
        assertThat(chosenWith(18).get(18).halfLifeDays()).isEqualTo(2.0);
    }

    @Test
    void aSplitThatNeverSawTheMoveKeepsTheDefaultEvenWhenLaterPeriodsWouldDisagree() {
        // days 5-7: both points flag cell P, a tie, which keeps the default
        assertThat(chosenWith(3)).allMatch(p -> p.halfLifeDays() == 365.0);
    }
}
