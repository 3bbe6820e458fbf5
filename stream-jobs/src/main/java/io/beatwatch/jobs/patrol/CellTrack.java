package io.beatwatch.jobs.patrol;

import io.beatwatch.core.patrol.DistrictMap;

/**
 * What the cell tracker keeps per cell: the district and beat tallies (the learned district map,
 * partitioned by cell), the fixed district from boundaries if any, and the cell's risk. A POJO for
 * keyed state.
 */
public final class CellTrack {

    public DistrictMap.Tally districts = new DistrictMap.Tally();
    public DistrictMap.Tally beats = new DistrictMap.Tally();

    /** District from the agency's boundaries (wins over the tally), or null. */
    public String fixedDistrict;

    /** The district the cell's risk was last sent to, or null. */
    public String owner;

    public String neighbourhood;

    /** Recency-weighted count of risk calls, as of {@link #riskAt}. */
    public double risk;

    public long riskAt;
    public long lastEventMillis;
    public long cleanupAt;

    public CellTrack() {}
}
