package io.beatwatch.load.fanout;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.beatwatch.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code figures.json} of the fan-out harness: the push latency (the alert's publish, just before
 * its append to the Redis stream, to the console's receipt) of every live delivery in the healthy
 * phase, the gateway's heap and CPU, and the three hard cases.
 *
 * @param consoles consoles asked for; {@code consolesConnected} had their first snapshot
 * @param gatewayCpuPercent gateway process CPU over the healthy phase, percent of one core (the
 *     machine has {@code cores})
 * @param heapMbPer1000 live heap after a full GC with every console connected minus the same before
 *     any connected, per 1,000 consoles
 * @param slowConsolesIsolated whether nobody else slowed down while 1% of the consoles stalled: the
 *     other consoles' push p99 then was at most 1.5 times their p99 of the healthy phase (or within
 *     the target)
 */
@JsonPropertyOrder({
    "consoles",
    "pushP99Ms",
    "pushP50Ms",
    "heapMbPer1000",
    "gatewayCpuPercent",
    "slowConsolesIsolated",
    "slowConsoles",
    "reconnectStorm",
    "gatewayRestart"
})
public record FanoutResult(
        int consoles,
        Double pushP99Ms,
        Double pushP50Ms,
        Double heapMbPer1000,
        Double gatewayCpuPercent,
        boolean slowConsolesIsolated,
        SlowConsoles slowConsoles,
        ReconnectStorm reconnectStorm,
        GatewayRestart gatewayRestart,
        int consolesConnected,
        double connectSeconds,
        Double pushP999Ms,
        Double pushMaxMs,
        long pushDeliveries,
        int phaseSeconds,
        double alertsPerSec,
        double cellsPerSec,
        long alertsPublished,
        long cellsPublished,
        long publishFailures,
        double publisherMaxLagMs,
        double heapMbIdle,
        double heapMbConnected,
        int cores,
        Totals totals,
        String loadAverageStart,
        String loadAverageEnd,
        double targetP99Ms,
        boolean targetMet) {

    /**
     * 1 in {@code every} console stops reading (a 4 KB receive buffer, paused) for a phase.
     *
     * @param closedSlow slow consoles the gateway closed with 4008 (too slow)
     * @param gatewayClosedOverflow the gateway's {@code ws.closed{reason=overflow}} in the phase
     * @param gatewayClosedStalled the gateway's {@code ws.closed{reason=stalled}} in the phase
     * @param cellsCoalesced the gateway's {@code cells.coalesced} in the phase
     * @param healthyP99MsWithout push p99 of the other consoles in the healthy phase
     * @param healthyP99MsWith push p99 of the other consoles while the slow ones stall
     * @param lost alert events owed to a slow console it never got, over the run
     */
    public record SlowConsoles(
            int count,
            int every,
            int closedSlow,
            double gatewayClosedOverflow,
            double gatewayClosedStalled,
            double cellsCoalesced,
            Double healthyP50MsWithout,
            Double healthyP99MsWithout,
            Double healthyP50MsWith,
            Double healthyP99MsWith,
            long healthyDeliveriesWith,
            long lost,
            long duplicates) {}

    /**
     * Every console drops its socket at once and reconnects with resume after a random delay up to
     * {@code spreadS}.
     *
     * @param consoles consoles that dropped their socket
     * @param seconds from the drop to the last console's socket open
     * @param lost alert events published from the drop to the end of the settle that an entitled
     *     console never got (checked by event id)
     * @param duplicates frames of an event a console already had, for those events
     */
    @JsonPropertyOrder({"consoles", "seconds", "lost", "duplicates"})
    public record ReconnectStorm(
            int consoles,
            Double seconds,
            long lost,
            long duplicates,
            double spreadS,
            int reconnected,
            long owed) {}

    /** kill -9 of the gateway, started again on its port; consoles reconnect and resume. */
    public record GatewayRestart(
            long lost, long duplicates, Double recoveredS, int reconnected, long owed) {}

    /** Over the whole run: owed deliveries, lost, duplicated, resync snapshots, close codes. */
    public record Totals(
            long owed,
            long lost,
            long duplicates,
            int resyncs,
            int unreadable,
            Map<Integer, Integer> closeCodes) {}

    void write(Path file) throws IOException {
        Files.writeString(
                file,
                Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }
}
