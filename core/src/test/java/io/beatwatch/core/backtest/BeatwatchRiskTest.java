package io.beatwatch.core.backtest;

import static io.beatwatch.core.backtest.Tables.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BeatwatchRiskTest {

    private static final List<String> CELLS = Tables.cells();

    private static BeatwatchRisk fixed(Timeline tl, Horizon h, double halfLife, double beta) {
        return new BeatwatchRisk(
                tl,
                h,
                BeatwatchRisk.Grid.fixed(new BeatwatchRisk.Params(halfLife, beta, 0, 0)),
                AlertHistory.empty(),
                0.01,
                1);
    }

    private static int cellIndex(Timeline tl, String address) {
        for (int c = 0; c < tl.table().cellCount(); c++) {
            if (tl.table().cellAddress(c).equals(address)) return c;
        }
        throw new AssertionError(address);
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
        Period day40 = new Period(0, "day 40", new int[] {40}, 0, 1440, Tables.at(40, 0));
        int a = cellIndex(tl, CELLS.get(0));
        int bb = cellIndex(tl, CELLS.get(1));

        double[] shortMemory = fixed(tl, Horizon.DAY, 7, 0).scores(day40);
        double[] longMemory = fixed(tl, Horizon.DAY, 365, 0).scores(day40);
        assertThat(shortMemory[bb]).isGreaterThan(shortMemory[a]);
        assertThat(longMemory[a]).isGreaterThan(longMemory[bb]);
        // expected counts: with a very long memory about the mean daily count of each cell
        assertThat(longMemory[a]).isBetween(4.5, 5.5);
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

    @Test
    void walkForwardTuningMovesToTheGridPointThatDidBetter() {
        // the hotspot moves from cell P to cell Q on day 15; a short memory follows it sooner
        var b = Tables.builder();
        int n = 0;
        for (int d = 0; d < 40; d++) {
            String hot = d < 15 ? CELLS.get(0) : CELLS.get(1);
            for (int i = 0; i < 8; i++) call(b, "h" + n++, d, 30 + 100 * i, hot, null);
            // background: one call in each of 60 other cells every day
            for (int c = 2; c < 62; c++) call(b, "b" + n++, d, 700 + c, CELLS.get(c), null);
        }
        Timeline tl = new Timeline(b.build(), Tables.days(40), Timeline.EventSet.ALL);
        var grid =
                new BeatwatchRisk.Grid(
                        List.of(365.0, 2.0), List.of(0.0), List.of(0.0), List.of(0.0));
        BeatwatchRisk risk =
                new BeatwatchRisk(tl, Horizon.DAY, grid, AlertHistory.empty(), 0.01, 3);
        List<Period> periods = tl.periods(Horizon.DAY, 5, null, null);
        for (Period p : periods) risk.scores(p);

        List<BeatwatchRisk.Params> chosen = risk.chosen();
        assertThat(chosen.get(0).halfLifeDays()).isEqualTo(365.0); // the default, untuned
        assertThat(chosen.get(chosen.size() - 1).halfLifeDays()).isEqualTo(2.0);
    }
}
