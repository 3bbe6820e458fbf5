package io.beatwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An emerging-hotspot alert and its explanation (Redis Stream {@code beatwatch:alerts}, Kafka
 * {@code beatwatch.alerts}). {@link #alertId} is deterministic (zone + window + opening time), so a
 * replay of the same input yields the same ids. {@link #emittedAt} is processing-time metadata and
 * the only field allowed to differ between two replays.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HotspotAlert(
        int v,
        String alertId,
        AlertState state,
        EmergenceCategory category,
        String zone,
        int ring,
        List<String> cells,
        LatLon centroid,
        String district,
        Duration window,
        long observed,
        double expected,
        double score,
        double recurrenceIntervalDays,
        Signal signal,
        boolean confirmed,
        List<TypeCount> topTypes,
        long tipCount,
        Instant openedAt,
        Instant eventTime,
        String modelVersion,
        Instant emittedAt) {

    public static final int VERSION = 1;

    public HotspotAlert {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(state, "state");
        cells = cells == null ? List.of() : List.copyOf(cells);
        topTypes = topTypes == null ? List.of() : List.copyOf(topTypes);
    }

    /** This alert with processing-time metadata removed, for replay comparisons. */
    public HotspotAlert withoutProcessingTime() {
        return new HotspotAlert(
                v,
                alertId,
                state,
                category,
                zone,
                ring,
                cells,
                centroid,
                district,
                window,
                observed,
                expected,
                score,
                recurrenceIntervalDays,
                signal,
                confirmed,
                topTypes,
                tipCount,
                openedAt,
                eventTime,
                modelVersion,
                null);
    }
}
