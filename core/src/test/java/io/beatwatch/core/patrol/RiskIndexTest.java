package io.beatwatch.core.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RiskIndexTest {

    private static final Duration HALF_LIFE = Duration.ofDays(14);
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void ranksAsAFullSortOfTheDecayedRisksAtAnyTime() {
        Random rng = new Random(13);
        RiskIndex index = new RiskIndex(HALF_LIFE);
        Map<String, double[]> truth = new HashMap<>(); // cell -> risk, riskAt
        for (int i = 0; i < 3_000; i++) {
            String cell = "c" + rng.nextInt(400);
            double risk = 1 + rng.nextInt(20) * rng.nextDouble();
            long at = T0 + rng.nextInt(60) * DAY / 4;
            index.put(cell, "b", "n" + cell.hashCode() % 7, risk, at);
            truth.put(cell, new double[] {risk, at});
        }
        for (long now : new long[] {T0 + 15 * DAY, T0 + 40 * DAY, T0 + 90 * DAY}) {
            List<Candidate> expected = new ArrayList<>();
            truth.forEach(
                    (cell, r) ->
                            expected.add(
                                    new Candidate(
                                            cell,
                                            "b",
                                            "n" + cell.hashCode() % 7,
                                            Candidate.decayed(r[0], (long) r[1], now, HALF_LIFE))));
            expected.sort(Places.RISKIEST_FIRST);
            Places at = index.at(now);
            assertThat(at.size()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(at.ranked(i)).as("rank %d at %d", i + 1, now).isEqualTo(expected.get(i));
            }
            assertThat(at.get("c7"))
                    .isEqualTo(
                            expected.stream()
                                    .filter(c -> c.cell().equals("c7"))
                                    .findFirst()
                                    .orElse(null));
        }
    }

    @Test
    void dropsTheCellsDecayedBelowTheFloorAndNothingElse() {
        RiskIndex index = new RiskIndex(HALF_LIFE);
        index.put("old", null, "n", 1.0, T0); // 0.5 after 14 days, 0.25 after 28
        index.put("fresh", null, "n", 1.0, T0 + 20 * DAY);
        index.put("big", null, "n", 8.0, T0); // 1.0 after 42 days
        assertThat(index.dropBelow(0.3, T0 + 28 * DAY)).containsExactly("old");
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.dropBelow(0.3, T0 + 28 * DAY)).isEmpty();
        assertThat(index.at(T0 + 42 * DAY).ranked(0).cell()).isEqualTo("big");
        assertThat(index.at(T0 + 42 * DAY).ranked(0).risk())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aNewRiskReplacesTheOldAndNoRiskRemoves() {
        RiskIndex index = new RiskIndex(HALF_LIFE);
        assertThat(index.put("a", null, "n", 2.0, T0)).isTrue();
        assertThat(index.put("b", null, "n", 3.0, T0)).isTrue();
        assertThat(index.put("a", "beat", "n", 5.0, T0)).isTrue();
        Places at = index.at(T0);
        assertThat(at.size()).isEqualTo(2);
        assertThat(at.ranked(0)).isEqualTo(new Candidate("a", "beat", "n", 5.0));
        assertThat(index.put("b", null, "n", 0, T0)).isFalse();
        assertThat(index.size()).isEqualTo(1);
        index.remove("a");
        assertThat(index.at(T0).size()).isZero();
        assertThat(index.at(T0).get("a")).isNull();
    }

    @Test
    void aPlainCollectionRanksAsAFullSortPastItsHead() {
        Random rng = new Random(7);
        List<Candidate> cells = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            cells.add(new Candidate("c" + i, null, "n", i % 9 == 0 ? 0 : rng.nextInt(30) / 3.0));
        }
        List<Candidate> expected =
                new ArrayList<>(cells.stream().filter(c -> c.risk() > 0).toList());
        expected.sort(Places.RISKIEST_FIRST);
        Places places = Places.of(cells);
        assertThat(places.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(places.ranked(i)).isEqualTo(expected.get(i));
        }
        assertThat(places.get("c0").risk()).isZero(); // known, not ranked
    }
}
