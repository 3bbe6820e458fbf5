package io.beatwatch.app.cluster;

import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.RecordFeed;
import io.beatwatch.jobs.io.Topics;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces a recorded feed into the input topics in file order at a fixed rate (events per second;
 * 0: as fast as the broker takes them), so a fault can land mid-stream at a known point.
 */
public final class RatedFeeder implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RatedFeeder.class);

    private final RecordFeed feed;
    private final KafkaProducer<String, String> producer;
    private final Topics topics;
    private final double rate;
    private final AtomicLong produced = new AtomicLong();
    private volatile boolean done;
    private volatile Throwable failure;

    public RatedFeeder(
            RecordFeed feed, KafkaProducer<String, String> producer, Topics topics, double rate) {
        if (rate < 0) throw new IllegalArgumentException("rate must be >= 0");
        this.feed = feed;
        this.producer = producer;
        this.topics = topics;
        this.rate = rate;
    }

    /** Records handed to the producer so far. */
    public long produced() {
        return produced.get();
    }

    /** Whether every record was produced and flushed. */
    public boolean done() {
        return done;
    }

    /** Why the feeder stopped early, or null. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        long t0 = System.nanoTime();
        try {
            Iterator<RawRecord> it = feed.open();
            while (it.hasNext() && !Thread.currentThread().isInterrupted()) {
                RawRecord r = it.next();
                String topic = r.kind == RawRecord.Kind.CFS ? topics.calls() : topics.tips();
                producer.send(new ProducerRecord<>(topic, null, r.payload));
                long n = produced.incrementAndGet();
                if (rate > 0) {
                    long due = t0 + (long) (n / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                }
            }
            producer.flush();
            done = !Thread.currentThread().isInterrupted();
        } catch (RuntimeException e) {
            failure = e;
            LOG.warn("feeder stopped after {} records: {}", produced.get(), e.toString());
        }
    }
}
