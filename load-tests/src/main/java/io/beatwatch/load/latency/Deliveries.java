package io.beatwatch.load.latency;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fleet's records ({@link FleetRecords}) read back: per console what arrived when. */
public final class Deliveries {

    /** One alert frame: its stream id and receive time (epoch microseconds). */
    public record AlertFrame(String streamId, long micros) {}

    /** One update of a seeded cell. */
    record CellFrame(String cell, long observed, long micros) {}

    final Map<Integer, List<AlertFrame>> alerts = new HashMap<>();
    final Map<Integer, List<CellFrame>> cells = new HashMap<>();
    final Map<Integer, Integer> closes = new HashMap<>();
    final Map<Integer, Integer> closeCodes = new HashMap<>();

    /** Per console, the times its socket opened (epoch microseconds), in order. */
    final Map<Integer, List<Long>> opens = new HashMap<>();

    /** Per console, the close codes it saw, in order. */
    final Map<Integer, List<Integer>> codesOf = new HashMap<>();

    int resyncs;
    int unreadable;
    int signInRetries;

    public static Deliveries read(Path file) throws IOException {
        var d = new Deliveries();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(" ");
                int console = Integer.parseInt(f[1]);
                switch (f[0]) {
                    case "A" ->
                            d.alerts
                                    .computeIfAbsent(console, k -> new ArrayList<>())
                                    .add(new AlertFrame(f[2], Long.parseLong(f[3])));
                    case "C" ->
                            d.cells
                                    .computeIfAbsent(console, k -> new ArrayList<>())
                                    .add(
                                            new CellFrame(
                                                    f[2],
                                                    Long.parseLong(f[3]),
                                                    Long.parseLong(f[4])));
                    case "R" -> {
                        d.closes.merge(console, 1, Integer::sum);
                        d.closeCodes.merge(Integer.parseInt(f[2]), 1, Integer::sum);
                        d.codesOf
                                .computeIfAbsent(console, k -> new ArrayList<>())
                                .add(Integer.parseInt(f[2]));
                    }
                    case "O" ->
                            d.opens
                                    .computeIfAbsent(console, k -> new ArrayList<>())
                                    .add(Long.parseLong(f[2]));
                    case "S" -> d.resyncs++;
                    case "U" -> d.unreadable++;
                    case "T" -> d.signInRetries++;
                    default -> {}
                }
            }
        }
        return d;
    }

    public int reconnects() {
        return closes.values().stream().mapToInt(Integer::intValue).sum();
    }

    public List<AlertFrame> alertsOf(int console) {
        return alerts.getOrDefault(console, List.of());
    }

    public List<Long> opensOf(int console) {
        return opens.getOrDefault(console, List.of());
    }

    public List<Integer> closeCodesOf(int console) {
        return codesOf.getOrDefault(console, List.of());
    }

    /** Every close code seen and how often. */
    public Map<Integer, Integer> closeCodes() {
        return closeCodes;
    }

    public int resyncs() {
        return resyncs;
    }

    public int unreadable() {
        return unreadable;
    }
}
