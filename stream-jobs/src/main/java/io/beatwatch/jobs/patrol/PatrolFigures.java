package io.beatwatch.jobs.patrol;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.RecordFeed;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Figures a replay summary needs beside the job's outputs (plain Java over the feed). */
public final class PatrolFigures {

    private PatrolFigures() {}

    /**
     * Calls that count as patrol risk (citizen-initiated, neither enforcement-prone nor ignored)
     * per cell: the cells are the population "the top 1% of cells" is taken from, and the counts
     * say how concentrated the demand itself is. CAD updates of an incident count once.
     */
    public static Map<String, Long> riskCallsByCell(
            RecordFeed feed, int h3Resolution, PatrolConfig policy) {
        H3Grid grid = new H3Grid(h3Resolution);
        Map<String, Long> cells = new HashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        Iterator<RawRecord> it = feed.open();
        while (it.hasNext()) {
            RawRecord r = it.next();
            if (r.kind != RawRecord.Kind.CFS) continue;
            CallForService c;
            try {
                c = Json.decodeCall(r.payload);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (c.officerInitiated() || !policy.countsAsRisk(c.type()) || !seen.add(c.id())) {
                continue;
            }
            cells.merge(grid.cellOf(c.lat(), c.lon()), 1L, Long::sum);
        }
        return cells;
    }
}
