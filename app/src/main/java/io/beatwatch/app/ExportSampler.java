package io.beatwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.draft.ExportSample;
import io.beatwatch.core.feed.CsvParser;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.profile.FeedFormat;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the header and first rows of an export (CSV or NDJSON, either gzip-compressed) into an
 * {@link ExportSample} for {@code profile init}.
 */
final class ExportSampler {

    /** Longest CSV record kept (characters); longer ones are skipped. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private ExportSampler() {}

    /** NDJSON when the name says so (.ndjson, .jsonl, .json, optionally .gz), else CSV. */
    static FeedFormat formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".ndjson") || n.endsWith(".jsonl") || n.endsWith(".json")
                ? FeedFormat.NDJSON
                : FeedFormat.CSV;
    }

    /** The header and up to {@code rows} rows of {@code file}. */
    static ExportSample read(Path file, int rows) throws IOException {
        FeedFormat format = formatOf(file);
        try (Reader in = new InputStreamReader(open(file), StandardCharsets.UTF_8)) {
            return format == FeedFormat.CSV
                    ? csv(file, in, rows)
                    : ndjson(file, new BufferedReader(in), rows);
        }
    }

    private static ExportSample csv(Path file, Reader in, int rows) throws IOException {
        var p = new CsvParser(in, MAX_RECORD_CHARS);
        String[] header = p.next();
        if (header == null) {
            throw new IllegalArgumentException(file + " is empty");
        }
        var out = new ArrayList<String[]>();
        String[] r;
        while (out.size() < rows && (r = p.next()) != null) {
            if (p.problem() == null) {
                out.add(r);
            }
        }
        return new ExportSample(name(file), FeedFormat.CSV, List.of(header), out);
    }

    private static ExportSample ndjson(Path file, BufferedReader in, int rows) throws IOException {
        var keys = new LinkedHashMap<String, Integer>();
        var objects = new ArrayList<Map<String, String>>();
        String line;
        while (objects.size() < rows && (line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.mapper().readTree(line);
            } catch (IOException e) {
                continue; // a malformed line says nothing about the columns
            }
            if (node == null || !node.isObject()) {
                continue;
            }
            var values = new LinkedHashMap<String, String>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                keys.putIfAbsent(e.getKey(), keys.size());
                JsonNode v = e.getValue();
                values.put(
                        e.getKey(),
                        v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
            }
            objects.add(values);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(file + " has no JSON objects");
        }
        var header = new ArrayList<>(keys.keySet());
        var out = new ArrayList<String[]>();
        for (Map<String, String> o : objects) {
            String[] r = new String[header.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = o.get(header.get(i));
            }
            out.add(r);
        }
        return new ExportSample(name(file), FeedFormat.NDJSON, header, out);
    }

    private static String name(Path file) {
        return file.toString();
    }

    private static InputStream open(Path file) throws IOException {
        var in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
