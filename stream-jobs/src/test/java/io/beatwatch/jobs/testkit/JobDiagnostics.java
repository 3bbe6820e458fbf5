package io.beatwatch.jobs.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

/**
 * What a running job looks like from Flink's REST API, for the message of a test that timed out:
 * each operator's status and input watermark, checkpoint counts, and the latest exception. Never
 * throws: a failed lookup is part of the text.
 */
public final class JobDiagnostics {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private JobDiagnostics() {}

    /** A multi-line description of {@code job} on the cluster behind {@code client}. */
    public static String describe(Configuration client, JobID job) {
        String base =
                "http://"
                        + client.get(RestOptions.ADDRESS, "localhost")
                        + ":"
                        + client.get(RestOptions.PORT)
                        + "/jobs/"
                        + job;
        var out = new StringBuilder("job ").append(job);
        try {
            var http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            JsonNode j = get(http, base);
            out.append(' ').append(j.path("state").asText()).append('\n');
            for (JsonNode v : j.path("vertices")) {
                out.append("  ")
                        .append(v.path("name").asText())
                        .append(" [")
                        .append(v.path("status").asText())
                        .append("] input watermarks:");
                for (JsonNode w :
                        get(http, base + "/vertices/" + v.path("id").asText() + "/watermarks")) {
                    long ms = w.path("value").asLong(Long.MIN_VALUE);
                    out.append(' ')
                            .append(w.path("id").asText())
                            .append('=')
                            .append(
                                    ms == Long.MIN_VALUE
                                            ? "none"
                                            : Instant.ofEpochMilli(ms).toString());
                }
                out.append('\n');
                metrics(http, base + "/vertices/" + v.path("id").asText() + "/metrics", out);
            }
            JsonNode counts = get(http, base + "/checkpoints").path("counts");
            out.append("  checkpoints: ").append(counts).append('\n');
            JsonNode ex = get(http, base + "/exceptions").path("root-exception");
            if (!ex.isMissingNode() && !ex.isNull()) {
                out.append("  root exception: ").append(ex.asText()).append('\n');
            }
        } catch (Exception e) {
            out.append(" (diagnostics failed: ").append(e).append(")\n");
        }
        return out.toString();
    }

    /** Record counts and the job's own counters (not Flink's internals) of one operator. */
    private static void metrics(HttpClient http, String url, StringBuilder out) throws Exception {
        var ids = new StringBuilder();
        for (JsonNode m : get(http, url)) {
            String id = m.path("id").asText();
            boolean own = !id.contains("Flink") && !id.contains("buffers") && !id.contains("Pool");
            if (id.endsWith(".numRecordsIn")
                    || id.endsWith(".numRecordsOut")
                    || (own && (id.contains(".patrol.") || id.contains(".beatwatch.")))) {
                if (ids.length() > 0) ids.append(',');
                ids.append(id);
            }
        }
        if (ids.length() == 0) return;
        out.append("    ");
        for (JsonNode m : get(http, url + "?get=" + ids)) {
            out.append(m.path("id").asText())
                    .append('=')
                    .append(m.path("value").asText())
                    .append(' ');
        }
        out.append('\n');
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
