package io.beatwatch.jobs.hotspot;

/**
 * One undecoded input record as it arrives from a topic or a replayed file: which stream it came
 * from and its JSON text. A POJO so Flink serializes it without Kryo.
 */
public final class RawRecord implements java.io.Serializable {

    /** Which input stream a record belongs to. */
    public enum Kind {
        CFS,
        TIP
    }

    public Kind kind;
    public String payload;

    /** Event time when the producer knows it (replays pace by it); 0 when unknown. */
    public long eventTimeMillis;

    public RawRecord() {}

    public RawRecord(Kind kind, String payload) {
        this.kind = kind;
        this.payload = payload;
    }

    public static RawRecord call(String payload) {
        return new RawRecord(Kind.CFS, payload);
    }

    public static RawRecord tip(String payload) {
        return new RawRecord(Kind.TIP, payload);
    }
}
