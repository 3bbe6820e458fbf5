package io.beatwatch.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HexesTest {

    static final String CELL = CellViewTest.CELL;

    @Test
    void acceptsAValidCellWhoseAddressHasTheEdgesOfBothDigitRanges() {
        // 0, 9, a and f: the ends of the two ranges of the cheap character check
        assertThat(CELL).contains("0", "9", "a", "f");
        assertThat(Hexes.isCell(CELL)).isTrue();
        assertThat(Hexes.isCell("87489c1acffffff")).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "8948",
                "89489c1ac03fff", // one digit short: hex, but no cell
                "89489c1ac03ffff0",
                "89489c1ac03ffff00",
                "89489C1AC03FFFF", // upper case
                "89489c1ac03fff/", // the character before '0'
                "89489c1ac03fff:", // the character after '9'
                "89489c1ac03fff`", // the character before 'a'
                "89489c1ac03fffg", // the character after 'f'
            })
    void refusesWhatIsNoLowerCaseCellAddress(String address) {
        assertThat(Hexes.isCell(address)).isFalse();
    }

    @Test
    void theBoundaryIsTheCellsSixVerticesAndIsCached() {
        var b = Hexes.boundary(CELL);
        assertThat(b).hasSize(6);
        assertThat(b.get(0).lat).isCloseTo(29.4109755110, within(1e-9));
        assertThat(b.get(0).lng).isCloseTo(-98.4637582346, within(1e-9));
        assertThat(Hexes.boundary(CELL)).isSameAs(b);
    }

    @Test
    void centreCellAtAndCoarsenAgree() {
        var c = Hexes.center(CELL);
        assertThat(c.lat).isCloseTo(29.4127873588, within(1e-9));
        assertThat(c.lng).isCloseTo(-98.4646123244, within(1e-9));
        assertThat(Hexes.cellAt(c.lat, c.lng, 9)).isEqualTo(CELL);
        assertThat(Hexes.coarsen(CELL, 7)).isEqualTo("87489c1acffffff");
        assertThat(Hexes.coarsen(CELL, 8)).isEqualTo("88489c1ac1fffff");
        assertThat(Hexes.coarsen(CELL, 9)).isEqualTo(CELL);
        assertThat(Hexes.coarsen(CELL, 10)).isEqualTo(CELL);
        assertThat(Hexes.h3().getResolution(CELL)).isEqualTo(9);
    }
}
