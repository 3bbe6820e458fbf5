package io.beatwatch.load.latency;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.synth.Event;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.jobs.io.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The load generator: the warm-up history at full speed, then the open-loop live phase. A slot is
 * sent at its due time or, if the sender is late, at once (it never waits for the broker and never
 * skips a slot); latency is measured from the due time, so a late sender shows up as latency (no
 * coordinated omission). The sender's own lateness is recorded apart ({@link #sendLag}).
 */
final class LoadGenerator implements AutoCloseable {

    /** The synthetic history as records, with the last call time of each cell. */
    record History(List<Event> events, Map<String, Instant> lastCall) {

        static History of(SyntheticCityConfig config) {
            var grid = new H3Grid(config.resolution());
            var events = new ArrayList<Event>();
            var last = new HashMap<String, Instant>();
            for (Event e : new SyntheticCity(config)) {
                events.add(e);
                if (e instanceof Event.CallEvent c) {
                    last.merge(
                            grid.cellOf(c.call().lat(), c.call().lon()),
                            e.time(),
                            (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            return new History(List.copyOf(events), Map.copyOf(last));
        }
    }

    private final KafkaProducer<String, String> producer;
    private final Topics topics;
    private final Histogram sendLag = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long stopBeforeSlot = Long.MAX_VALUE;
    private Thread thread;

    LoadGenerator(String bootstrapServers, Topics topics) {
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // a CAD bridge as the job's docs assume it: durable, idempotent, no added linger
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(p);
        this.topics = topics;
    }

    /** Sends the history at full speed and waits for every acknowledgement. */
    void sendHistory(History h) {
        for (Event e : h.events()) {
            if (e instanceof Event.CallEvent c) {
                producer.send(new ProducerRecord<>(topics.calls(), null, Json.encode(c.call())));
            } else if (e instanceof Event.TipEvent t) {
                producer.send(new ProducerRecord<>(topics.tips(), null, Json.encode(t.tip())));
            }
        }
        producer.flush();
    }

    /** Starts the live phase on its own thread: slot 0 is due at the schedule's start. */
    void startLive(Schedule schedule) {
        long offsetMs = schedule.startMillis() - System.currentTimeMillis();
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(offsetMs);
        thread = new Thread(() -> run(schedule, t0), "latency-generator");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    private void run(Schedule schedule, long t0) {
        long last = schedule.lastSlot();
        for (long slot = 0; slot <= last && slot < stopBeforeSlot; slot++) {
            long due = t0 + schedule.dueNanos(slot);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (Thread.currentThread().isInterrupted()) return;
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
            String json = Json.encode(schedule.call(slot));
            producer.send(
                    new ProducerRecord<>(topics.calls(), null, json),
                    (md, e) -> {
                        if (e != null) failed.incrementAndGet();
                    });
            sent.incrementAndGet();
            sendLag.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
        }
    }

    /** Sends no slot from {@code slot} on and waits for the sender to stop. */
    void stopAt(long slot) throws InterruptedException {
        stopBeforeSlot = slot;
        if (thread != null) thread.join(TimeUnit.SECONDS.toMillis(30));
        producer.flush();
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    /** The sender's lateness against the due times, microseconds. */
    Histogram sendLag() {
        return sendLag;
    }

    @Override
    public void close() {
        if (thread != null) thread.interrupt();
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
