package io.beatwatch.jobs.patrol;

import io.beatwatch.core.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Appends any wire record as NDJSON to a local file, one file per subtask ({@code
 * prefix.N.ndjson}); the replay command merges and sorts them when the job ends. For local replays,
 * not clusters.
 */
public final class NdjsonSink<T> implements Sink<T> {

    private final String directory;
    private final String prefix;

    public NdjsonSink(Path directory, String prefix) {
        this.directory = directory.toString();
        this.prefix = prefix;
    }

    /** The part file written by one subtask. */
    public static Path part(Path directory, String prefix, int subtask) {
        return directory.resolve(prefix + "." + subtask + ".ndjson");
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path file = part(Path.of(directory), prefix, context.getTaskInfo().getIndexOfThisSubtask());
        Files.createDirectories(file.getParent());
        BufferedWriter out =
                Files.newBufferedWriter(
                        file,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException {
                out.write(Json.encode(element));
                out.newLine();
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
