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
 * speed so the baseline is warm), then the last half hour replayed at {@code speed}× until it
 * catches up with the clock, then real time. Event time is the wall clock within a minute of start,
 * so patrol suggestions are current (a dispatcher can accept and complete them) and alerts are
 * fresh. Emerging clusters are injected over the last day and every few minutes once live.
 */
record DemoCity(SyntheticCityConfig config, Instant liveFrom) {

    /** Event time between two injected clusters in the history of the last day. */
    static final Duration HISTORY_CLUSTER_EVERY = Duration.ofMinutes(40);

    /** How far back from now clusters are injected into the history. */
    static final Duration HISTORY_WITH_CLUSTERS = Duration.ofHours(24);

    /** Event (= wall) time between two injected clusters from the catch-up on. */
    static final Duration LIVE_CLUSTER_EVERY = Duration.ofMinutes(10);

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

    /** Event time from the start of the paced phase to its first cluster. */
    static final Duration FIRST_LIVE_CLUSTER_AFTER = Duration.ofMinutes(2);

    /** How far before now the paced phase starts (30 s of catch-up at the default 60×). */
    static final Duration CATCH_UP = Duration.ofMinutes(30);

    /** How long the generated city runs past now (the demo can run that long). */
    static final Duration AHEAD = Duration.ofDays(3);

    /**
     * Clusters start {@link #HISTORY_WITH_CLUSTERS} before now, whatever day that is. (They once
     * started no earlier than the current UTC day: the detector's rolling null, refitted when the
     * day turns, learnt a previous day's dense clusters as normal and nothing passed the budget the
     * next day. The null now keeps an alerted episode only as "at least its threshold", so a day of
     * emergences no longer silences the next; {@code DemoCityTest} runs the demo past midnight.)
     */
    static Instant firstHistoryCluster(Instant now) {
        return now.minus(HISTORY_WITH_CLUSTERS).truncatedTo(ChronoUnit.MINUTES);
    }

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
        Instant t = firstHistoryCluster(now);
        while (t.isBefore(now.plus(AHEAD))) {
            // a place within ~7 km of the centre; a cluster of 14-22 calls of mixed types over
            // 20-30 minutes, strong enough to pass the default false-alarm budget (100 days)
            // against the job's rolling null and its per-type cap
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
            Instant next =
                    t.plus(t.isBefore(liveFrom) ? HISTORY_CLUSTER_EVERY : LIVE_CLUSTER_EVERY);
            // the first paced cluster starts right after the catch-up begins, so a console sees a
            // fresh alert within a minute of start
            Instant firstLive = liveFrom.plus(FIRST_LIVE_CLUSTER_AFTER);
            t = t.isBefore(firstLive) && next.isAfter(firstLive) ? firstLive : next;
        }
        return new DemoCity(base, liveFrom);
    }
}
