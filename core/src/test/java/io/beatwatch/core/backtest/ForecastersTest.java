package io.beatwatch.core.backtest;

import static io.beatwatch.core.backtest.Tables.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ForecastersTest {

    private static final List<String> CELLS = Tables.cells();
    private static final int DAYS = 30;

    /**
     * A seeded table: each day 40 calls over 20 cells, more in low-numbered cells; after {@code
     * cutMillis} the calls come from {@code laterSeed} instead (a different future).
     */
    private static EventTable table(long seed, long cutMillis, long laterSeed) {
        var b = Tables.builder();
        SplittableRandom early = new SplittableRandom(seed);
        SplittableRandom late = new SplittableRandom(laterSeed);
        int n = 0;
        for (int d = 0; d < DAYS; d++) {
            for (int i = 0; i < 40; i++) {
                int minute = early.nextInt(1440);
                double u = early.nextDouble();
                int cell = (int) (20 * u * u); // 20 cells, low numbers busier
                if (Tables.at(d, minute) >= cutMillis) {
                    // the future differs: other places among the busy ones (the study area stays
                    // the same), and one call in three dropped
                    cell = late.nextInt(20);
                    if (late.nextInt(3) == 0) continue;
                }
                call(b, "e" + n++, d, minute, CELLS.get(cell), cell % 2 == 0 ? "EVEN" : "ODD");
            }
        }
        return b.build();
    }

    private static final List<Function<Timeline, Forecaster>> METHODS =
            List.of(
                    tl -> new PriorCounts(tl, 7),
                    tl -> new KdeForecaster(tl, 7, 250),
                    tl -> new KdeForecaster(tl, 7, Double.NaN),
                    tl ->
                            new BeatwatchRisk(
                                    tl,
                                    Horizon.SHIFT,
                                    BeatwatchRisk.Grid.defaults(Horizon.SHIFT),
                                    AlertHistory.empty(),
                                    0.05,
                                    2));

    @Test
    void scoresUseOnlyEventsBeforeThePeriod() {
        EventTable base = table(1, Long.MAX_VALUE, 0);
        Timeline tlBase = new Timeline(base, Tables.days(DAYS), Timeline.EventSet.ALL);
        List<Period> periods = tlBase.periods(Horizon.SHIFT, 7, null, null);
        Period cut = periods.get(25);
        // the same past, another future from the start of `cut` on
        EventTable other = table(1, cut.startMillis(), 99);
        Timeline tlOther = new Timeline(other, Tables.days(DAYS), Timeline.EventSet.ALL);
        assertThat(other.cellCount()).isEqualTo(base.cellCount());
        assertThat(tlOther.observed(tlOther.periods(Horizon.SHIFT, 7, null, null).get(25)))
                .isNotEqualTo(tlBase.observed(cut));
        for (var make : METHODS) {
            Forecaster a = make.apply(tlBase);
            Forecaster b = make.apply(tlOther);
            List<Period> pa = tlBase.periods(Horizon.SHIFT, 7, null, null);
            List<Period> pb = tlOther.periods(Horizon.SHIFT, 7, null, null);
            for (int i = 0; i <= 25; i++) {
                double[] sa = scoresByAddress(base, a.scores(pa.get(i)));
                double[] sb = scoresByAddress(other, b.scores(pb.get(i)));
                assertThat(sb).as(a.name() + " at period " + i).containsExactly(sa, within(1e-9));
            }
        }
    }

    /** Scores in the order of CELLS (tables number their cells by first appearance). */
    private static double[] scoresByAddress(EventTable t, double[] scores) {
        double[] out = new double[CELLS.size()];
        java.util.Arrays.fill(out, Double.NaN);
        for (int c = 0; c < t.cellCount(); c++) out[CELLS.indexOf(t.cellAddress(c))] = scores[c];
        return out;
    }

    @Test
    void priorCountsAreTheWindowCounts() {
        var b = Tables.builder();
        call(b, "1", 0, 100, CELLS.get(0), null);
        call(b, "2", 1, 100, CELLS.get(0), null);
        call(b, "3", 1, 200, CELLS.get(1), null);
        call(b, "4", 2, 100, CELLS.get(1), null);
        call(b, "5", 3, 100, CELLS.get(2), null);
        Timeline tl = new Timeline(b.build(), Tables.days(4), Timeline.EventSet.ALL);
        Period day3 = tl.periods(Horizon.DAY, 3, null, null).get(0);
        assertThat(new PriorCounts(tl, 2).scores(day3)).containsExactly(1, 2, 0);
        assertThat(new PriorCounts(tl, 3).scores(day3)).containsExactly(2, 2, 0);
    }

    @Test
    void kdeRanksTheCellOfAPointFirstAndItsNeighboursNext() {
        var b = Tables.builder();
        for (int i = 0; i < 5; i++) call(b, "h" + i, 0, 100 + i, CELLS.get(0), null);
        for (int i = 1; i < CELLS.size(); i++) call(b, "o" + i, 1, 100, CELLS.get(i), null);
        Timeline tl = new Timeline(b.build(), Tables.days(2), Timeline.EventSet.ALL);
        Period p = tl.periods(Horizon.DAY, 1, null, null).get(0);
        double[] s = new KdeForecaster(tl, 1, 250).scores(p);
        int[] rank = Capture.rank(s);
        assertThat(rank[0]).isZero();
        // the next six are the home cell's ring-1 neighbours
        List<String> next = new ArrayList<>();
        for (int i = 1; i <= 6; i++) next.add(tl.table().cellAddress(rank[i]));
        assertThat(next).containsExactlyInAnyOrderElementsOf(CELLS.subList(1, 7));
    }
}
