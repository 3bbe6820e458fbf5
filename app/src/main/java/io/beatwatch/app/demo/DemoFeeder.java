package io.beatwatch.app.demo;

import io.beatwatch.jobs.hotspot.RawRecord;
import io.beatwatch.jobs.io.RecordFeed;
import io.beatwatch.jobs.io.Topics;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces a feed into the input topics as a CAD system and the tip intake would: events before
 * {@code liveFrom} at full speed (the warm-up history), later ones at {@code speed}× real time, and
 * never an event before its own event time (no calls from the future).
 */
final class DemoFeeder implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoFeeder.class);

    private final RecordFeed feed;
    private final KafkaProducer<String, String> producer;
    private final Topics topics;
    private final Instant liveFrom;
    private final double speed;
    private final AtomicLong produced = new AtomicLong();
    private volatile boolean live;

    DemoFeeder(
            RecordFeed feed,
            KafkaProducer<String, String> producer,
            Topics topics,
            Instant liveFrom,
            double speed) {
        this.feed = feed;
        this.producer = producer;
        this.topics = topics;
        this.liveFrom = liveFrom;
        this.speed = speed;
    }

    long produced() {
        return produced.get();
    }

    boolean live() {
        return live;
    }

    @Override
    public void run() {
        long liveFromMs = liveFrom.toEpochMilli();
        long wallAtLive = 0;
        try {
            Iterator<RawRecord> it = feed.open();
            while (it.hasNext() && !Thread.currentThread().isInterrupted()) {
                RawRecord r = it.next();
                long t = r.eventTimeMillis;
                if (t >= liveFromMs) {
                    if (!live) {
                        live = true;
                        wallAtLive = System.currentTimeMillis();
                        producer.flush();
                        LOG.info("history fed ({} records); now live at {}x", produced(), speed);
                    }
                    long due = Math.max(wallAtLive + (long) ((t - liveFromMs) / speed), t);
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) Thread.sleep(wait);
                }
                String topic = r.kind == RawRecord.Kind.CFS ? topics.calls() : topics.tips();
                producer.send(new ProducerRecord<>(topic, null, r.payload));
                produced.incrementAndGet();
            }
            producer.flush();
            LOG.info("feed finished after {} records", produced());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("demo feeder stopped", e);
        }
    }
}
