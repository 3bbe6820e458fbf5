package io.beatwatch.core.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** District boundaries from GeoJSON: polygons, holes, multipolygons, and bad files. */
class DistrictBoundariesTest {

    /** NORTH: a 1° square with a hole in the middle; SOUTH: two small squares. */
    static final String GEOJSON =
            """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"district": "NORTH"},
               "geometry": {"type": "Polygon", "coordinates": [
                 [[-99, 29.5], [-98, 29.5], [-98, 30.5], [-99, 30.5], [-99, 29.5]],
                 [[-98.6, 29.9], [-98.4, 29.9], [-98.4, 30.1], [-98.6, 30.1], [-98.6, 29.9]]]}},
              {"type": "Feature", "properties": {"name": "SOUTH"},
               "geometry": {"type": "MultiPolygon", "coordinates": [
                 [[[-99, 29], [-98.5, 29], [-98.5, 29.4], [-99, 29.4], [-99, 29]]],
                 [[[-98.4, 29], [-98, 29], [-98, 29.4], [-98.4, 29.4], [-98.4, 29]]]]}}
            ]}
            """;

    @Test
    void aPointLiesInTheDistrictWhosePolygonHoldsIt() {
        var b = DistrictBoundaries.parse(GEOJSON, null);

        assertThat(b.names()).containsExactly("NORTH", "SOUTH");
        assertThat(b.districtAt(29.7, -98.8)).isEqualTo("NORTH");
        assertThat(b.districtAt(30.0, -98.5)).as("in the hole").isNull();
        assertThat(b.districtAt(29.2, -98.8)).isEqualTo("SOUTH");
        assertThat(b.districtAt(29.2, -98.2)).isEqualTo("SOUTH");
        assertThat(b.districtAt(29.2, -98.45)).as("between the two parts").isNull();
        assertThat(b.districtAt(40, -80)).isNull();
    }

    @Test
    void aConfiguredPropertyNamesTheDistricts() {
        String geo =
                GEOJSON.replace("\"district\": \"NORTH\"", "\"sub\": \"N\", \"district\": \"x\"")
                        .replace("\"name\": \"SOUTH\"", "\"sub\": \"S\"");

        assertThat(DistrictBoundaries.parse(geo, "sub").names()).containsExactly("N", "S");
    }

    @Test
    void unusableFilesFailWithAReason() {
        assertThatThrownBy(() -> DistrictBoundaries.parse("{\"type\":\"Feature\"}", null))
                .hasMessageContaining("FeatureCollection");
        assertThatThrownBy(
                        () ->
                                DistrictBoundaries.parse(
                                        "{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{},"
                                                + "\"geometry\":{\"type\":\"Point\"}}]}",
                                        null))
                .hasMessageContaining("no district name");
        assertThatThrownBy(
                        () ->
                                DistrictBoundaries.parse(
                                        "{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"name\":\"A\"},"
                                                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}",
                                        null))
                .hasMessageContaining("Polygon");
        assertThatThrownBy(
                        () ->
                                DistrictBoundaries.parse(
                                        "{\"type\":\"FeatureCollection\",\"features\":[]}", null))
                .hasMessageContaining("no district");
    }
}
