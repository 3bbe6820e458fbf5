package io.beatwatch.jobs.impact;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.jobs.patrol.DosageUpdate;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Patrol minutes by cell and local day, read from NDJSON in the replay's formats: dosage records
 * ({@code OUT/dosage.ndjson}, one {@link DosageUpdate} a line: {@code district}, {@code date},
 * {@code cells[]}, {@code minutes[]}, ..., {@code time}; the last line of a district and date wins)
 * or patrol suggestions ({@code OUT/suggestions.ndjson}, {@link PatrolSuggestion} v1: each counts
 * its {@code dwellMinutes} in {@code cell} on the local day of {@code createdAt}). When any dosage
 * line is given, suggestions are ignored (the dosage already counts them, minus declines).
 */
record PatrolLog(List<Dose> doses, String source) {

    /** Minutes of patrol in one cell on one local day. */
    record Dose(String cell, String district, LocalDate date, double minutes) {}

    PatrolLog {
        doses = List.copyOf(doses);
    }

    LocalDate first() {
        return doses.stream().map(Dose::date).min(LocalDate::compareTo).orElseThrow();
    }

    LocalDate last() {
        return doses.stream().map(Dose::date).max(LocalDate::compareTo).orElseThrow();
    }

    double totalMinutes() {
        return doses.stream().mapToDouble(Dose::minutes).sum();
    }

    static PatrolLog read(List<Path> files, ZoneId zone) throws IOException {
        Map<String, DosageUpdate> dosage = new TreeMap<>();
        List<Dose> fromSuggestions = new ArrayList<>();
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (line.isBlank()) continue;
                    JsonNode node;
                    try {
                        node = Json.mapper().readTree(line);
                    } catch (IOException e) {
                        throw new IOException(f + ":" + n + ": not JSON (" + e.getMessage() + ")");
                    }
                    if (node.has("suggestionId")) {
                        PatrolSuggestion s = Json.decodeSuggestion(line);
                        fromSuggestions.add(
                                new Dose(
                                        s.cell(),
                                        s.district(),
                                        LocalDate.ofInstant(s.createdAt(), zone),
                                        s.dwellMinutes()));
                    } else if (node.has("cells") && node.has("minutes") && node.has("date")) {
                        DosageUpdate u = Json.mapper().treeToValue(node, DosageUpdate.class);
                        if (u.cells.length != u.minutes.length) {
                            throw new IOException(
                                    f + ":" + n + ": cells and minutes differ in length");
                        }
                        dosage.merge(
                                u.date + "|" + u.district, u, (a, b) -> b.time >= a.time ? b : a);
                    } else {
                        throw new IOException(
                                f + ":" + n + ": neither a patrol suggestion nor a dosage record");
                    }
                }
            }
        }
        if (!dosage.isEmpty()) {
            List<Dose> doses = new ArrayList<>();
            for (DosageUpdate u : dosage.values()) {
                LocalDate d = LocalDate.parse(u.date);
                for (int i = 0; i < u.cells.length; i++) {
                    if (u.minutes[i] > 0)
                        doses.add(new Dose(u.cells[i], u.district, d, u.minutes[i]));
                }
            }
            return new PatrolLog(doses, "dosage records");
        }
        return new PatrolLog(fromSuggestions, "patrol suggestions (dwell minutes)");
    }
}
