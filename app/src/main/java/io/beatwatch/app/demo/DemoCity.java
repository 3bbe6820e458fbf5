package io.beatwatch.app.demo;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.synth.InjectedCluster;
import io.beatwatch.core.synth.SyntheticCityConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo's synthetic city, anchored to the present: {@code warmupDays} of history (fed at full
 * speed so the baseline is warm), then the last day replayed at {@code speed}× until it catches up
 * with the clock, then real time. Emerging clusters are injected every so often so a console sees
 * alerts within a minute of start.
 */
record DemoCity(SyntheticCityConfig config, Instant liveFrom) {

    /** Event time between two injected clusters while replaying the last day. */
    static final Duration CATCH_UP_CLUSTER_EVERY = Duration.ofMinutes(40);

    /** Event (= wall) time between two injected clusters once in real time. */
    static final Duration LIVE_CLUSTER_EVERY = Duration.ofMinutes(15);

    /**
     * Mixed call types of an injected cluster: many callers about many things, not one incident.
     */
    static final List<String> CLUSTER_TYPES =
            List.of(
                    "Disturbance",
                    "Shots Fired",
                    "Suspicious Person",
                    "Burglary",
                    "Assault",
                    "Theft",
                    "Vandalism",
                    "Fight");

    /** How far before now the replayed live phase starts. */
    static final Duration CATCH_UP = Duration.ofHours(24);

    /** How long the generated city runs past now (the demo can run that long). */
    static final Duration AHEAD = Duration.ofDays(3);

    static DemoCity create(Instant now, int warmupDays, long seed) {
        Instant liveFrom = now.minus(CATCH_UP).truncatedTo(ChronoUnit.MINUTES);
        Instant start = liveFrom.minus(Duration.ofDays(warmupDays)).truncatedTo(ChronoUnit.HOURS);
        var base =
                SyntheticCityConfig.defaults()
                        .withSeed(seed)
                        .withPeriod(start, Duration.between(start, now.plus(AHEAD)));
        var grid = new H3Grid(base.resolution());
        var random = new SplittableRandom(seed);
        int n = 0;
        Instant t = liveFrom.plus(Duration.ofMinutes(5));
        while (t.isBefore(now.plus(AHEAD))) {
            // a place within ~7 km of the centre; a cluster of 14-22 calls of mixed types over
            // 20-30 minutes, strong enough to pass the default false-alarm budget (100 days)
            // with the job's overdispersion and repeat-call collapsing
            double dLat = (random.nextDouble() - 0.5) * 0.12;
            double dLon = (random.nextDouble() - 0.5) * 0.14;
            String cell = grid.cellOf(base.centre().lat() + dLat, base.centre().lon() + dLon);
            int calls = 14 + random.nextInt(9);
            Duration span = Duration.ofMinutes(20 + random.nextInt(11));
            InjectedCluster c =
                    n % 7 == 6
                            ? new InjectedCluster(
                                    "demo-tips-" + n,
                                    cell,
                                    0,
                                    t,
                                    span,
                                    calls,
                                    List.of("Drug Activity"),
                                    InjectedCluster.Kind.TIPS)
                            : InjectedCluster.calls("demo-" + n, cell, n % 2, t, span, calls);
            base = base.withCluster(c);
            n++;
            t = t.plus(t.isBefore(now) ? CATCH_UP_CLUSTER_EVERY : LIVE_CLUSTER_EVERY);
        }
        return new DemoCity(base, liveFrom);
    }
}
