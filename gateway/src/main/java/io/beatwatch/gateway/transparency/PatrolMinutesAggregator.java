package io.beatwatch.gateway.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the public patrol-minutes feed (ARCHITECTURE sections 6 and 7) from the job's daily dosage
 * summaries ({@code RedisKeys.dosageSummary(date)}: district to {@code {"minutes","visits",...}}).
 * What is published: for each of the last {@code patrolDays} local days (in the city's zone) that
 * ended at least {@code delay} before the feed clock, per district, the patrol minutes (the job's
 * sum over the district's cells) rounded to {@code patrolRoundMinutes}, and the number of visits. A
 * district-day with fewer than {@code minCount} visits (or no visit count) is left out. Never
 * cells, units, suggestion ids, declined counts or anything of the current day.
 */
public final class PatrolMinutesAggregator {

    private static final Logger LOG = LoggerFactory.getLogger(PatrolMinutesAggregator.class);

    /** Version of the published JSON. */
    public static final int VERSION = 1;

    /** One district-day as read from the summary: the only two fields the feed uses. */
    record Line(int minutes, int visits) {}

    private final Duration delay;
    private final int days;
    private final int roundMinutes;
    private final int minVisits;
    private final ZoneId zone;

    /** The feed for {@code config}, local days in {@code zone} (already resolved, never null). */
    public PatrolMinutesAggregator(GatewayConfig.PublicFeed config, ZoneId zone) {
        this.delay = config.delay();
        this.days = config.patrolDays();
        this.roundMinutes = config.patrolRoundMinutes();
        this.minVisits = config.minCount();
        this.zone = java.util.Objects.requireNonNull(zone, "zone");
    }

    /**
     * The local dates published as of the feed clock, oldest first: the last {@code patrolDays}
     * days whose end (the next local midnight) is at or before {@code feedNow - delay}. The day in
     * progress, and the day that ended less than the delay ago, are never among them.
     */
    public List<LocalDate> days(Instant feedNow) {
        var last = feedNow.minus(delay).atZone(zone).toLocalDate().minusDays(1);
        var out = new ArrayList<LocalDate>(days);
        for (int i = days - 1; i >= 0; i--) {
            out.add(last.minusDays(i));
        }
        return out;
    }

    /**
     * Builds the feed as of {@code feedNow} from each day's summary hash (district to summary
     * JSON). Only the dates of {@link #days} are read from {@code summaries}, whatever else it
     * holds; a missing date publishes an empty day.
     */
    public PatrolMinutesSnapshot build(
            Instant wallNow, Instant feedNow, Map<LocalDate, Map<String, String>> summaries) {
        var dates = days(feedNow);
        var root = Json.object();
        root.put("v", VERSION);
        var meta = root.putObject("metadata");
        meta.put("generatedAt", wallNow.truncatedTo(ChronoUnit.SECONDS).toString());
        meta.put("from", dates.get(0).toString());
        meta.put("to", dates.get(dates.size() - 1).toString());
        meta.put("zone", zone.getId());
        meta.put("delayMinutes", delay.toMinutes());
        meta.put("roundMinutes", roundMinutes);
        meta.put("minVisits", minVisits);
        meta.put(
                "minutes",
                "patrol minutes per district and local day (suggested dwell, or the reported time"
                        + " of a visit done; declined visits count nothing), rounded to the nearest"
                        + " roundMinutes; visits = visits counted; a district-day with fewer than"
                        + " minVisits visits is omitted; only days that ended at least delayMinutes"
                        + " ago");
        var out = root.putArray("days");
        int published = 0;
        int malformed = 0;
        for (var date : dates) {
            var day = out.addObject();
            day.put("date", date.toString());
            var districts = day.putObject("districts");
            var hash = summaries.getOrDefault(date, Map.of());
            for (var e : new TreeMap<>(hash).entrySet()) {
                var line = parse(e.getValue());
                if (line.isEmpty()) {
                    malformed++;
                    continue;
                }
                if (line.get().visits() < minVisits) {
                    continue;
                }
                var d = districts.putObject(e.getKey());
                d.put("minutes", round(line.get().minutes(), roundMinutes));
                d.put("visits", line.get().visits());
                published++;
            }
        }
        if (malformed > 0) {
            LOG.warn("patrol minutes feed skipped {} malformed dosage summary line(s)", malformed);
        }
        return new PatrolMinutesSnapshot(
                wallNow, dates.get(0), dates.get(dates.size() - 1), published, Json.write(root));
    }

    /** An empty feed, served until the first build. */
    public static PatrolMinutesSnapshot empty(Instant now) {
        var root = Json.object();
        root.put("v", VERSION);
        root.putObject("metadata").put("status", "starting");
        root.putArray("days");
        return new PatrolMinutesSnapshot(now, null, null, 0, Json.write(root));
    }

    /** Rounds to the nearest multiple of {@code step}, halves up. */
    static int round(int minutes, int step) {
        return (int) (((long) minutes + step / 2) / step * step);
    }

    /**
     * Reads minutes and visits from one summary line; empty if either is missing, not a whole
     * number or negative (a district without a visit count cannot pass the k rule).
     */
    static Optional<Line> parse(String json) {
        try {
            JsonNode n = Json.tree(json);
            var minutes = n.path("minutes");
            var visits = n.path("visits");
            if (!minutes.canConvertToInt()
                    || !visits.canConvertToInt()
                    || !minutes.isIntegralNumber()
                    || !visits.isIntegralNumber()
                    || minutes.intValue() < 0
                    || visits.intValue() < 0) {
                return Optional.empty();
            }
            return Optional.of(new Line(minutes.intValue(), visits.intValue()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
