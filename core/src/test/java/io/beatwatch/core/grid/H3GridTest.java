package io.beatwatch.core.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.beatwatch.core.model.LatLon;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class H3GridTest {

    private static final H3Grid RES9 = H3Grid.defaultGrid();

    /** The point of the h3-java README, whose res-9 cell is published as 8928308280fffff. */
    private static final LatLon SAN_FRANCISCO = new LatLon(37.775938728915946, -122.41795063018799);

    private static final LatLon SAN_ANTONIO = new LatLon(29.4241, -98.4936);

    @Test
    void cellOfAKnownPointAtResolutionNine() {
        assertThat(RES9.cellOf(SAN_FRANCISCO.lat(), SAN_FRANCISCO.lon()))
                .isEqualTo("8928308280fffff");
    }

    @Test
    void ringsHaveOneSevenAndNineteenCellsWithTheCentreFirst() {
        String cell = RES9.cellOf(SAN_ANTONIO.lat(), SAN_ANTONIO.lon());
        assertThat(H3Grid.ring(cell, 0)).containsExactly(cell);
        List<String> ring1 = H3Grid.ring(cell, 1);
        assertThat(ring1).hasSize(7).doesNotHaveDuplicates().first().isEqualTo(cell);
        assertThat(ring1)
                .allSatisfy(c -> assertThat(H3Grid.distance(cell, c)).isLessThanOrEqualTo(1));
        assertThat(H3Grid.ring(cell, 2)).hasSize(19);
        assertThatThrownBy(() -> H3Grid.ring(cell, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void centroidRoundTripsToTheSameCell() {
        String cell = RES9.cellOf(SAN_ANTONIO.lat(), SAN_ANTONIO.lon());
        LatLon c = H3Grid.centroid(cell);
        assertThat(RES9.cellOf(c.lat(), c.lon())).isEqualTo(cell);
        // the centre is within one edge length (~0.2 km) of the point
        assertThat(c.lat()).isCloseTo(SAN_ANTONIO.lat(), offset(0.003));
        assertThat(c.lon()).isCloseTo(SAN_ANTONIO.lon(), offset(0.003));
    }

    @Test
    void parentContainsTheCellAtACoarserResolution() {
        String cell = RES9.cellOf(SAN_ANTONIO.lat(), SAN_ANTONIO.lon());
        String parent = H3Grid.parent(cell, 8);
        assertThat(H3Grid.resolutionOf(parent)).isEqualTo(8);
        assertThat(new H3Grid(8).cellOf(SAN_ANTONIO.lat(), SAN_ANTONIO.lon())).isEqualTo(parent);
    }

    @Test
    void boundaryIsAHexagonAroundTheCentreAndAreaIsAboutATenthOfAKm2() {
        String cell = RES9.cellOf(SAN_ANTONIO.lat(), SAN_ANTONIO.lon());
        List<LatLon> boundary = H3Grid.boundary(cell);
        assertThat(boundary).hasSize(6);
        LatLon c = H3Grid.centroid(cell);
        assertThat(boundary)
                .allSatisfy(
                        v -> {
                            assertThat(v.lat()).isCloseTo(c.lat(), offset(0.003));
                            assertThat(v.lon()).isCloseTo(c.lon(), offset(0.003));
                        });
        // H3 res 9 cells average 0.105 km²
        assertThat(H3Grid.areaKm2(cell)).isBetween(0.08, 0.13);
    }

    @Test
    void validatesCellsAndResolutions() {
        assertThat(H3Grid.isValidCell("8928308280fffff")).isTrue();
        assertThat(H3Grid.isValidCell("not-a-cell")).isFalse();
        assertThat(H3Grid.isValidCell(null)).isFalse();
        assertThat(new H3Grid(0).resolution()).isZero();
        assertThat(new H3Grid(15).resolution()).isEqualTo(15);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 16})
    void rejectsResolutionsOutsideZeroToFifteen(int res) {
        assertThatThrownBy(() -> new H3Grid(res)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serializesAsJustItsResolution() throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(new H3Grid(8));
        }
        assertThat(bytes.size()).isLessThan(200);
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            H3Grid back = (H3Grid) in.readObject();
            assertThat(back).isEqualTo(new H3Grid(8));
            assertThat(back.cellOf(SAN_ANTONIO.lat(), SAN_ANTONIO.lon()))
                    .isEqualTo(new H3Grid(8).cellOf(SAN_ANTONIO.lat(), SAN_ANTONIO.lon()));
        }
    }
}
