package io.beatwatch.core.detect;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.Tip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The plain-Java loop over one city's records: {@link StreamDetector}, the detector the Flink job
 * runs, fed {@link CallForService} and {@link Tip} records one at a time in event-time order. Use
 * it for backtests, as the reference the job's output is compared with, and as the plain loop of
 * the throughput target.
 */
public final class CityDetector {

    /** Repeat calls are not collapsed by default: the detector caps calls per type instead. */
    public static final long DEFAULT_REPEAT_WINDOW_MINUTES = 0;

    private final StreamDetector detector;
    private final H3Grid grid;
    private final Function<String, String> districtOfCell;

    /**
     * A detector for one city.
     *
     * @param districtOfCell district of a cell, for records that carry none
     */
    public CityDetector(
            DetectionConfig config, H3Grid grid, Function<String, String> districtOfCell) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.districtOfCell = Objects.requireNonNull(districtOfCell, "districtOfCell");
        this.detector =
                new StreamDetector(
                        config, grid.resolution(), DEFAULT_REPEAT_WINDOW_MINUTES, false, null);
    }

    /** Counts a call (updates of a counted incident are ignored); returns the alerts it causes. */
    public List<HotspotAlert> accept(CallForService call) {
        long cell = H3Grid.h3().latLngToCell(call.lat(), call.lon(), grid.resolution());
        String district =
                call.district() != null
                        ? call.district()
                        : districtOfCell.apply(Long.toHexString(cell));
        List<HotspotAlert> out = new ArrayList<>(0);
        detector.accept(
                call.id(),
                call.receivedAt().toEpochMilli(),
                cell,
                call.type(),
                district,
                call.officerInitiated() && detector.config().excludeOfficerInitiated()
                        ? StreamDetector.Kind.OFFICER
                        : StreamDetector.Kind.CALL,
                out::add);
        return out;
    }

    /** Counts a tip; returns the alerts it causes (none when tips are not a signal). */
    public List<HotspotAlert> accept(Tip tip) {
        String cell = grid.cellOf(tip.lat(), tip.lon());
        List<HotspotAlert> out = new ArrayList<>();
        detector.accept(
                "tip:" + tip.id(),
                tip.receivedAt().toEpochMilli(),
                StreamDetector.cellId(cell),
                tip.category(),
                districtOfCell.apply(cell),
                StreamDetector.Kind.TIP,
                out::add);
        return out;
    }

    /** Re-evaluates open alerts up to {@code epochMillis} (end of a stream, or an idle feed). */
    public List<HotspotAlert> advanceTo(long epochMillis) {
        List<HotspotAlert> out = new ArrayList<>();
        detector.advanceTo(epochMillis, out::add);
        return out;
    }

    /** Alerts open now, by centre cell. */
    public Map<String, ZoneAlert> openAlerts() {
        return detector.openAlerts();
    }

    /** Cells with calls in the baseline. */
    public long activeCells() {
        return detector.activeCells();
    }

    /** Incident updates and repeated tips ignored. */
    public long duplicates() {
        return detector.duplicates();
    }

    /** Officer-initiated calls kept out of the signal. */
    public long officerExcluded() {
        return detector.officerExcluded();
    }

    /** Events later than the longest window, not counted. */
    public long tooLate() {
        return detector.tooLate();
    }

    /** The detector underneath (figures and tests). */
    public StreamDetector detector() {
        return detector;
    }
}
