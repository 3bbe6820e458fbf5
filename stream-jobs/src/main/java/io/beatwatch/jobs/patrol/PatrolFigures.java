package io.beatwatch.jobs.patrol;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.patrol.PatrolConfig;
import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.RecordFeed;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/** Figures a replay summary needs beside the job's outputs (plain Java over the feed). */
public final class PatrolFigures {

    private PatrolFigures() {}

    /**
     * Distinct cells with at least one call that counts as patrol risk (citizen-initiated, neither
     * enforcement-prone nor ignored): the population "the top 1% of cells" is taken from.
     */
    public static long cellsWithRiskCalls(RecordFeed feed, int h3Resolution, PatrolConfig policy) {
        H3Grid grid = new H3Grid(h3Resolution);
        Set<String> cells = new HashSet<>();
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
            if (c.officerInitiated() || !policy.countsAsRisk(c.type())) continue;
            cells.add(grid.cellOf(c.lat(), c.lon()));
        }
        return cells.size();
    }
}
