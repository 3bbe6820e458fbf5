package io.beatwatch.gateway.transparency;

import io.beatwatch.core.model.PublicCall;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.view.GeoJson;
import io.beatwatch.gateway.view.Hexes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregates the job's public calls (core {@code PublicCall}, topic {@code beatwatch.public-calls})
 * into the public feed (ARCHITECTURE section 7). What is published: for each H3 cell at the
 * configured resolution (8 or coarser), the number of distinct incidents received in the period
 * {@code [to - period, to)}, where {@code to} is the feed clock minus the delay, truncated to the
 * hour (so the feed changes once an hour). Incidents the job marked sensitive at decode (by the
 * city profile and the default terms, on current, initial or final type or category) are excluded,
 * once marked always excluded; officer-initiated ones are excluded unless configured, and cells
 * with fewer than {@code minCount} incidents are left out. No tips, types, addresses, times or ids
 * are published: the input carries no type or address at all.
 *
 * <p>The feed clock is the earlier of the wall clock and the newest call seen, so a replayed
 * (historical) stream gets a feed too and a call stamped in the future cannot pull the window
 * forward. Not thread-safe: one consumer thread owns it.
 */
public final class PublicFeedAggregator {

    /** Incidents are kept this long past the start of the period (late updates may still come). */
    static final Duration RETAIN_SLACK = Duration.ofHours(1);

    private record Incident(String cell, Instant receivedAt, boolean sensitive, boolean officer) {}

    private final GatewayConfig.PublicFeed config;
    private final Map<String, Incident> incidents = new HashMap<>();
    private Instant newestSeen;

    public PublicFeedAggregator(GatewayConfig.PublicFeed config) {
        this.config = config;
    }

    /** Takes one call (a new incident or an update of one). */
    public void accept(PublicCall c) {
        if (c == null || !placeable(c.lat(), c.lon())) {
            return;
        }
        var prev = incidents.get(c.id());
        boolean isSensitive = c.sensitive() || (prev != null && prev.sensitive());
        var received = prev != null ? prev.receivedAt() : c.receivedAt();
        var cell = Hexes.cellAt(c.lat(), c.lon(), config.resolution());
        incidents.put(c.id(), new Incident(cell, received, isSensitive, c.officerInitiated()));
        if (newestSeen == null || c.receivedAt().isAfter(newestSeen)) {
            newestSeen = c.receivedAt();
        }
    }

    private static boolean placeable(double lat, double lon) {
        return Double.isFinite(lat)
                && Double.isFinite(lon)
                && Math.abs(lat) <= 90
                && Math.abs(lon) <= 180
                && !(lat == 0 && lon == 0);
    }

    /** Builds the feed as of the given wall time and forgets incidents too old to count. */
    public PublicSnapshot build(Instant wallNow) {
        var feedClock = newestSeen == null || newestSeen.isAfter(wallNow) ? wallNow : newestSeen;
        var to = feedClock.minus(config.delay()).truncatedTo(ChronoUnit.HOURS);
        var from = to.minus(config.period());
        var counts = new TreeMap<String, Integer>();
        for (var i : incidents.values()) {
            if (i.sensitive() || (i.officer() && !config.includeOfficerInitiated())) {
                continue;
            }
            if (!i.receivedAt().isBefore(from) && i.receivedAt().isBefore(to)) {
                counts.merge(i.cell(), 1, Integer::sum);
            }
        }
        var cutoff = from.minus(RETAIN_SLACK);
        incidents.values().removeIf(i -> i.receivedAt().isBefore(cutoff));

        var features = new ArrayList<com.fasterxml.jackson.databind.node.ObjectNode>();
        counts.forEach(
                (cell, n) -> {
                    if (n >= config.minCount()) {
                        var props = Json.object();
                        props.put("cell", cell);
                        props.put("count", n);
                        features.add(GeoJson.hexFeature(cell, props));
                    }
                });
        var fc = GeoJson.collection(features);
        var meta = fc.putObject("metadata");
        meta.put("generatedAt", wallNow.truncatedTo(ChronoUnit.SECONDS).toString());
        meta.put("from", from.toString());
        meta.put("to", to.toString());
        meta.put("delayMinutes", config.delay().toMinutes());
        meta.put("resolution", config.resolution());
        meta.put("minCount", config.minCount());
        meta.put(
                "counts",
                "distinct calls for service received in [from, to), per H3 cell; cells below"
                        + " minCount omitted; sensitive call types (by current, initial or final"
                        + " type or category, the city profile's list included), "
                        + (config.includeOfficerInitiated() ? "" : "officer-initiated events, ")
                        + "tips and addresses excluded");
        return new PublicSnapshot(wallNow, from, to, features.size(), Json.write(fc));
    }

    /** An empty feed, served until the first build. */
    public static PublicSnapshot empty(Instant now) {
        var fc = GeoJson.collection(new ArrayList<>());
        fc.putObject("metadata").put("status", "starting");
        return new PublicSnapshot(now, now, now, 0, Json.write(fc));
    }

    /** Receipt time of the newest call seen, or null before the first. */
    public Instant newestSeen() {
        return newestSeen;
    }

    int tracked() {
        return incidents.size();
    }
}
