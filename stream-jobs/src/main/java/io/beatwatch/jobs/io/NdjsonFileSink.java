package io.beatwatch.jobs.io;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.HotspotAlert;
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
 * Appends alerts as NDJSON to a local file, one file per subtask ({@code name.N.ndjson}); the
 * replay command merges and sorts them when the job ends. For local replays, not for clusters.
 */
public final class NdjsonFileSink implements Sink<HotspotAlert> {

    private final String directory;

    public NdjsonFileSink(Path directory) {
        this.directory = directory.toString();
    }

    /** The part file written by one subtask. */
    public static Path part(Path directory, int subtask) {
        return directory.resolve("alerts." + subtask + ".ndjson");
    }

    @Override
    public SinkWriter<HotspotAlert> createWriter(WriterInitContext context) throws IOException {
        Path file = part(Path.of(directory), context.getTaskInfo().getIndexOfThisSubtask());
        Files.createDirectories(file.getParent());
        BufferedWriter out =
                Files.newBufferedWriter(
                        file,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING);
        return new SinkWriter<>() {
            @Override
            public void write(HotspotAlert a, Context ctx) throws IOException {
                out.write(Json.encode(a));
                out.newLine();
                ReplayProgress.alert();
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
