package io.beatwatch.load.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BidGeneratorTest {

    private static final NexmarkConfig TEN_K = NexmarkConfig.defaults(10_000, 1);

    private static List<Bid> bids(NexmarkConfig c, int index, long firstId, long n) {
        var g = new BidGenerator(c, index, firstId, n, 0, 0);
        List<Bid> out = new ArrayList<>();
        g.forEachRemaining(out::add);
        return out;
    }

    @Test
    void emitsExactlyTheAskedNumberOfBids() {
        assertThat(bids(TEN_K, 0, 1, 1234)).hasSize(1234);
    }

    @Test
    void eventTimeAdvancesAtTheRateOfAllEventsIncludingSkippedOnes() {
        List<Bid> b = bids(TEN_K, 0, 1, 46_000);
        // 46 bids of every 50 event ids at 10,000 events/s: 46,000 bids span about 5 s
        long span = b.get(b.size() - 1).dateTime - b.get(0).dateTime;
        assertThat(span).isBetween(4_900L, 5_100L);
        assertThat(b.get(0).dateTime).isEqualTo(NexmarkConfig.DEFAULT_BASE_TIME_MILLIS);
    }

    @Test
    void twoGeneratorsShareTheRateOnParallelTimelines() {
        var two = NexmarkConfig.defaults(10_000, 2);
        // each generator runs at half the rate: 4,600 bids span about 1 s
        List<Bid> b = bids(two, 1, 1 + 100_000, 4_600);
        assertThat(b.get(b.size() - 1).dateTime - b.get(0).dateTime).isBetween(950L, 1_050L);
    }

    @Test
    void aboutHalfTheBidsGoToTheHotAuctionOfTheirBatch() {
        List<Bid> b = bids(TEN_K, 0, 1, 100_000);
        long hot =
                b.stream()
                        .filter(x -> (x.auction - BidGenerator.FIRST_AUCTION_ID) % 100 == 0)
                        .count();
        // 1 - 1/2 hot, plus the cold picks that land on a multiple of 100 by chance
        assertThat(hot / (double) b.size()).isBetween(0.48, 0.56);
    }

    @Test
    void auctionIdsStayWithinTheInFlightWindowAndLead() {
        var g = new BidGenerator(TEN_K, 0, 1, 1, 0, 0);
        List<Bid> b = bids(TEN_K, 0, 1, 50_000);
        long lastEventId = 1 + 50_000L * 50 / 46 + 50;
        long maxAuction = g.lastAuctionId(lastEventId) + BidGenerator.ID_LEAD;
        assertThat(b)
                .allSatisfy(
                        x ->
                                assertThat(x.auction - BidGenerator.FIRST_AUCTION_ID)
                                        .isBetween(0L, maxAuction));
    }

    @Test
    void bidsAverageTheConfiguredSize() {
        List<Bid> b = bids(TEN_K, 0, 1, 10_000);
        double extra = b.stream().mapToInt(x -> x.extra.length()).average().orElseThrow();
        // 100-byte bids: 32 bytes of numbers, 68 of padding on average (+-20%)
        assertThat(extra).isBetween(64.0, 72.0);
    }

    @Test
    void sameConfigAndIndexGiveTheSameBids() {
        List<Bid> a = bids(TEN_K, 0, 1, 500);
        List<Bid> b = bids(TEN_K, 0, 1, 500);
        assertThat(a).usingRecursiveFieldByFieldElementComparator().isEqualTo(b);
    }

    @Test
    void sourceSplitsShareTheBidsOverDisjointIdRanges() {
        var source = new BidSource(NexmarkConfig.defaults(10_000, 2), 1001, "test");
        List<BidSplit> splits = source.splits();
        assertThat(splits).extracting(BidSplit::bidCount).containsExactly(500L, 501L);
        // split 0 uses ids [first, first + span): split 1 starts at or after its end
        assertThat(splits.get(1).firstEventId())
                .isGreaterThanOrEqualTo(
                        splits.get(0).firstEventId()
                                + BidGenerator.eventIdsFor(splits.get(0).config(), 500));
    }
}
