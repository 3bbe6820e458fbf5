package io.beatwatch.jobs.hotspot;

import io.beatwatch.core.grid.H3Grid;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Routes each stamped event to every place whose zone contains it: the place at its own cell, and
 * (with ring-1 zones) the six places around it. A place is keyed by its centre cell and keeps the
 * counts of all its rings, so it holds one alert at most.
 */
final class ZoneFanOut implements FlatMapFunction<Stamped, ZonedEvent> {

    private final int maxRing;

    ZoneFanOut(HotspotJobConfig config) {
        this.maxRing =
                config.detection().rings().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    @Override
    public void flatMap(Stamped s, Collector<ZonedEvent> out) {
        String cell = s.event.cell;
        if (maxRing == 0) {
            out.collect(new ZonedEvent(cell, 0, s));
            return;
        }
        for (String centre : H3Grid.ring(cell, maxRing)) {
            int distance =
                    centre.equals(cell)
                            ? 0
                            : maxRing == 1 ? 1 : (int) H3Grid.distance(centre, cell);
            out.collect(new ZonedEvent(centre, distance, s));
        }
    }
}
