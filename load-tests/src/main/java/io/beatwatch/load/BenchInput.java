package io.beatwatch.load;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.FileFeed;
import io.beatwatch.jobs.io.RecordFeed;
import io.beatwatch.jobs.io.SyntheticFeed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One input of the throughput bench, as the job and the loop read it: the records (held in memory
 * or produced inside each run), the job config for them, and the history they span.
 *
 * @param name {@code synthetic-30d} or the profile name
 * @param historyDays days between the first and the last record's event time (synthetic: as asked)
 * @param records records in the input
 * @param feed what the job's source and the loop read
 * @param config the job config (checkpoints off, no idleness), also the loop's
 * @param districtOfCell the loop's district lookup for alerts
 * @param description one line for the report
 */
public record BenchInput(
        String name,
        double historyDays,
        long records,
        RecordFeed feed,
        HotspotJobConfig config,
        Function<String, String> districtOfCell,
        String description) {

    private static final double DAY_MILLIS = 86_400_000.0;

    /** The seeded synthetic city over {@code days} days, as the {@code replay --synthetic} feed. */
    public static BenchInput synthetic(int days, long seed, boolean preload) {
        var city =
                SyntheticCityConfig.defaults()
                        .withSeed(seed)
                        .withPeriod(SyntheticCityConfig.DEFAULT_START, Duration.ofDays(days));
        var synth = new SyntheticCity(city);
        HotspotJobConfig config = HotspotJobConfig.defaults(SyntheticFeed.bounds(city), Set.of());
        Function<String, String> districtOfCell =
                cell -> {
                    var c = H3Grid.centroid(cell);
                    return synth.districtOf(c.lat(), c.lon());
                };
        return hold(
                "synthetic-" + days + "d",
                days,
                new SyntheticFeed(city),
                config,
                districtOfCell,
                "synthetic city, " + days + " days, seed " + seed,
                preload);
    }

    /**
     * A feed file through a city profile, as the {@code replay} command reads it ({@link
     * FileFeed}); the first {@code limit} accepted rows only when {@code limit > 0}.
     */
    public static BenchInput file(String profile, Path file, long limit, boolean preload) {
        var p = CityProfiles.load(profile);
        RecordFeed source =
                new LimitedFeed(
                        new FileFeed(profile, file.toAbsolutePath().toString(), null, null), limit);
        return hold(
                p.name(),
                Double.NaN,
                source,
                HotspotJobConfig.forProfile(p),
                // alerts only: the lookup is outside the per-event path of both sides
                cell -> null,
                "profile "
                        + p.name()
                        + ", "
                        + file.getFileName()
                        + (limit > 0 ? ", first " + limit + " accepted rows" : ""),
                preload);
    }

    private static BenchInput hold(
            String name,
            double days,
            RecordFeed source,
            HotspotJobConfig config,
            Function<String, String> districtOfCell,
            String description,
            boolean preload) {
        config = config.withCheckpointInterval(Duration.ZERO).withoutIdleness();
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE, n = 0;
        List<RawRecord> held = preload ? new ArrayList<>() : null;
        for (Iterator<RawRecord> it = source.open(); it.hasNext(); ) {
            RawRecord r = it.next();
            n++;
            if (held != null) held.add(r);
            if (r.eventTimeMillis != 0) {
                min = Math.min(min, r.eventTimeMillis);
                max = Math.max(max, r.eventTimeMillis);
            }
        }
        if (Double.isNaN(days)) days = n == 0 || min > max ? 0 : (max - min) / DAY_MILLIS;
        RecordFeed feed = preload ? MemoryFeed.hold(key(name), held) : source;
        String how =
                preload
                        ? " (JSON pre-encoded in memory, not timed)"
                        : " (generated/read and encoded inside each timed run)";
        return new BenchInput(name, days, n, feed, config, districtOfCell, description + how);
    }

    private static String key(String name) {
        return "bench-" + name;
    }

    /** Lets go of the records held in memory, if any. */
    public void release() {
        MemoryFeed.release(key(name));
    }
}
