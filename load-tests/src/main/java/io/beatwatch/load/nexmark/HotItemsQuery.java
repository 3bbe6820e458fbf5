package io.beatwatch.load.nexmark;

import java.time.Duration;
import java.time.ZoneOffset;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * Nexmark query 5, "hot items": per 10 s window sliding by 2 s, the auctions with the most bids.
 * The SQL is Nexmark's {@code q5.sql} (the {@code SELECT} its {@code INSERT} runs), over a {@code
 * bid} view with Nexmark's columns, on the Table API of the caller's environment.
 */
public final class HotItemsQuery {

    /** Nexmark's {@code WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND}. */
    public static final Duration WATERMARK_DELAY = Duration.ofSeconds(4);

    /** Nexmark q5, word for word. */
    public static final String Q5 =
            """
            SELECT AuctionBids.auction, AuctionBids.num
             FROM (
               SELECT
                 auction,
                 count(*) AS num,
                 window_start AS starttime,
                 window_end AS endtime
                 FROM TABLE(
                         HOP(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
                 GROUP BY auction, window_start, window_end
             ) AS AuctionBids
             JOIN (
               SELECT
                 max(CountBids.num) AS maxn,
                 CountBids.starttime,
                 CountBids.endtime
               FROM (
                 SELECT
                   count(*) AS num,
                   window_start AS starttime,
                   window_end AS endtime
                 FROM TABLE(
                            HOP(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
                 GROUP BY auction, window_start, window_end
                 ) AS CountBids
               GROUP BY CountBids.starttime, CountBids.endtime
             ) AS MaxBids
             ON AuctionBids.starttime = MaxBids.starttime AND
                AuctionBids.endtime = MaxBids.endtime AND
                AuctionBids.num >= MaxBids.maxn
            """;

    private HotItemsQuery() {}

    /** Nexmark's bid timestamps and watermarks: event time from the bid, 4 s out of order. */
    public static WatermarkStrategy<Bid> watermarks() {
        return WatermarkStrategy.<Bid>forBoundedOutOfOrderness(WATERMARK_DELAY)
                .withTimestampAssigner((b, ts) -> b.dateTime);
    }

    /**
     * q5 over {@code bids} (already carrying timestamps and watermarks), planned on {@code env}:
     * the rows {@code (auction, num)}, as a changelog (the planner decides whether it retracts).
     */
    public static DataStream<Row> build(StreamExecutionEnvironment env, DataStream<Bid> bids) {
        var tEnv = StreamTableEnvironment.create(env);
        return tEnv.toChangelogStream(query(tEnv, bids));
    }

    /** The optimized plan of q5 over {@code bids}, as the planner explains it. */
    public static String explain(StreamExecutionEnvironment env, DataStream<Bid> bids) {
        return query(StreamTableEnvironment.create(env), bids).explain();
    }

    private static Table query(StreamTableEnvironment tEnv, DataStream<Bid> bids) {
        tEnv.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        tEnv.createTemporaryView(
                "bid_stream",
                tEnv.fromDataStream(
                        bids,
                        Schema.newBuilder()
                                .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                                .watermark("rowtime", "SOURCE_WATERMARK()")
                                .build()));
        tEnv.createTemporaryView(
                "bid",
                tEnv.sqlQuery(
                        "SELECT auction, bidder, price, channel, url, rowtime AS `dateTime`, extra"
                                + " FROM bid_stream"));
        return tEnv.sqlQuery(Q5);
    }
}
