package io.beatwatch.core.detect;

import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.TypeCount;
import java.util.List;

/**
 * What the operator knows about a zone beyond the statistics, to explain an alert: its cells,
 * centre, district, the call types behind it and the tips in the window.
 */
public record Explanation(
        List<String> cells,
        LatLon centroid,
        String district,
        List<TypeCount> topTypes,
        long tipCount) {

    public Explanation {
        cells = cells == null ? List.of() : List.copyOf(cells);
        topTypes = topTypes == null ? List.of() : List.copyOf(topTypes);
    }
}
