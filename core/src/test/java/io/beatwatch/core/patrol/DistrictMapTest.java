package io.beatwatch.core.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Learning a cell's district and beat from the labels its calls carry. */
class DistrictMapTest {

    static final String CELL = "8948e0b5d9bffff";

    @Test
    void aCellGoesToTheDistrictMostOfItsCallsCarry() {
        var map = new DistrictMap();
        map.observe(CELL, "NORTH", "6120");
        map.observe(CELL, "EAST", "3110");
        map.observe(CELL, "EAST", "3110");

        assertThat(map.districtOf(CELL)).isEqualTo("EAST");
        assertThat(map.beatOf(CELL)).isEqualTo("3110");
        assertThat(map.assignments()).containsEntry(CELL, "EAST");
    }

    @Test
    void aTieKeepsTheCurrentDistrict() {
        var map = new DistrictMap();
        map.observe(CELL, "WEST", null);
        map.observe(CELL, "EAST", null);

        assertThat(map.districtOf(CELL)).isEqualTo("WEST");
    }

    @Test
    void aTieBetweenNewcomersGoesToTheFirstName() {
        var t = new DistrictMap.Tally();
        t.add("WEST");
        t.add("EAST");
        t.add("EAST");
        t.add("NORTH");
        t.add("NORTH");
        t.add("WEST");
        // EAST 2, NORTH 2, WEST 2: the incumbent holds
        assertThat(t.leader).isEqualTo("EAST");
    }

    @Test
    void blankLabelsAreIgnoredAndUnknownCellsHaveNone() {
        var map = new DistrictMap();
        map.observe(CELL, " ", null);

        assertThat(map.districtOf(CELL)).isNull();
        assertThat(map.beatOf("89000000000ffff")).isNull();
    }

    @Test
    void halvingLetsARedrawnBoundaryWinWithinHundredsOfCalls() {
        var t = new DistrictMap.Tally();
        for (int i = 0; i < 5_000; i++) t.add("OLD");
        long calls = 0;
        boolean changed = false;
        while (!changed) {
            changed = t.add("NEW");
            calls++;
        }
        assertThat(t.leader).isEqualTo("NEW");
        assertThat(calls).isLessThan(DistrictMap.Tally.HALVE_AT);
        assertThat(t.count("OLD") + t.count("NEW")).isLessThan(DistrictMap.Tally.HALVE_AT);
    }
}
