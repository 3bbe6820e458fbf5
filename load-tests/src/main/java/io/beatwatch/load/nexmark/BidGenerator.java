package io.beatwatch.load.nexmark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * One Nexmark generator's timeline, bids only: walks the Nexmark event ids from {@code
 * firstEventId} and turns each bid id into a bid by Nexmark's rules (hot auction and hot bidder
 * ratios, auction and person id ranges derived from the event id, Nexmark's price and padding);
 * person and auction ids are skipped, not materialised, but still take their place in event time,
 * so event time advances at the configured rate of all events. Plain Java: deterministic for a
 * config and index.
 */
public final class BidGenerator implements Iterator<Bid> {

    /** Nexmark: auction and person ids start here so queries match on small data sets. */
    public static final long FIRST_AUCTION_ID = 1000L;

    public static final long FIRST_PERSON_ID = 1000L;

    /** Hot auctions and bidders are the first of each batch of this many (Nexmark's 100). */
    static final int HOT_BATCH = 100;

    /** Ids not created yet that a random pick may still reach (Nexmark's lead of 10). */
    static final int ID_LEAD = 10;

    private static final int CHANNELS = 10_000;
    private static final int HOT_CHANNELS_RATIO = 2;
    private static final String[] HOT_CHANNEL_NAMES = {"Google", "Facebook", "Baidu", "Apple"};

    /** Fixed tables (channel names and urls, padding text), the same in every generator. */
    private static final class Tables {
        static final String[] HOT_URLS = new String[HOT_CHANNEL_NAMES.length];
        static final String[] CHANNEL_NAMES = new String[CHANNELS];
        static final String[] CHANNEL_URLS = new String[CHANNELS];
        static final String PADDING;

        static {
            var r = new SplittableRandom(0x6e65786d61726bL);
            for (int i = 0; i < HOT_URLS.length; i++) HOT_URLS[i] = baseUrl(r);
            for (int i = 0; i < CHANNELS; i++) {
                String url = baseUrl(r);
                if (r.nextInt(10) > 0) url += "&channel_id=" + Math.abs(Integer.reverse(i));
                CHANNEL_NAMES[i] = "channel-" + i;
                CHANNEL_URLS[i] = url;
            }
            var s = new StringBuilder(1 << 20);
            for (int i = 0; i < 1 << 20; i++) s.append((char) ('a' + r.nextInt(26)));
            PADDING = s.toString();
        }

        private static String baseUrl(SplittableRandom r) {
            return "https://www.nexmark.com/"
                    + word(r, 5, '_')
                    + '/'
                    + word(r, 5, '_')
                    + '/'
                    + word(r, 5, '_')
                    + "/item.htm?query=1";
        }

        private static String word(SplittableRandom r, int maxLength, char special) {
            int len = 3 + r.nextInt(maxLength - 3);
            var s = new StringBuilder(len);
            while (len-- > 0) s.append(r.nextInt(13) == 0 ? special : (char) ('a' + r.nextInt(26)));
            return s.toString().trim();
        }
    }

    private final NexmarkConfig config;
    private final long firstEventId;
    private final long bidCount;
    private final SplittableRandom random;
    private long eventNumber;
    private long bidsEmitted;

    /**
     * Generator {@code index} of {@code config}: {@code bidCount} bids from event id {@code
     * firstEventId}, resumed at {@code eventNumber} events and {@code bidsEmitted} bids in.
     */
    public BidGenerator(
            NexmarkConfig config,
            int index,
            long firstEventId,
            long bidCount,
            long eventNumber,
            long bidsEmitted) {
        this.config = config;
        this.firstEventId = firstEventId;
        this.bidCount = bidCount;
        this.eventNumber = eventNumber;
        this.bidsEmitted = bidsEmitted;
        // a resumed generator does not replay the same random draws; ids and times are exact
        this.random =
                new SplittableRandom(config.seed() + index * 0x9E3779B97F4A7C15L + eventNumber);
    }

