package io.beatwatch.core.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpactStudyTest {

    static final int T0 = 20_000;

    /**
     * The synthetic city's seed, the command's default. A 95% interval misses in 1 of 20 cities;
     * with the default design (risk) over seeds 1..60 the null interval held 0 in 54 and the
     * planted one -0.2 in 42 (under-calibrated on this city, see docs/impact/README.md); the greedy
     * design held them in 55 and 56.
     */
    static final long SEED = 1;

    /** Days T0-4, T0-3 (matching), T0-2, T0-1 (before); T0, T0+1 after. */
    static final int[] DAYS = {T0 - 4, T0 - 3, T0 - 2, T0 - 1, T0, T0 + 1};

    /** Cell -> its buffer ring (fake addresses: the catchment is given, not H3). */
    static final Map<String, List<String>> RINGS =
            Map.of("t", List.of("t", "b"), "u", List.of("u"));

    /**
     * One district: treated t (10 min/day), its neighbour b, candidates x (like t) and y (10x
     * busier). By hand, before period (T0-2, T0-1) to after: t 10+10 -> 4+4, x 10+10 -> 10+10, so
     * DiD = (8/20)/(20/20) - 1 = -0.6; b 5+5 -> 5+5, so the buffer's change is 0 and WDQ = (10/20 -
     * 10/20)/(8/20 - 20/20) = 0.
     */
    static Panel handPanel() {
        Panel.Builder b = Panel.builder(DAYS, T0);
        for (String c : List.of("t", "b", "x", "y")) b.cell(c, "D1");
        int[][] calls = {
            {10, 10, 10, 10, 4, 4},
            {5, 5, 5, 5, 5, 5},
            {10, 10, 10, 10, 10, 10},
            {100, 100, 100, 100, 100, 100}
        };
        String[] names = {"t", "b", "x", "y"};
        for (int c = 0; c < names.length; c++) {
            for (int i = 0; i < DAYS.length; i++) b.calls(names[c], DAYS[i], calls[c][i]);
        }
        b.minutes("t", T0, 10).minutes("t", T0 + 1, 10);
        return b.build();
    }

    @Test
    void matchesTheNearestCandidateAndEstimatesByHand() {
        var cfg =
                ImpactConfig.defaults()
                        .withMethod(ImpactConfig.Method.GREEDY)
                        .withControls(1)
                        .withBinDays(2)
                        .withReplicates(99);
        ImpactResult r = ImpactStudy.run(handPanel(), cfg, c -> RINGS.getOrDefault(c, List.of(c)));
        assertThat(r.treated()).isEqualTo(1);
        assertThat(r.comparison()).isEqualTo(1);
        assertThat(r.buffer()).isEqualTo(1);
        assertThat(r.totals()).isEqualTo(new ImpactResult.Totals(20, 8, 20, 20, 10, 10));
        assertThat(r.effect().estimate()).isCloseTo(-0.6, within(1e-12));
        assertThat(r.bufferEffect().estimate()).isCloseTo(0, within(1e-12));
        assertThat(r.wdq().estimate()).isCloseTo(0, within(1e-12));
        assertThat(r.eventStudy())
                .extracting(ImpactResult.EventBin::bin)
                .containsExactly(-2, -1, 0);
        assertThat(r.eventStudy().get(2).effect().estimate()).isCloseTo(-0.6, within(1e-12));
        // dose 10 min/day falls in the bin [10, 15)
        assertThat(r.doseResponse().get(2).cells()).isEqualTo(1);
        assertThat(r.doseResponse().get(2).effect().estimate()).isCloseTo(-0.6, within(1e-12));
    }

    @Test
    void neverPatrolledOrBufferCellsOnlyAreCandidates() {
        Panel.Builder b = Panel.builder(DAYS, T0);
        b.cell("t", "D1");
        b.cell("b", "D1");
        b.cell("z", "D2");
        for (int d : DAYS) b.calls("t", d, 3).calls("b", d, 3).calls("z", d, 3);
        b.minutes("t", T0, 30);
        var cfg = ImpactConfig.defaults().withMethod(ImpactConfig.Method.GREEDY).withReplicates(99);
        ImpactResult r = ImpactStudy.run(b.build(), cfg, c -> RINGS.getOrDefault(c, List.of(c)));
        // b is in t's ring and z in another district: t has no comparison cell
        assertThat(r.treated()).isZero();
        assertThat(r.dropped()).isEqualTo(1);
    }

    @Test
    void bootstrapIntervalCoversPlantedEffect() {
        ImpactResult r =
                ImpactStudy.run(SyntheticStudy.of(SEED, -0.2).panel(), ImpactConfig.defaults());
        assertThat(r.treated()).isGreaterThan(40);
        assertThat(r.effect().contains(-0.2)).as("%s", r.effect()).isTrue();
        assertThat(r.effect().hi()).isLessThan(0);
        assertThat(r.wdq().contains(0)).as("%s", r.wdq()).isTrue();
    }

    @Test
    void bootstrapIntervalCoversZeroWithoutPlantedEffect() {
        ImpactResult r =
                ImpactStudy.run(SyntheticStudy.of(SEED, 0).panel(), ImpactConfig.defaults());
        assertThat(r.effect().contains(0)).as("%s", r.effect()).isTrue();
        assertThat(r.bufferEffect().contains(0)).as("%s", r.bufferEffect()).isTrue();
    }

    @Test
    void plantedDisplacementShowsInTheBuffer() {
        var study = new SyntheticStudy(SEED, -0.3, 0.15, 112, 56, 19, 0.06);
        ImpactResult r = ImpactStudy.run(study.panel(), ImpactConfig.defaults());
        assertThat(r.bufferEffect().contains(0.15)).as("%s", r.bufferEffect()).isTrue();
        assertThat(r.wdq().hi()).isLessThan(0);
    }
}
