package io.beatwatch.core.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.validate.Bounds;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DensityMapTest {

    static final Bounds CITY = new Bounds(29.0, 29.7, -98.9, -98.2);

    @Test
    void countsThePointsInsideTheExtentPerCell() {
        double[] lats = {29.42, 29.42, 29.42, 29.60, 0.0};
        double[] lons = {-98.49, -98.49, -98.49, -98.30, 0.0};

        DensityMap m = DensityMap.of(lats, lons, 5, CITY);

        assertThat(m.resolution()).isEqualTo(7); // a 0.7-degree extent
        assertThat(m.cells()).hasSize(2);
        assertThat(Arrays.stream(m.counts()).sorted().toArray()).containsExactly(1, 3);
        assertThat(m.outside()).isEqualTo(1);
    }

    @Test
    void smallerExtentsGetFinerCells() {
        double[] lats = {37.87};
        double[] lons = {-122.27};

        assertThat(
                        DensityMap.of(lats, lons, 1, new Bounds(37.8, 38.0, -122.45, -122.2))
                                .resolution())
                .isEqualTo(8);
        assertThat(
                        DensityMap.of(lats, lons, 1, new Bounds(37.85, 37.9, -122.3, -122.25))
                                .resolution())
                .isEqualTo(9);
        assertThat(DensityMap.of(lats, lons, 0, null).cells()).isEmpty();
    }
}
