package io.beatwatch.jobs.patrol;

import io.beatwatch.core.patrol.PatrolAlert;
import java.util.List;

/** A district's view of one open alert (see {@link PatrolAlert}). A POJO for keyed state. */
public final class OpenAlert {

    public String[] cells;
    public String reason;
    public boolean drivesPatrol;
    public String excludedBecause;
    public long updatedAt;

    public OpenAlert() {}

    static OpenAlert of(PatrolInput in) {
        var a = new OpenAlert();
        a.cells = in.cells;
        a.reason = in.reason;
        a.drivesPatrol = in.drivesPatrol;
        a.excludedBecause = in.excludedBecause;
        a.updatedAt = in.time;
        return a;
    }

    PatrolAlert toPatrolAlert(String alertId) {
        return new PatrolAlert(alertId, List.of(cells), reason, drivesPatrol, excludedBecause);
    }
}
