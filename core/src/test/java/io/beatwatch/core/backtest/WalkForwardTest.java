package io.beatwatch.core.backtest;

import static io.beatwatch.core.backtest.Tables.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beatwatch.core.backtest.WalkForward.Measure;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkForwardTest {

    private static final List<String> CELLS = Tables.cells();

    /** Knows the future: flags each period's busiest cells. Only for testing the scoring. */
    private record Oracle(Timeline tl) implements Forecaster {
        @Override
        public String name() {
            return "oracle";
        }

        @Override
        public String description() {
            return "the period's own counts";
        }

        @Override
        public double[] scores(Period p) {
            return java.util.Arrays.stream(tl.observed(p)).asDoubleStream().toArray();
        }
    }

    @Test
    void scoresEveryMethodOnTheSamePeriodsWithDistrictShares() {
        var b = Tables.builder();
        int n = 0;
        for (int d = 0; d < 10; d++) {
            // cell 0 (district A) 6 calls, cell 1 (B) 3, cells 2..11 (B) 1 each; day 9 flips 0 and
            // 1
            int c0 = d == 9 ? 3 : 6;
            int c1 = d == 9 ? 6 : 3;
            for (int i = 0; i < c0; i++) call(b, "a" + n++, d, 10 + i, CELLS.get(0), "A");
            for (int i = 0; i < c1; i++) call(b, "b" + n++, d, 20 + i, CELLS.get(1), "B");
            for (int c = 2; c < 12; c++) call(b, "c" + n++, d, 30 + c, CELLS.get(c), "B");
        }
        Timeline tl = new Timeline(b.build(), Tables.days(10), Timeline.EventSet.ALL);
        List<Period> periods = tl.periods(Horizon.DAY, 3, null, null);
        var result =
                WalkForward.run(
                        tl,
                        List.of(new PriorCounts(tl, 3), new Oracle(tl)),
                        new WalkForward.Config(periods, new double[] {0.1}),
                        (done, total) -> {});

        assertThat(result.periods()).hasSize(7);
        assertThat(result.areaCells()).isEqualTo(12);
        // 10% of 12 cells = 1 cell: prior counts flag cell 0 (6 of 19 calls) except on day 9
        double[] hit = result.values(0, 0, Measure.HIT_RATE);
        assertThat(hit[0]).isCloseTo(6 / 19.0, within(1e-12));
        assertThat(hit[6]).isCloseTo(3 / 19.0, within(1e-12));
        assertThat(result.values(0, 0, Measure.PEI)[6]).isCloseTo(0.5, within(1e-12));
        assertThat(result.values(0, 0, Measure.PAI)[0]).isCloseTo((6 / 19.0) * 12, within(1e-9));
        assertThat(result.mean(1, 0, Measure.PEI)).isEqualTo(1.0);
        assertThat(result.wins(1, 0, 0, Measure.PEI)).containsExactly(1, 0);
        // districts: A has 6 of 19 calls on six days, 3 of 19 on one; it gets every flag
        int a = result.methods().indexOf("prior counts");
        assertThat(result.flaggedDistrictShare()[a][0][0] + result.flaggedDistrictShare()[a][0][1])
                .isCloseTo(1.0, within(1e-12));
        assertThat(result.callDistrictShare()[0]).isCloseTo((6 * 6 + 3) / 19.0 / 7, within(1e-12));
        assertThat(result.samplePeriodFlags()[0]).hasSize(1);
    }
}
