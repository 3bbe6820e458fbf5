package io.beatwatch.load.fanout;

import io.beatwatch.gateway.auth.Principal;
import io.beatwatch.gateway.view.Visibility;
import io.beatwatch.load.latency.ConsoleFleet;
import io.beatwatch.load.latency.Deliveries;
import io.beatwatch.load.latency.StageFigures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Turns the alert stream and what each console received into the harness's figures: push latency
 * per phase, and alert events lost or duplicated per console, by event id, under the gateway's own
 * visibility rule ({@link Visibility#alertVisible}).
 */
final class FanoutAnalysis {

    /** One alert stream entry: its ids, its publish time, and what decides who may see it. */
    record Entry(
            String streamId,
            String eventId,
            long publishedMicros,
            String district,
            boolean supervisorsOnly) {}

    /** A span of publish times, epoch microseconds, {@code [from, to)}. */
    record Span(long from, long to) {
        boolean holds(long micros) {
            return micros >= from && micros < to;
        }
    }

    /** Owed, lost and duplicated deliveries of one set of entries to one set of consoles. */
    record Loss(long owed, long lost, long duplicates) {}

    private final int consoles;
    private final int slowEvery;
    private final List<Entry> entries;
    private final Deliveries deliveries;
    private final Map<String, Entry> byStreamId = new HashMap<>();
    private final List<Principal> principals = new ArrayList<>();
    private final List<Set<String>> subscriptions = new ArrayList<>();
    private final List<Map<String, Integer>> framesPerEvent = new ArrayList<>();

    FanoutAnalysis(int consoles, int slowEvery, List<Entry> entries, Deliveries deliveries) {
        this.consoles = consoles;
        this.slowEvery = slowEvery;
        this.entries = entries;
        this.deliveries = deliveries;
        for (Entry e : entries) byStreamId.put(e.streamId(), e);
        for (int i = 0; i < consoles; i++) {
            principals.add(FanoutConsoles.principal(i));
            subscriptions.add(FanoutConsoles.subscription(i));
            Map<String, Integer> frames = new HashMap<>();
            for (Deliveries.AlertFrame f : deliveries.alertsOf(i)) {
                Entry e = byStreamId.get(f.streamId());
                if (e != null) frames.merge(e.eventId(), 1, Integer::sum);
            }
            framesPerEvent.add(frames);
        }
    }

    boolean slow(int console) {
        return ConsoleFleet.isSlow(console, slowEvery);
    }

    boolean owed(int console, Entry e) {
        return Visibility.alertVisible(
                principals.get(console),
                subscriptions.get(console),
                e.district(),
                e.supervisorsOnly());
    }

    /**
     * Publish-to-receipt delay of the first frame of each entry published in {@code span}, at the
     * consoles {@code which} selects (true: the healthy ones only).
     */
    Histogram push(Span span, boolean healthyOnly) {
        Histogram h = StageFigures.histogram();
        for (int i = 0; i < consoles; i++) {
            if (healthyOnly && slow(i)) continue;
            var seen = new java.util.HashSet<String>();
            for (Deliveries.AlertFrame f : deliveries.alertsOf(i)) {
                Entry e = byStreamId.get(f.streamId());
                if (e == null || !span.holds(e.publishedMicros()) || !seen.add(f.streamId())) {
                    continue;
                }
                StageFigures.record(h, f.micros() - e.publishedMicros());
            }
        }
        return h;
    }

    /**
     * Loss over the entries published in {@code span} at every console ({@code slowOnly}: those).
     */
    Loss loss(Span span, boolean slowOnly) {
        long owed = 0;
        long lost = 0;
        long dup = 0;
        for (int i = 0; i < consoles; i++) {
            if (slowOnly && !slow(i)) continue;
            Map<String, Integer> frames = framesPerEvent.get(i);
            for (Entry e : entries) {
                if (!span.holds(e.publishedMicros())) continue;
                int n = frames.getOrDefault(e.eventId(), 0);
                if (n > 1) dup += n - 1;
                if (!owed(i, e)) continue;
                owed++;
                if (n == 0) lost++;
            }
        }
        return new Loss(owed, lost, dup);
    }

    /** Consoles whose socket opened again at or after {@code micros}. */
    int reopenedAfter(long micros) {
        int n = 0;
        for (int i = 0; i < consoles; i++) {
            if (deliveries.opensOf(i).stream().anyMatch(t -> t >= micros)) n++;
        }
        return n;
    }

    /**
     * Seconds from {@code micros} until the last console's first socket open after it; null if some
     * console never opened again.
     */
    Double secondsUntilAllReopened(long micros) {
        long last = micros;
        for (int i = 0; i < consoles; i++) {
            Long first =
                    deliveries.opensOf(i).stream()
                            .filter(t -> t >= micros)
                            .findFirst()
                            .orElse(null);
            if (first == null) return null;
            last = Math.max(last, first);
        }
        return Math.ceil((last - micros) / 100_000.0) / 10.0;
    }

    /** Slow consoles the gateway closed with the given code. */
    int slowClosedWith(int code) {
        int n = 0;
        for (int i = 0; i < consoles; i++) {
            if (slow(i) && deliveries.closeCodesOf(i).contains(code)) n++;
        }
        return n;
    }

    int slowCount() {
        int n = 0;
        for (int i = 0; i < consoles; i++) if (slow(i)) n++;
        return n;
    }
}
