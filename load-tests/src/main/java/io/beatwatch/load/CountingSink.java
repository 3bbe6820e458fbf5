package io.beatwatch.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that discards what it receives and counts it in this JVM (local jobs only), so a benchmark
 * can check the job did its work without paying for any output.
 */
public final class CountingSink<T> implements Sink<T> {

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private final String name;

    public CountingSink(String name) {
        this.name = name;
    }

    /** Sets the count of {@code name} to zero. */
    public static void reset(String name) {
        COUNTS.computeIfAbsent(name, k -> new LongAdder()).reset();
    }

    /** Elements counted under {@code name} since its last reset. */
    public static long count(String name) {
        LongAdder c = COUNTS.get(name);
        return c == null ? 0 : c.sum();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        LongAdder counter = COUNTS.computeIfAbsent(name, k -> new LongAdder());
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                counter.increment();
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
