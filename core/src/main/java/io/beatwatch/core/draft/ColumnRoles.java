package io.beatwatch.core.draft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The roles of the columns that are neither time nor place: id (nearly every value distinct), type
 * columns (a call-type name and the most distinct values; a second one as fallback where the first
 * is blank), category (a coarser grouping that each type maps to), district and beat, address,
 * priority, disposition. Each with the evidence.
 *
 * @param id the id column, or null (ids are then synthesized)
 * @param types type columns, first non-blank wins; empty when none found
 * @param typeInitial initial-type column, or null
 * @param typeFinal final-type column, or null
 * @param category category column, or null
 * @param district district column, or null
 * @param beat beat column, or null
 * @param address address column, or null
 * @param priority priority column, or null
 * @param disposition disposition column, or null
 * @param officerFlag a yes/no officer-initiated column, or null
 * @param evidence per role (id, type, category, district, ...), lines for the draft's comments
 */
public record ColumnRoles(
        String id,
        List<String> types,
        String typeInitial,
        String typeFinal,
        String category,
        String district,
        String beat,
        String address,
        String priority,
        String disposition,
        String officerFlag,
        Map<String, List<String>> evidence) {

    /** An id column has at least this share of distinct values... */
    public static final double MIN_ID_UNIQUENESS = 0.98;

    /** ...and at most this share of blanks. */
    public static final double MAX_ID_BLANKS = 0.01;

    /** A type column has at most this many distinct values in the sample. */
    public static final int MAX_TYPES = 2000;

    /**
     * A category is a grouping of the type: this share of rows agree with their type's usual one.
     */
    public static final double MIN_CATEGORY_PURITY = 0.95;

    static final String ID_NAME =
            "(^|[^a-z])(id|incident|inc|number|num|no|case|event|cad|call_?no)([^a-z]|$)|id$|number$";
    static final String TYPE_NAME =
            "type|code|problem|nature|offen[cs]e|incident|call|case|categor|desc|class|group|event|crime";
    static final String DISTRICT_NAME =
            "district|substation|precinct|sector|division|beat|patrol|ward|zone|area|station|command|reporting";
    static final String ADDRESS_NAME = "address|addr|location|block|street|intersection";
    static final String PRIORITY_NAME = "^(pri|prio|priority)$|priority";
    static final String DISPOSITION_NAME = "dispo|clearance|outcome|cleared";
    static final String OFFICER_FLAG_NAME = "self.?init|officer.?init|on.?view|initiated";

    public ColumnRoles {
        types = List.copyOf(types);
        evidence = Map.copyOf(evidence);
    }

    /** The roles of {@code columns} not in {@code taken} (time and place columns). */
    public static ColumnRoles of(List<ColumnStats> columns, Set<String> taken) {
        var ev = new HashMap<String, List<String>>();
        List<ColumnStats> free =
                columns.stream()
                        .filter(c -> !taken.contains(c.name()) && c.nonBlank() > 0)
                        .toList();

        ColumnStats id = id(free, ev);
        var used = new java.util.HashSet<String>();
        if (id != null) {
            used.add(id.name());
        }

        // District and beat first: their names say so, and they must not pass for types.
        List<ColumnStats> districts =
                free.stream()
                        .filter(c -> !used.contains(c.name()))
                        .filter(c -> c.named(DISTRICT_NAME) && !c.named("type|desc"))
                        .filter(
                                c ->
                                        c.distinct() >= 2
                                                && c.distinct() <= 500
                                                && c.uniqueness() < 0.2)
                        .sorted(Comparator.comparingLong(ColumnStats::distinct))
                        .toList();
        ColumnStats beat = districts.stream().filter(c -> c.named("beat")).findFirst().orElse(null);
        ColumnStats district =
                districts.stream()
                        .filter(c -> c != null && !c.named("beat"))
                        .findFirst()
                        .orElse(null);
        if (beat == null) {
            beat = districts.stream().filter(c -> c != district).findFirst().orElse(null);
        }
        var dev = new ArrayList<String>();
        for (ColumnStats c : districts) {
            dev.add(
                    describe(c)
                            + " ("
                            + (c == district
                                    ? "district: fewest values"
                                    : c == beat ? "beat: more values" : "unused")
                            + ")");
        }
        ev.put("district", dev);
        if (district != null) {
            used.add(district.name());
        }
        if (beat != null) {
            used.add(beat.name());
        }

        ColumnStats address =
                free.stream()
                        .filter(
                                c ->
                                        !used.contains(c.name())
                                                && c.named(ADDRESS_NAME)
                                                && !c.numeric())
                        .findFirst()
                        .orElse(null);
        if (address != null) {
            used.add(address.name());
            ev.put(
                    "address",
                    List.of(
                            describe(address)
                                    + ": named like an address; block level only, never shown publicly"));
        }
        ColumnStats priority = named(free, used, PRIORITY_NAME);
        ColumnStats disposition = named(free, used, DISPOSITION_NAME);
        ColumnStats flag = named(free, used, OFFICER_FLAG_NAME);
        for (ColumnStats c : new ColumnStats[] {priority, disposition, flag}) {
            if (c != null) {
                used.add(c.name());
            }
        }

        List<ColumnStats> typeCandidates =
                free.stream()
                        .filter(c -> !used.contains(c.name()))
                        .filter(c -> !c.numeric() && c.distinct() >= 2 && c.distinct() <= MAX_TYPES)
                        .filter(c -> c.uniqueness() < 0.5)
                        .toList();
        List<ColumnStats> named = typeCandidates.stream().filter(c -> c.named(TYPE_NAME)).toList();
        List<ColumnStats> pool = named.isEmpty() ? typeCandidates : named;
        List<ColumnStats> ranked =
                pool.stream()
                        .sorted(
                                Comparator.comparingLong((ColumnStats c) -> -c.distinct())
                                        .thenComparingDouble(ColumnStats::blankShare)
                                        .thenComparingDouble(ColumnStats::meanLength))
                        .toList();
        var types = new ArrayList<String>();
        var tev = new ArrayList<String>();
        ColumnStats type = ranked.isEmpty() ? null : ranked.get(0);
        ColumnStats category = null;
        if (type != null) {
            types.add(type.name());
            ColumnStats fill = fallbackFor(type, ranked);
            if (fill != null) {
                types.add(fill.name());
            }
            for (ColumnStats c : ranked) {
                tev.add(
                        describe(c)
                                + (c == type
                                        ? ": the type (most distinct values"
                                                + (named.isEmpty()
                                                        ? ""
                                                        : " of those named like a type")
                                                + ")"
                                        : c == fill
                                                ? ": fallback where " + type.name() + " is blank"
                                                : ""));
            }
            category = category(type, typeCandidates, used, ev);
        } else {
            tev.add("no column looks like a call type: set columns.type by hand");
        }
        ev.put("type", tev);

        String typeInitial = null;
        String typeFinal = null;
        for (ColumnStats c : typeCandidates) {
            if (c.named("initial|orig") && c.named("type|call|nature|problem")) {
                typeInitial = c.name();
            }
            if (c.named("final|clos|clear") && c.named("type|call|nature|problem")) {
                typeFinal = c.name();
            }
        }
        return new ColumnRoles(
                id == null ? null : id.name(),
                types,
                typeInitial,
                typeFinal,
                category == null ? null : category.name(),
                district == null ? null : district.name(),
                beat == null ? null : beat.name(),
                address == null ? null : address.name(),
                priority == null ? null : priority.name(),
                disposition == null ? null : disposition.name(),
                flag == null ? null : flag.name(),
                ev);
    }

    private static ColumnStats id(List<ColumnStats> free, Map<String, List<String>> ev) {
        List<ColumnStats> ids =
                free.stream()
                        .filter(
                                c ->
                                        c.uniqueness() >= MIN_ID_UNIQUENESS
                                                && c.blankShare() <= MAX_ID_BLANKS)
                        .filter(c -> !(c.numeric() && c.decimalShare() > 0.5))
                        .sorted(
                                Comparator.comparingInt((ColumnStats c) -> c.named(ID_NAME) ? 0 : 1)
                                        .thenComparingDouble(c -> -c.uniqueness()))
                        .toList();
        var lines = new ArrayList<String>();
        for (ColumnStats c : free) {
            if (c.uniqueness() >= 0.5 && !(c.numeric() && c.decimalShare() > 0.5)) {
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "%s: %,d of %,d non-blank values distinct (%.2f%%), %.1f%% blank",
                                c.name(),
                                c.distinct(),
                                c.nonBlank(),
                                100 * c.uniqueness(),
                                100 * c.blankShare()));
            }
        }
        if (ids.isEmpty()) {
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "no column has >= %.0f%% distinct values and <= %.0f%% blanks: ids will be"
                                    + " synthesized (idPrefix + a hash of the row)",
                            100 * MIN_ID_UNIQUENESS,
                            100 * MAX_ID_BLANKS));
        }
        ev.put("id", lines);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static ColumnStats named(List<ColumnStats> free, Set<String> used, String regex) {
        return free.stream()
                .filter(c -> !used.contains(c.name()) && c.named(regex))
                .findFirst()
                .orElse(null);
    }

    /** The candidate that is filled on most of the rows where {@code type} is blank, if any. */
    private static ColumnStats fallbackFor(ColumnStats type, List<ColumnStats> ranked) {
        if (type.blankShare() == 0) {
            return null;
        }
        ColumnStats best = null;
        double bestShare = 0.5;
        for (ColumnStats c : ranked) {
            if (c == type) {
                continue;
            }
            long blank = 0;
            long filled = 0;
            for (int i = 0; i < type.values().size(); i++) {
                String t = type.values().get(i);
                if (t == null || t.isBlank()) {
                    blank++;
                    String v = c.values().get(i);
                    if (v != null && !v.isBlank()) {
                        filled++;
                    }
                }
            }
            double share = blank == 0 ? 0 : filled / (double) blank;
            if (share > bestShare) {
                best = c;
                bestShare = share;
            }
        }
        return best;
    }

    /**
     * The most detailed coarser grouping of the type: fewer distinct values than the type, and each
     * type's rows (nearly) all in one group.
     */
    private static ColumnStats category(
            ColumnStats type,
            List<ColumnStats> candidates,
            Set<String> used,
            Map<String, List<String>> ev) {
        var lines = new ArrayList<String>();
        ColumnStats best = null;
        for (ColumnStats c : candidates) {
            if (c == type || used.contains(c.name()) || c.distinct() >= type.distinct()) {
                continue;
            }
            double purity = purity(type, c);
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "%s: %.1f%% of rows in their type's usual value%s",
                            describe(c),
                            100 * purity,
                            purity >= MIN_CATEGORY_PURITY
                                    ? " (a grouping of the type)"
                                    : " (not a grouping)"));
            // a column that is nearly constant groups nothing
            boolean varied = c.top(1).get(0).getValue() < 0.9 * c.nonBlank();
            if (purity >= MIN_CATEGORY_PURITY
                    && varied
                    && (best == null || c.distinct() > best.distinct())) {
                best = c;
            }
        }
        if (best != null) {
            lines.add("category: " + best.name() + " (the most detailed grouping)");
        }
        ev.put("category", lines);
        return best;
    }

    /** Each value of {@code type} with the most common value of {@code other} on its rows. */
    public static Map<String, String> usual(ColumnStats type, ColumnStats other) {
        Map<String, Map<String, Long>> byType = new HashMap<>();
        for (int i = 0; i < type.values().size(); i++) {
            String t = type.values().get(i);
            String g = other.values().get(i);
            if (t == null || t.isBlank() || g == null || g.isBlank()) {
                continue;
            }
            byType.computeIfAbsent(t.strip(), k -> new HashMap<>()).merge(g.strip(), 1L, Long::sum);
        }
        var out = new HashMap<String, String>();
        byType.forEach(
                (t, m) ->
                        out.put(
                                t,
                                m.entrySet().stream()
                                        .max(Map.Entry.comparingByValue())
                                        .orElseThrow()
                                        .getKey()));
        return out;
    }

    /** Share of rows (both filled) whose value is the most common one for their type. */
    static double purity(ColumnStats type, ColumnStats group) {
        Map<String, Map<String, Long>> byType = new HashMap<>();
        long n = 0;
        for (int i = 0; i < type.values().size(); i++) {
            String t = type.values().get(i);
            String g = group.values().get(i);
            if (t == null || t.isBlank() || g == null || g.isBlank()) {
                continue;
            }
            byType.computeIfAbsent(t.strip(), k -> new HashMap<>()).merge(g.strip(), 1L, Long::sum);
            n++;
        }
        if (n == 0) {
            return 0;
        }
        long agree = 0;
        for (Map<String, Long> m : byType.values()) {
            agree += m.values().stream().mapToLong(Long::longValue).max().orElse(0);
        }
        return agree / (double) n;
    }

    /** {@code NAME (N distinct, B% blank, e.g. A, B, C)}. */
    static String describe(ColumnStats c) {
        var examples = c.top(3).stream().map(Map.Entry::getKey).toList();
        return String.format(
                Locale.ROOT,
                "%s (%,d distinct, %.1f%% blank, e.g. %s)",
                c.name(),
                c.distinct(),
                100 * c.blankShare(),
                String.join(", ", examples));
    }
}
