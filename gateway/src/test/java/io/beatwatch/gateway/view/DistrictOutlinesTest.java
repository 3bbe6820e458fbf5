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

    @Test
    void derivedBeatsHullTheCellsOfEachBeatInsideTheirDistrictAndStayOutOfTheExtent() {
        var disk = Hexes.h3().gridDisk(CENTRE, 2);
        var north = Set.copyOf(disk.subList(0, 7));
        var south = Set.copyOf(disk.subList(7, disk.size()));
        var geo = DistrictOutlines.fromCells(Map.of("NORTH", Set.copyOf(disk)));
        var extent = geo.path("bbox").toString();
        DistrictOutlines.withDerivedBeats(
                geo, Map.of("NORTH", Map.of("N1", north, "N2", south, "N3", Set.of())));
        assertThat(geo.path("beatSource").asText()).isEqualTo(DistrictOutlines.DERIVED);
        assertThat(DistrictOutlines.hasBeats(geo)).isTrue();
        assertThat(geo.path("features"))
                .extracting(
                        f ->
                                f.path("properties").path("level").asText()
                                        + ":"
                                        + f.path("properties").path("name").asText()
                                        + ":"
                                        + f.path("properties").path("district").asText())
                .containsExactly("district:NORTH:NORTH", "beat:N1:NORTH", "beat:N2:NORTH");
        var n1 = geo.path("features").get(1);
        assertThat(n1.path("properties").path("cells").asInt()).isEqualTo(7);
        // every vertex of the beat's cells is inside (or on) its hull
        var ring = n1.path("geometry").path("coordinates").get(0);
        var hull = new java.util.ArrayList<double[]>();
        for (var p : ring) {
            hull.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()});
        }
        for (var cell : north) {
            for (var v : Hexes.boundary(cell)) {
                assertThat(insideOrOn(hull, v.lng, v.lat)).as(cell).isTrue();
            }
        }
        assertThat(geo.path("bbox").toString()).isEqualTo(extent);
    }

    @Test
    void withoutBeatsInTheDataNoBeatIsDrawn() {
        var geo = DistrictOutlines.fromCells(Map.of("NORTH", Set.of(CENTRE)));
        DistrictOutlines.withDerivedBeats(geo, Map.of());
        assertThat(DistrictOutlines.hasBeats(geo)).isFalse();
        assertThat(geo.has("beatSource")).isFalse();
    }

    @Test
    void boundariesWithABeatPropertyAreBeatsOfTheirDistrict() {
        var geojson =
                "{\"type\":\"FeatureCollection\",\"features\":["
                        + "{\"type\":\"Feature\",\"properties\":{\"district\":\"EAST\"},"
                        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[-98.5,29.4],[-98.4,29.4],[-98.4,29.5],[-98.5,29.4]]]}},"
                        + "{\"type\":\"Feature\",\"properties\":{\"district\":\"EAST\",\"BEAT\":\"E1\"},"
                        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[-98.5,29.4],[-98.45,29.4],[-98.45,29.45],[-98.5,29.4]]]}}]}";
        var geo = DistrictOutlines.fromBoundaries(geojson, d -> true);
        assertThat(geo.path("beatSource").asText()).isEqualTo(DistrictOutlines.PROFILE);
        var beat = geo.path("features").get(1).path("properties");
        assertThat(beat.path("level").asText()).isEqualTo(DistrictOutlines.LEVEL_BEAT);
        assertThat(beat.path("name").asText()).isEqualTo("E1");
        assertThat(beat.path("district").asText()).isEqualTo("EAST");
        assertThat(geo.path("features").get(0).path("properties").path("level").asText())
                .isEqualTo(DistrictOutlines.LEVEL_DISTRICT);
    }

    /** Counter-clockwise convex ring (closed): left of or on every edge. */
    static boolean insideOrOn(List<double[]> ring, double x, double y) {
        for (int i = 0; i + 1 < ring.size(); i++) {
            var a = ring.get(i);
            var b = ring.get(i + 1);
            double cross = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
            if (cross < -1e-7) {
                return false;
            }
        }
        return true;
    }
}
