package io.beatwatch.core.patrol;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which district (and beat) each H3 cell belongs to, learned from the calls themselves when the
 * agency has no boundary file: a cell goes to the district most of its calls carry. Counts are
 * halved when a cell's total reaches {@link Tally#HALVE_AT}, so a redrawn boundary is followed
 * within a few hundred calls; ties keep the current leader (no flapping), else the alphabetically
 * first label wins (deterministic).
 *
 * <p>The job keeps one {@link Tally} per cell in keyed state (the map, partitioned by cell); this
 * class is the same logic over a whole map, for tools and tests.
 */
public final class DistrictMap {

    private final Map<String, Tally> districts = new TreeMap<>();
    private final Map<String, Tally> beats = new TreeMap<>();

    /** Counts one call at {@code cell} carrying {@code district} and {@code beat} (either null). */
    public void observe(String cell, String district, String beat) {
        Objects.requireNonNull(cell, "cell");
        if (district != null && !district.isBlank()) {
            districts.computeIfAbsent(cell, c -> new Tally()).add(district);
        }
        if (beat != null && !beat.isBlank()) {
            beats.computeIfAbsent(cell, c -> new Tally()).add(beat);
        }
    }

    /** The district of a cell, or null when none of its calls carried one. */
    public String districtOf(String cell) {
        Tally t = districts.get(cell);
        return t == null ? null : t.leader;
    }

    /** The beat of a cell, or null when none of its calls carried one. */
    public String beatOf(String cell) {
        Tally t = beats.get(cell);
        return t == null ? null : t.leader;
    }

    /** Every cell with a district, in cell order, to its district. */
    public Map<String, String> assignments() {
        Map<String, String> out = new TreeMap<>();
        districts.forEach((cell, t) -> out.put(cell, t.leader));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Label counts of one cell and the label they elect. A POJO (public fields, no-arg constructor)
     * so Flink keeps it in keyed state with its POJO serializer.
     */
    public static final class Tally {

        /** When a cell's total count reaches this, every count is halved (rounded up). */
        public static final long HALVE_AT = 1_000;

        public String[] labels = new String[0];
        public long[] counts = new long[0];
        public String leader;

        public Tally() {}

        /** Counts one more call with {@code label}; returns true when the leader changed. */
        public boolean add(String label) {
            int i = indexOf(label);
            if (i < 0) {
                labels = Arrays.copyOf(labels, labels.length + 1);
                counts = Arrays.copyOf(counts, counts.length + 1);
                i = labels.length - 1;
                labels[i] = label;
            }
            counts[i]++;
            long total = 0;
            for (long c : counts) total += c;
            if (total >= HALVE_AT) {
                for (int k = 0; k < counts.length; k++) counts[k] = (counts[k] + 1) / 2;
            }
            String before = leader;
            leader = elect();
            return !Objects.equals(before, leader);
        }

        /** The count of one label (0 when never seen). */
        public long count(String label) {
            int i = indexOf(label);
            return i < 0 ? 0 : counts[i];
        }

        private String elect() {
            String best = leader;
            long bestCount = best == null ? -1 : count(best);
            for (int k = 0; k < labels.length; k++) {
                boolean more = counts[k] > bestCount;
                // a tie never unseats the incumbent; between challengers the first name wins
                boolean tieWins =
                        counts[k] == bestCount
                                && !Objects.equals(best, leader)
                                && labels[k].compareTo(best) < 0;
                if (more || tieWins) {
                    best = labels[k];
                    bestCount = counts[k];
                }
            }
            return best;
        }

        private int indexOf(String label) {
            for (int k = 0; k < labels.length; k++) if (labels[k].equals(label)) return k;
            return -1;
        }
    }
}
