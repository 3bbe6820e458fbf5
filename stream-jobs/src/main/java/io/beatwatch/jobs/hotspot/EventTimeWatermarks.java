package io.beatwatch.jobs.hotspot;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks emitted from the events themselves (every {@code step} of
 * event-time progress), never on a processing-time tick: where a watermark falls among the records
 * then depends on the input alone, so timers fire at the same points in every replay and the alerts
 * are reproducible.
 */
final class EventTimeWatermarks implements WatermarkGenerator<CellEvent> {

    /** Event-time progress between two watermarks. */
    static final long STEP_MS = 10_000;

    private final long outOfOrdernessMs;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastEmitted = Long.MIN_VALUE;

    EventTimeWatermarks(long outOfOrdernessMs) {
        this.outOfOrdernessMs = outOfOrdernessMs;
    }

    @Override
    public void onEvent(CellEvent event, long ts, WatermarkOutput out) {
        maxTimestamp = Math.max(maxTimestamp, ts);
        long wm = maxTimestamp - outOfOrdernessMs - 1;
        if (lastEmitted == Long.MIN_VALUE || wm >= lastEmitted + STEP_MS) {
            lastEmitted = wm;
            out.emitWatermark(new Watermark(wm));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput out) {
        // deliberately nothing: see the class comment
    }
}
