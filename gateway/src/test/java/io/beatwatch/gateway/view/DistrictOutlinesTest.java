package io.beatwatch.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistrictOutlinesTest {

    static final String CENTRE = Hexes.cellAt(29.4241, -98.4936, 9);

    @Test
    void hullDropsInteriorAndCollinearPoints() {
        var hull =
                DistrictOutlines.convexHull(
                        List.of(
                                new double[] {0, 0},
                                new double[] {2, 0},
                                new double[] {1, 0},
                                new double[] {2, 2},
                                new double[] {0, 2},
                                new double[] {1, 1},
                                new double[] {0, 0}));
        assertThat(hull)
                .extracting(p -> p[0] + "," + p[1])
                .containsExactly("0.0,0.0", "2.0,0.0", "2.0,2.0", "0.0,2.0");
    }

    @Test
    void derivedOutlineOfADistrictCoversEveryVertexOfItsCells() {
        var cells = Set.copyOf(Hexes.h3().gridDisk(CENTRE, 2));
        var geo = DistrictOutlines.fromCells(Map.of("NORTH", cells, "EMPTY", Set.of()));
        assertThat(geo.path("source").asText()).isEqualTo(DistrictOutlines.DERIVED);
        assertThat(geo.path("features")).hasSize(1);
        var f = geo.path("features").get(0);
        assertThat(f.path("properties").path("district").asText()).isEqualTo("NORTH");
        assertThat(f.path("properties").path("cells").asInt()).isEqualTo(19);
        var ring = f.path("geometry").path("coordinates").get(0);
        assertThat(ring.get(0)).isEqualTo(ring.get(ring.size() - 1));
        var box = geo.path("bbox");
        for (var cell : cells) {
            for (var v : Hexes.boundary(cell)) {
                assertThat(v.lng)
                        .isBetween(box.get(0).asDouble() - 1e-6, box.get(2).asDouble() + 1e-6);
                assertThat(v.lat)
                        .isBetween(box.get(1).asDouble() - 1e-6, box.get(3).asDouble() + 1e-6);
            }
        }
    }

    @Test
    void boundariesKeepTheirGeometryAndAreNamedByDistrict() {
        var geojson =
                "{\"type\":\"FeatureCollection\",\"features\":["
                        + "{\"type\":\"Feature\",\"properties\":{\"DISTRICT\":\"EAST\"},"
                        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[-98.5,29.4],[-98.4,29.4],[-98.4,29.5],[-98.5,29.4]]]}}]}";
        var geo = DistrictOutlines.fromBoundaries(geojson, d -> true);
        assertThat(geo.path("source").asText()).isEqualTo(DistrictOutlines.PROFILE);
        assertThat(geo.path("features").get(0).path("properties").path("name").asText())
                .isEqualTo("EAST");
        assertThat(geo.path("bbox").toString()).isEqualTo("[-98.5,29.4,-98.4,29.5]");
    }

    @Test
    void boundariesTheJobWouldRefuseAreRefused() {
        assertThatThrownBy(
                        () -> DistrictOutlines.fromBoundaries("{\"type\":\"Feature\"}", d -> true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