    /** Event ids generator {@code 0..} needs at most for {@code bids} bids (whole id blocks). */
    public static long eventIdsFor(NexmarkConfig config, long bids) {
        long blocks = (bids + config.bidProportion() - 1) / config.bidProportion() + 1;
        return blocks * config.totalProportion();
    }

    public long eventNumber() {
        return eventNumber;
    }

    public long bidsEmitted() {
        return bidsEmitted;
    }

    @Override
    public boolean hasNext() {
        return bidsEmitted < bidCount;
    }

    @Override
    public Bid next() {
        if (!hasNext()) throw new NoSuchElementException();
        int firstBid = config.personProportion() + config.auctionProportion();
        while (true) {
            long n = eventNumber++;
            long eventId = firstEventId + n;
            if (eventId % config.totalProportion() < firstBid) continue;
            bidsEmitted++;
            return bid(eventId, config.timestampOf(n));
        }
    }

    private Bid bid(long eventId, long timestamp) {
        long auction;
        if (random.nextInt(config.hotAuctionRatio()) > 0) {
            auction = (lastAuctionId(eventId) / HOT_BATCH) * HOT_BATCH;
        } else {
            long max = lastAuctionId(eventId);
            long min = Math.max(max - config.inFlightAuctions(), 0);
            auction = min + random.nextLong(max - min + 1 + ID_LEAD);
        }
        long bidder;
        if (random.nextInt(config.hotBiddersRatio()) > 0) {
            // the second of the batch, so hot bidders and hot sellers differ
            bidder = (lastPersonId(eventId) / HOT_BATCH) * HOT_BATCH + 1;
        } else {
            long people = lastPersonId(eventId) + 1;
            long active = Math.min(people, config.activePeople());
            bidder = people - active + random.nextLong(active + ID_LEAD);
        }
        long price = Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
        String channel;
        String url;
        if (random.nextInt(HOT_CHANNELS_RATIO) > 0) {
            int i = random.nextInt(HOT_CHANNEL_NAMES.length);
            channel = HOT_CHANNEL_NAMES[i];
            url = Tables.HOT_URLS[i];
        } else {
            int i = random.nextInt(CHANNELS);
            channel = Tables.CHANNEL_NAMES[i];
            url = Tables.CHANNEL_URLS[i];
        }
        return new Bid(
                auction + FIRST_AUCTION_ID,
                bidder + FIRST_PERSON_ID,
                price,
                channel,
                url,
                timestamp,
                extra(8 + 8 + 8 + 8));
    }

    /** The newest auction id (base 0) created at or before {@code eventId}. */
    long lastAuctionId(long eventId) {
        long epoch = eventId / config.totalProportion();
        long offset = eventId % config.totalProportion();
        if (offset < config.personProportion()) {
            epoch--;
            offset = config.auctionProportion() - 1;
        } else if (offset >= config.personProportion() + config.auctionProportion()) {
            offset = config.auctionProportion() - 1;
        } else {
            offset -= config.personProportion();
        }
        return epoch * config.auctionProportion() + offset;
    }

    /** The newest person id (base 0) created at or before {@code eventId}. */
    long lastPersonId(long eventId) {
        long epoch = eventId / config.totalProportion();
        long offset = Math.min(eventId % config.totalProportion(), config.personProportion() - 1);
        return epoch * config.personProportion() + offset;
    }

    /** Padding so a bid averages {@code avgBidBytes} (Nexmark's {@code nextExtra}: +-20%). */
    private String extra(int currentSize) {
        if (currentSize > config.avgBidBytes()) return "";
        int desired = config.avgBidBytes() - currentSize;
        int delta = (int) Math.round(desired * 0.2);
        int size = desired - delta + (delta == 0 ? 0 : random.nextInt(2 * delta));
        int offset = random.nextInt(Tables.PADDING.length() - size);
        return Tables.PADDING.substring(offset, offset + size);
    }
}
