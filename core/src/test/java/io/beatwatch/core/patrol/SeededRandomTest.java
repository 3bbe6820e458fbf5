package io.beatwatch.core.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The seeded generator is SplitMix64 exactly, so replays match on any JVM. */
class SeededRandomTest {

    @Test
    void matchesTheSplitMix64ReferenceSequence() {
        var r = new SeededRandom(0);
        assertThat(r.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(r.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(r.nextLong()).isEqualTo(0x06C45D188009454FL);
    }

    @Test
    void decisionsDifferByDistrictTimeAndTrigger() {
        long a = SeededRandom.forDecision(42, "NORTH", 1_000, "round").nextLong();

        assertThat(SeededRandom.forDecision(42, "NORTH", 1_000, "round").nextLong()).isEqualTo(a);
        assertThat(SeededRandom.forDecision(42, "EAST", 1_000, "round").nextLong()).isNotEqualTo(a);
        assertThat(SeededRandom.forDecision(42, "NORTH", 2_000, "round").nextLong())
                .isNotEqualTo(a);
        assertThat(SeededRandom.forDecision(42, "NORTH", 1_000, "alert:x").nextLong())
                .isNotEqualTo(a);
        assertThat(SeededRandom.forDecision(43, "NORTH", 1_000, "round").nextLong())
                .isNotEqualTo(a);
    }

    @Test
    void doublesAreInTheUnitInterval() {
        var r = new SeededRandom(7);
        for (int i = 0; i < 10_000; i++)
            assertThat(r.nextDouble()).isBetween(0.0, 1.0).isNotEqualTo(1.0);
    }
}
