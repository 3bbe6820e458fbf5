package io.beatwatch.load.latency;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.auth.DevTokens;
import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.live.AlertEvent;
import io.beatwatch.gateway.view.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Turns what the job wrote (the alert stream) and what the consoles received ({@link Deliveries})
 * into a {@link ScenarioResult}. An alert entry is attributed to the call that caused it by its
 * cluster (its zone or cells) and its {@code observed} count ({@link #causeDue}): the detector
 * stamps {@code eventTime} with its minute clock, so that field cannot name a call. Entries the job
 * emitted in the measured span {@code [fromMillis, toMillis)} count; those caused by no call (timer
 * re-evaluations) count for loss but not for latency.
 */
final class ScenarioAnalysis {

    /** One alert stream entry: its id, the append time in it (Redis's clock) and the alert. */
    record StreamEntry(String id, long appendMillis, JsonNode alert) {}

    private ScenarioAnalysis() {}

    static ScenarioResult analyse(
            Schedule schedule,
            int durationSec,
            int consoles,
            List<StreamEntry> entries,
            Deliveries deliveries,
            long fromMillis,
            long toMillis,
            StageFigures gatewayWrite,
            LoadGenerator generator,
            long bufferTimeoutMs) {
        Map<String, Schedule.Cluster> byCell = new HashMap<>();
        Set<Integer> clustersInSpan = new HashSet<>();
        for (Schedule.Cluster c : schedule.clusters()) {
            byCell.put(c.cell(), c);
            for (int j = 0; j < schedule.callsPerCluster(); j++) {
                long due = schedule.dueMillis(schedule.slotOf(c, j));
                if (due >= fromMillis && due < toMillis) clustersInSpan.add(c.index());
            }
        }
        List<Principal> principals = new ArrayList<>();
        List<Set<String>> subscriptions = new ArrayList<>();
        for (int i = 0; i < consoles; i++) {
            var id = ConsoleFleet.identity(i);
            var grant = DevTokens.grantFor(id.user()).orElseThrow();
            principals.add(
                    new Principal(
                            id.user(), grant.role(), Set.copyOf(grant.districts()), Instant.MAX));
            subscriptions.add(Set.copyOf(id.districts()));
        }

        Histogram kafkaToJob = StageFigures.histogram();
        Histogram jobToRedis = StageFigures.histogram();
        Histogram redisToConsole = StageFigures.histogram();
        Histogram endToEnd = StageFigures.histogram();
        Map<String, StreamEntry> measured = new LinkedHashMap<>();
        Map<String, Long> dueOf = new HashMap<>();
        Set<Integer> clustersAlerted = new HashSet<>();
        Map<String, Long> lastObserved = new HashMap<>();
        long unattributed = 0;
        for (StreamEntry e : entries) {
            JsonNode a = e.alert();
            String emitted = a.path("emittedAt").asText(null);
            if (emitted == null) continue;
            long emittedMicros = FleetConsole.micros(Instant.parse(emitted));
            long observed = a.path("observed").asLong();
            Long previous = lastObserved.put(a.path("alertId").asText(), observed);
            if (emittedMicros < fromMillis * 1000 || emittedMicros >= toMillis * 1000) continue;
            measured.put(e.id(), e);
            Long due = causeDue(schedule, byCell, a, observed, previous);
            if (due == null || due * 1000 > emittedMicros) {
                unattributed++;
                continue;
            }
            clustersAlerted.add(clusterOf(byCell, a).index());
            dueOf.put(e.id(), due);
            StageFigures.record(kafkaToJob, emittedMicros - due * 1000);
            StageFigures.record(jobToRedis, e.appendMillis() * 1000 - emittedMicros);
        }

        long expected = 0;
        long lost = 0;
        long duplicates = 0;
        long delivered = 0;
        for (int i = 0; i < consoles; i++) {
            Set<String> seen = new HashSet<>();
            for (Deliveries.AlertFrame f : deliveries.alerts.getOrDefault(i, List.of())) {
                StreamEntry e = measured.get(f.streamId());
                if (e == null) continue;
                if (!seen.add(f.streamId())) {
                    duplicates++;
                    continue;
                }
                delivered++;
                StageFigures.record(redisToConsole, f.micros() - e.appendMillis() * 1000);
                Long due = dueOf.get(f.streamId());
                if (due != null) StageFigures.record(endToEnd, f.micros() - due * 1000);
            }
            for (StreamEntry e : measured.values()) {
                JsonNode a = e.alert();
                boolean entitled =
                        Visibility.alertVisible(
                                principals.get(i),
                                subscriptions.get(i),
                                a.path("district").asText(null),
                                AlertEvent.supervisorsOnly(a));
                if (!entitled) continue;
                expected++;
                if (!seen.contains(e.id())) lost++;
            }
        }

        Histogram cells = cellDelays(schedule, deliveries, fromMillis, toMillis);
        Map<String, StageFigures> stages = new LinkedHashMap<>();
        stages.put(ScenarioResult.KAFKA_TO_JOB, StageFigures.of(kafkaToJob));
        stages.put(ScenarioResult.JOB_TO_REDIS, StageFigures.of(jobToRedis));
        stages.put(ScenarioResult.REDIS_TO_GATEWAY_WRITE, gatewayWrite);
        stages.put(ScenarioResult.REDIS_TO_CONSOLE, StageFigures.of(redisToConsole));
        StageFigures e2e = StageFigures.of(endToEnd);
        return new ScenarioResult(
                (int) Math.round(schedule.rate()),
                consoles,
                durationSec,
                e2e.p50Ms(),
                e2e.p99Ms(),
                e2e.p999Ms(),
                e2e.maxMs(),
                expected,
                lost,
                duplicates,
                measured.size(),
                delivered,
                unattributed,
                clustersInSpan.size(),
                clustersAlerted.size(),
                generator.sent(),
                generator.failed(),
                StageFigures.of(generator.sendLag()),
                stages,
                StageFigures.of(cells),
                deliveries.reconnects(),
                deliveries.resyncs,
                deliveries.signInRetries,
                Map.copyOf(deliveries.closeCodes),
                bufferTimeoutMs,
                null,
                null,
                null,
                null,
                endToEnd,
                cells);
    }

    /**
     * The due time of the call that caused an alert entry: the entry's {@code observed} count is
     * the number of its cluster's calls so far (fresh cells, officer-initiated background), so the
     * entry was made by the cluster's {@code observed}-th call. An entry that repeats the count of
     * the alert's previous revision was a re-evaluation on a minute timer, caused by no call: null.
     */
    private static Long causeDue(
            Schedule schedule,
            Map<String, Schedule.Cluster> byCell,
            JsonNode alert,
            long observed,
            Long previousObserved) {
        Schedule.Cluster c = clusterOf(byCell, alert);
        if (c == null || observed < 1 || observed > schedule.callsPerCluster()) return null;
        if (previousObserved != null && previousObserved == observed) return null;
        return schedule.dueMillis(schedule.slotOf(c, (int) observed - 1));
    }

    private static Schedule.Cluster clusterOf(Map<String, Schedule.Cluster> byCell, JsonNode a) {
        Schedule.Cluster c = byCell.get(a.path("zone").asText());
        if (c != null) return c;
        for (JsonNode cell : a.path("cells")) {
            c = byCell.get(cell.asText());
            if (c != null) return c;
        }
        return null;
    }

    /**
     * Delay of each cell update of a seeded cell: a frame saying {@code observed = k} is attributed
     * to the cluster's k-th call (the cells were chosen with no history call in the longest window,
     * and background calls are officer-initiated, not counted in {@code observed}); only the first
     * frame of each count at each console counts (later ones are the poller's periodic re-reads,
     * not news).
     */
    private static Histogram cellDelays(
            Schedule schedule, Deliveries deliveries, long fromMillis, long toMillis) {
        Map<String, Schedule.Cluster> byCell = new HashMap<>();
        for (Schedule.Cluster c : schedule.clusters()) byCell.put(c.cell(), c);
        Histogram h = StageFigures.histogram();
        for (var frames : deliveries.cells.values()) {
            Set<String> first = new HashSet<>();
            for (Deliveries.CellFrame f : frames) {
                Schedule.Cluster c = byCell.get(f.cell());
                if (c == null || f.observed() < 1 || f.observed() > schedule.callsPerCluster()) {
                    continue;
                }
                if (!first.add(f.cell() + "/" + f.observed())) continue;
                long due = schedule.dueMillis(schedule.slotOf(c, (int) f.observed() - 1));
                if (due < fromMillis || due >= toMillis) continue;
                StageFigures.record(h, f.micros() - due * 1000);
            }
        }
        return h;
    }
}
