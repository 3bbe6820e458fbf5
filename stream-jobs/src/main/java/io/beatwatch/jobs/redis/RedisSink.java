package io.beatwatch.jobs.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink writing to Redis through one long-lived Lettuce connection per subtask, pipelined,
 * with a bounded number of commands in flight. {@code flush} (called at every checkpoint) waits for
 * every command: with idempotent writes this makes the view at-least-once and so exact.
 */
public final class RedisSink<T> implements Sink<T> {

    /** Most commands in flight per writer before it waits for the oldest. */
    public static final int MAX_IN_FLIGHT = 2_000;

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String uri;
    private final RedisWrite<T> write;

    public RedisSink(String uri, RedisWrite<T> write) {
        this.uri = uri;
        this.write = write;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>(uri, write);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;
        private final RedisAsyncCommands<String, String> redis;
        private final RedisWrite<T> write;
        private final ArrayDeque<RedisFuture<?>> inFlight = new ArrayDeque<>();

        Writer(String uri, RedisWrite<T> write) {
            this.write = write;
            this.client = RedisClient.create(uri);
            // bounded queue while disconnected: the writer blocks (backpressure) rather than
            // buffering without limit
            client.setOptions(
                    ClientOptions.builder()
                            .requestQueueSize(MAX_IN_FLIGHT * 4)
                            .autoReconnect(true)
                            .build());
            client.setDefaultTimeout(COMMAND_TIMEOUT);
            this.connection = client.connect();
            this.redis = connection.async();
        }

        @Override
        public void write(T element, Context context) throws IOException {
            inFlight.addAll(write.write(element, redis));
            while (inFlight.size() > MAX_IN_FLIGHT) {
                await(inFlight.poll());
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            while (!inFlight.isEmpty()) {
                await(inFlight.poll());
            }
        }

        private static void await(RedisFuture<?> f) throws IOException {
            try {
                f.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing to Redis", e);
            } catch (ExecutionException | TimeoutException e) {
                // fail the checkpoint: the job restarts from the last one and writes again
                throw new IOException("Redis write failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }
}
