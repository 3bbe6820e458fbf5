package io.beatwatch.jobs.patrol;

import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.patrol.PatrolAlert;
import io.beatwatch.jobs.redis.ViewWrites;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns alert events into planner inputs: whether the alert may drive patrols (not tip-only, not
 * mostly enforcement-prone or ignored types), its reason text, and its district: from the agency's
 * boundaries at the alert's centre when there are any, else the alert's own district (the label of
 * its centre cell's calls). Runs on the zone detector's channel, so its logical time is never
 * behind that channel's watermark.
 */
final class AlertRouter extends ProcessFunction<HotspotAlert, PatrolInput> {

    private final PatrolJobConfig config;

    AlertRouter(PatrolJobConfig config) {
        this.config = config;
    }

    @Override
    public void processElement(HotspotAlert a, Context ctx, Collector<PatrolInput> out) {
        long ts =
                ctx.timestamp() != null
                        ? ctx.timestamp()
                        : a.eventTime() == null ? 0 : a.eventTime().toEpochMilli();
        PatrolAlert p = PatrolAlert.of(a, config.policy());
        var in = new PatrolInput();
        in.kind = PatrolInput.Kind.ALERT;
        in.time = Math.max(ts, PatrolInput.afterWatermark(ctx.timerService().currentWatermark()));
        in.district = districtOf(a);
        in.alertId = a.alertId();
        in.opened = a.state() == AlertState.OPENED;
        in.closed = a.state() == AlertState.CLOSED;
        in.cells = p.cells().toArray(new String[0]);
        in.reason = p.reason();
        in.drivesPatrol = p.drivesPatrol();
        in.excludedBecause = p.excludedBecause();
        in.cell = in.cells.length == 0 ? null : in.cells[0];
        out.collect(in);
    }

    private String districtOf(HotspotAlert a) {
        LatLon c = a.centroid();
        if (config.boundaries() != null && c != null) {
            String d = config.boundaries().districtAt(c.lat(), c.lon());
            if (d != null) return d;
        }
        return a.district() == null || a.district().isBlank()
                ? ViewWrites.UNKNOWN_DISTRICT
                : a.district().strip();
    }
}
