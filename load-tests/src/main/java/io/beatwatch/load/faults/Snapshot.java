package io.beatwatch.load.faults;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.redis.ViewWrites;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a run left behind: the alert log (every alert event in Kafka {@code beatwatch.alerts}, read
 * committed), the alert stream consoles read (Redis {@code beatwatch:alerts}), both as event ids
 * (alert id, state, event time, window, observed), and the Redis view normalized to text.
 *
 * @param log event ids in the Kafka alert log, in log order, duplicates kept
 * @param stream event ids in the Redis alert stream, in stream order, duplicates kept
 * @param view every Redis key, sorted, with its value normalized (no TTLs, no stream ids)
 * @param logUncommitted records in the Kafka alert log read uncommitted (aborted ones too)
 */
public record Snapshot(List<String> log, List<String> stream, String view, int logUncommitted) {

    /** Reads the alert log from {@code bootstrap} and the stream and view from {@code redisUri}. */
    public static Snapshot take(String bootstrap, String alertTopic, String redisUri) {
        List<String> log = readLog(bootstrap, alertTopic, "read_committed");
        int uncommitted = readLog(bootstrap, alertTopic, "read_uncommitted").size();
        RedisClient client = RedisClient.create(redisUri);
        try (var c = client.connect()) {
            RedisCommands<String, String> r = c.sync();
            List<String> stream = new ArrayList<>();
            for (var m : r.xrange(RedisKeys.ALERT_STREAM, Range.create("-", "+"))) {
                stream.add(m.getBody().get(RedisKeys.STREAM_FIELD_EVENT_ID));
            }
            return new Snapshot(log, stream, dump(r), uncommitted);
        } finally {
            client.shutdown();
        }
    }

    /** SHA-256 of the normalized view, hex. */
    public String viewSha256() {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(view.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the view and the two id lists into {@code dir}. */
    public void write(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("view.txt"), view);
        Files.write(dir.resolve("alert-log.txt"), log);
        Files.write(dir.resolve("alert-stream.txt"), stream);
    }

    private static List<String> readLog(String bootstrap, String topic, String isolation) {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> ids = new ArrayList<>();
        try (var c = new KafkaConsumer<String, String>(p)) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (var rec : c.poll(Duration.ofMillis(500))) {
                    ids.add(ViewWrites.eventId(Json.decodeAlert(rec.value())));
                }
            }
        }
        return ids;
    }

    /** Every key, sorted, one line each: {@code key type value}, values in a canonical order. */
    static String dump(RedisCommands<String, String> r) {
        var keys = new TreeSet<String>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            var page = r.scan(cursor, ScanArgs.Builder.limit(1000));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        var out = new StringBuilder();
        for (String k : keys) {
            String type = r.type(k);
            out.append(k).append(' ').append(type).append(' ');
            switch (type) {
                case "string" -> out.append(r.get(k));
                case "hash" -> out.append(new TreeMap<>(r.hgetall(k)));
                case "set" -> out.append(new TreeSet<>(r.smembers(k)));
                case "zset" -> {
                    var z = new TreeMap<String, Double>();
                    r.zrangeWithScores(k, 0, -1).forEach(v -> z.put(v.getValue(), v.getScore()));
                    out.append(z);
                }
                case "list" -> out.append(r.lrange(k, 0, -1));
                case "stream" -> {
                    // entry ids are the wall-clock time of the append: only the bodies are the view
                    for (var m : r.xrange(k, Range.create("-", "+"))) {
                        out.append('\n').append("  ").append(new TreeMap<>(m.getBody()));
                    }
                }
                default -> out.append("?");
            }
            out.append('\n');
        }
        // an alert's emittedAt is the wall-clock time the detector sent it (for latency figures):
        // the one field of the view that is not a function of the input
        return EMITTED_AT.matcher(out).replaceAll("");
    }

    private static final java.util.regex.Pattern EMITTED_AT =
            java.util.regex.Pattern.compile(",\"emittedAt\":\"[^\"]*\"");
}
