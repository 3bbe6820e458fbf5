package io.beatwatch.core.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchingTest {

    static final int T0 = 20_000;

    /** Days T0-4, T0-3 (matching), T0-2, T0-1 (before); T0, T0+1 after. */
    static final int[] DAYS = {T0 - 4, T0 - 3, T0 - 2, T0 - 1, T0, T0 + 1};

    static final ImpactConfig NEAREST =
            ImpactConfig.defaults()
                    .withMethod(ImpactConfig.Method.NEAREST)
                    .withControls(1)
                    .withBinDays(2)
                    .withReplicates(99);

    /** Each cell is its own catchment: no buffer. */
    static List<String> alone(String c) {
        return List.of(c);
    }

    static Panel panel(Map<String, String> district, Map<String, int[]> calls, String... treated) {
        Panel.Builder b = Panel.builder(DAYS, T0);
        district.forEach(b::cell);
        calls.forEach(
                (c, n) -> {
                    for (int i = 0; i < DAYS.length; i++) b.calls(c, DAYS[i], n[i]);
                });
        for (String t : treated) b.minutes(t, T0, 10).minutes(t, T0 + 1, 10);
        return b.build();
    }

    @Test
    void nearestReusesTheBestComparisonCellForTwoTreatedCells() {
        Panel p =
                panel(
                        Map.of("t1", "D1", "t2", "D1", "x", "D1", "y", "D1"),
                        Map.of(
                                "t1", new int[] {10, 10, 10, 10, 4, 4},
                                "t2", new int[] {10, 10, 10, 10, 6, 6},
                                "x", new int[] {10, 10, 10, 10, 10, 10},
                                "y", new int[] {100, 100, 100, 100, 100, 100}),
                        "t1",
                        "t2");
        ImpactResult r = ImpactStudy.run(p, NEAREST, MatchingTest::alone);
        // both take x, which then counts twice: T 40 -> 20, C 2 x 20 -> 2 x 20, so -0.5
        assertThat(r.treated()).isEqualTo(2);
        assertThat(r.comparison()).isEqualTo(1);
        assertThat(r.comparisonUses()).isEqualTo(2);
        assertThat(r.totals()).isEqualTo(new ImpactResult.Totals(40, 20, 40, 40, 0, 0));
        assertThat(r.effect().estimate()).isCloseTo(-0.5, within(1e-12));
        assertThat(r.balance().treatedMatchRate()).isCloseTo(10, within(1e-12));
        assertThat(r.balance().comparisonMatchRate()).isCloseTo(10, within(1e-12));
    }

    @Test
    void greedyUsesEachComparisonCellOnceAndTakesTheNextNearest() {
        Panel p =
                panel(
                        Map.of("t1", "D1", "t2", "D1", "x", "D1", "y", "D1"),
                        Map.of(
                                "t1", new int[] {10, 10, 10, 10, 4, 4},
                                "t2", new int[] {10, 10, 10, 10, 6, 6},
                                "x", new int[] {10, 10, 10, 10, 10, 10},
                                "y", new int[] {100, 100, 100, 100, 100, 100}),
                        "t1",
                        "t2");
        ImpactResult r =
                ImpactStudy.run(
                        p, NEAREST.withMethod(ImpactConfig.Method.GREEDY), MatchingTest::alone);
        // t1 (first by index among equals) takes x, t2 is left with y: C 20 + 200 -> 20 + 200
        assertThat(r.comparison()).isEqualTo(2);
        assertThat(r.comparisonUses()).isEqualTo(2);
        assertThat(r.totals()).isEqualTo(new ImpactResult.Totals(40, 20, 220, 220, 0, 0));
    }

    @Test
    void nearestFallsBackToAnotherDistrictWithinTheCaliper() {
        Panel p =
                panel(
                        Map.of("t", "D1", "q", "D1", "z", "D2"),
                        Map.of(
                                "t", new int[] {3, 3, 3, 3, 3, 3},
                                "q", new int[] {30, 30, 30, 30, 30, 30},
                                "z", new int[] {3, 3, 3, 3, 6, 6}),
                        "t");
        ImpactResult r = ImpactStudy.run(p, NEAREST, MatchingTest::alone);
        // q (same district) is far in level; z (D2) has t's level and trend: (6/6)/(12/6) - 1
        assertThat(r.treated()).isEqualTo(1);
        assertThat(r.dropped()).isZero();
        assertThat(r.totals().comparisonBefore()).isEqualTo(6);
        assertThat(r.effect().estimate()).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void nearestDropsATreatedCellWithNoneWithinTheCaliper() {
        Panel p =
                panel(
                        Map.of("t", "D1", "z", "D2"),
                        Map.of(
                                "t", new int[] {3, 3, 3, 3, 3, 3},
                                "z", new int[] {30, 30, 30, 30, 30, 30}),
                        "t");
        // levels log(4) and log(31), sd |difference| / sqrt(2): distance sqrt(2) > 0.25
        ImpactResult r = ImpactStudy.run(p, NEAREST, MatchingTest::alone);
        assertThat(r.treated()).isZero();
        assertThat(r.dropped()).isEqualTo(1);
        ImpactResult wide = ImpactStudy.run(p, NEAREST.withCaliper(1.5), MatchingTest::alone);
        assertThat(wide.treated()).isEqualTo(1);
    }

    @Test
    void gapDaysLeaveTheSelectionPeakOutOfTheBeforePeriod() {
        Panel p =
                panel(
                        Map.of("t", "D1", "x", "D1"),
                        Map.of(
                                "t", new int[] {10, 10, 10, 30, 4, 4},
                                "x", new int[] {10, 10, 10, 10, 10, 10}),
                        "t");
        // before T0-2, T0-1: (8/40)/(20/20) - 1 = -0.8, the peak on T0-1 fakes most of it
        ImpactResult all = ImpactStudy.run(p, NEAREST, MatchingTest::alone);
        assertThat(all.effect().estimate()).isCloseTo(-0.8, within(1e-12));
        assertThat(all.beforeDays()).isEqualTo(2);
        // without the last day before the start: (8/10)/(20/10) - 1 = -0.6
        ImpactResult gap = ImpactStudy.run(p, NEAREST.withGapDays(1), MatchingTest::alone);
        assertThat(gap.beforeDays()).isEqualTo(1);
        assertThat(gap.totals()).isEqualTo(new ImpactResult.Totals(10, 8, 10, 20, 0, 0));
        assertThat(gap.effect().estimate()).isCloseTo(-0.6, within(1e-12));
    }

    static final ImpactConfig RISK = NEAREST.withMethod(ImpactConfig.Method.RISK).withCaliper(10);

    @Test
    void riskMatchesOnThePlannersScoreAndStartsTheDayAfterTheFirstPatrol() {
        Panel p =
                panel(
                        Map.of("t", "D1", "x", "D1", "y", "D1"),
                        Map.of(
                                "t", new int[] {10, 10, 10, 10, 10, 4},
                                "x", new int[] {10, 10, 10, 10, 10, 10},
                                "y", new int[] {1, 1, 1, 1, 1, 1}),
                        "t");
        ImpactResult r = ImpactStudy.run(p, RISK, MatchingTest::alone);
        // x has t's risk through T0; the after period is T0+1 only: (4/20)/(10/20) - 1
        assertThat(r.treated()).isEqualTo(1);
        assertThat(r.totals()).isEqualTo(new ImpactResult.Totals(20, 4, 20, 10, 0, 0));
        assertThat(r.itt().estimate()).isCloseTo(-0.6, within(1e-12));
        assertThat(r.contrast().estimate()).isEqualTo(1);
        assertThat(r.effect().estimate()).isCloseTo(-0.6, within(1e-12));
    }

    /** Days T0-4, T0-3 (matching), T0-2, T0-1 (before); T0, T0+1, T0+2 after. */
    static final int[] DAYS3 = {T0 - 4, T0 - 3, T0 - 2, T0 - 1, T0, T0 + 1, T0 + 2};

    @Test
    void riskTakesALaterPatrolledCellAndCorrectsForItsPatrolledDays() {
        Panel.Builder b = Panel.builder(DAYS3, T0);
        b.cell("t", "D1");
        b.cell("u", "D1");
        int[] t = {10, 10, 10, 10, 10, 5, 5};
        int[] u = {10, 10, 10, 10, 10, 10, 5};
        for (int i = 0; i < DAYS3.length; i++) {
            b.calls("t", DAYS3[i], t[i]).calls("u", DAYS3[i], u[i]);
        }
        b.minutes("t", T0, 15).minutes("t", T0 + 1, 15).minutes("t", T0 + 2, 15);
        b.minutes("u", T0 + 2, 15);
        ImpactResult r = ImpactStudy.run(b.build(), RISK, MatchingTest::alone);
        // u, not yet patrolled on T0, compares with t; u itself has nobody left: dropped
        assertThat(r.treated()).isEqualTo(1);
        assertThat(r.dropped()).isEqualTo(1);
        // after T0+1, T0+2: t 10, u 15 (patrolled on T0+2): itt (10/20)/(15/20) - 1 = -1/3
        assertThat(r.itt().estimate()).isCloseTo(-1.0 / 3, within(1e-12));
        // u was patrolled on 1 of its 2 after days: contrast 1/2, 1 + effect = (2/3)^2
        assertThat(r.contrast().estimate()).isCloseTo(0.5, within(1e-12));
        assertThat(r.effect().estimate()).isCloseTo(-5.0 / 9, within(1e-12));
    }
}
