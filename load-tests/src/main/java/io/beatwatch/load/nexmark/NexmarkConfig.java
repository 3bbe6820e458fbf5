package io.beatwatch.load.nexmark;

import java.io.Serializable;

/**
 * The Nexmark generator parameters that bids depend on, with the defaults of Flink's Nexmark
 * benchmark ({@code NexmarkConfiguration}, {@code BidGenerator}, and the suite's 10 M events/s).
 *
 * @param eventsPerSecond event-time rate of all Nexmark events (persons, auctions and bids, as
 *     {@code first-event.rate}) over all generators together
 * @param generators parallel generators, each on its own timeline with its own id range (one per
 *     source subtask, as {@code numEventGenerators = parallelism} in the Nexmark source)
 * @param personProportion persons in each block of {@code person + auction + bid} event ids
 * @param auctionProportion auctions in each block of event ids
 * @param bidProportion bids in each block of event ids
 * @param hotAuctionRatio a bid goes to the current hot auction with probability {@code 1 - 1/r}
 * @param hotBiddersRatio a bid comes from a hot bidder with probability {@code 1 - 1/r}
 * @param inFlightAuctions other bids pick among this many latest auctions (plus a lead of 10)
 * @param activePeople other bidders are among this many latest persons (plus a lead of 10)
 * @param avgBidBytes average bid size the {@code extra} padding aims at
 * @param baseTimeMillis event time of event number 0
 * @param seed seed of generator 0; generator {@code i} uses {@code seed + i}
 */
public record NexmarkConfig(
        long eventsPerSecond,
        int generators,
        int personProportion,
        int auctionProportion,
        int bidProportion,
        int hotAuctionRatio,
        int hotBiddersRatio,
        int inFlightAuctions,
        int activePeople,
        int avgBidBytes,
        long baseTimeMillis,
        long seed)
        implements Serializable {

    /** The Nexmark suite's {@code tps} (events/s of event time; emission is at full speed). */
    public static final long DEFAULT_EVENTS_PER_SECOND = 10_000_000L;

    public static final int DEFAULT_PERSON_PROPORTION = 1;
    public static final int DEFAULT_AUCTION_PROPORTION = 3;
    public static final int DEFAULT_BID_PROPORTION = 46;
    public static final int DEFAULT_HOT_AUCTION_RATIO = 2;
    public static final int DEFAULT_HOT_BIDDERS_RATIO = 4;
    public static final int DEFAULT_IN_FLIGHT_AUCTIONS = 100;
    public static final int DEFAULT_ACTIVE_PEOPLE = 1000;
    public static final int DEFAULT_AVG_BID_BYTES = 100;

    /** 2026-01-01T00:00:00Z: a fixed base, so runs are reproducible (Nexmark uses the clock). */
    public static final long DEFAULT_BASE_TIME_MILLIS = 1_767_225_600_000L;

    public static final long DEFAULT_SEED = 42L;

    public NexmarkConfig {
        if (eventsPerSecond < 1) throw new IllegalArgumentException("eventsPerSecond must be >= 1");
        if (generators < 1) throw new IllegalArgumentException("generators must be >= 1");
        if (personProportion < 1 || auctionProportion < 1 || bidProportion < 1) {
            throw new IllegalArgumentException("proportions must be >= 1");
        }
        if (hotAuctionRatio < 1 || hotBiddersRatio < 1) {
            throw new IllegalArgumentException("hot ratios must be >= 1");
        }
        if (inFlightAuctions < 1 || activePeople < 1) {
            throw new IllegalArgumentException("inFlightAuctions and activePeople must be >= 1");
        }
        if (avgBidBytes < 0) throw new IllegalArgumentException("avgBidBytes must be >= 0");
    }

    /** The Nexmark defaults at {@code eventsPerSecond} with {@code generators} generators. */
    public static NexmarkConfig defaults(long eventsPerSecond, int generators) {
        return new NexmarkConfig(
                eventsPerSecond,
                generators,
                DEFAULT_PERSON_PROPORTION,
                DEFAULT_AUCTION_PROPORTION,
                DEFAULT_BID_PROPORTION,
                DEFAULT_HOT_AUCTION_RATIO,
                DEFAULT_HOT_BIDDERS_RATIO,
                DEFAULT_IN_FLIGHT_AUCTIONS,
                DEFAULT_ACTIVE_PEOPLE,
                DEFAULT_AVG_BID_BYTES,
                DEFAULT_BASE_TIME_MILLIS,
                DEFAULT_SEED);
    }

    /** Event ids in one block: persons first, then auctions, then bids. */
    public int totalProportion() {
        return personProportion + auctionProportion + bidProportion;
    }

    /**
     * Microseconds of event time between two events of one generator: each generator runs at {@code
     * eventsPerSecond / generators} on its own timeline.
     */
    public double interEventDelayMicros() {
        return 1_000_000.0 / eventsPerSecond * generators;
    }

    /** Event time of event number {@code n} of any generator. */
    public long timestampOf(long eventNumber) {
        return baseTimeMillis + (long) (eventNumber * interEventDelayMicros()) / 1000L;
    }
}
