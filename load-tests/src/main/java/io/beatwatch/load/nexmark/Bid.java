package io.beatwatch.load.nexmark;

/**
 * A Nexmark bid (the fields of Nexmark's {@code bid} view). A POJO so Flink serializes it without
 * Kryo and the Table API derives its columns; {@code dateTime} is event time in epoch millis.
 */
public final class Bid {

    public long auction;
    public long bidder;
    public long price;
    public String channel;
    public String url;
    public long dateTime;
    public String extra;

    public Bid() {}

    public Bid(
            long auction,
            long bidder,
            long price,
            String channel,
            String url,
            long dateTime,
            String extra) {
        this.auction = auction;
        this.bidder = bidder;
        this.price = price;
        this.channel = channel;
        this.url = url;
        this.dateTime = dateTime;
        this.extra = extra;
    }
}
