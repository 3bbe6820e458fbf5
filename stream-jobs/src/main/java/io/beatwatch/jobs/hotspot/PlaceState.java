package io.beatwatch.jobs.hotspot;

import io.beatwatch.core.detect.Baseline;
import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.detect.MinuteCounts;
import io.beatwatch.core.detect.RecentTypes;
import java.util.List;

/**
 * Everything one place (a centre cell) keeps between events: per configured ring, its citizen-call
 * and tip counts and baselines and recent call types; officer-initiated counts of the cell; the
 * last city figures it was stamped with (for timer-driven re-evaluation). A POJO for keyed state.
 */
public final class PlaceState {

    public MinuteCounts[] cfs;
    public MinuteCounts[] tips;
    public Baseline[] cfsBaseline;
    public Baseline[] tipBaseline;
    public RecentTypes[] types;
    public MinuteCounts officer;
    public String district;
    public long lastEventMillis;
    public long nextTimerMillis;

    /** When the next count change is due (the view and open alerts are re-evaluated then). */
    public long nextTickMillis;

    /** Whether the view shows non-zero counts for this cell (ticks continue until it does not). */
    public boolean viewActive;

    public long[] cityCfsWindows;
    public long cityCfsBaseline;
    public long[] cityTipWindows;
    public long cityTipBaseline;
    public int cityCoveredDays;
    public long activeCells;

    public PlaceState() {}

    /** Empty state shaped by the config: one slot per configured ring. */
    static PlaceState create(DetectionConfig d) {
        List<Integer> rings = d.rings();
        int n = rings.size();
        var s = new PlaceState();
        s.cfs = new MinuteCounts[n];
        s.tips = new MinuteCounts[n];
        s.cfsBaseline = new Baseline[n];
        s.tipBaseline = new Baseline[n];
        s.types = new RecentTypes[n];
        for (int i = 0; i < n; i++) {
            s.cfs[i] = new MinuteCounts(d.maxWindowMinutes());
            s.tips[i] = new MinuteCounts(d.maxWindowMinutes());
            s.cfsBaseline[i] = Baseline.of(d);
            s.tipBaseline[i] = Baseline.of(d);
            s.types[i] = new RecentTypes();
        }
        s.officer = new MinuteCounts(d.maxWindowMinutes());
        return s;
    }

    /** True when the cell itself (ring 0) has nothing in its windows at {@code nowMinute}. */
    boolean ringZeroEmpty(long nowMinute) {
        return cfs[0].isEmpty(nowMinute)
                && tips[0].isEmpty(nowMinute)
                && officer.isEmpty(nowMinute);
    }

    /** True when nothing is left in any baseline either: the state can go. */
    boolean baselinesEmpty(long nowMinute) {
        for (int i = 0; i < cfs.length; i++) {
            if (!cfsBaseline[i].isEmpty(nowMinute) || !tipBaseline[i].isEmpty(nowMinute)) {
                return false;
            }
        }
        return true;
    }
}
