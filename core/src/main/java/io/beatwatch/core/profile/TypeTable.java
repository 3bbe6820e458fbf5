package io.beatwatch.core.profile;

import io.beatwatch.core.feed.CsvParser;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A city's call-type codes with their names and groups, from a small CSV named by the profile's
 * {@code typeTable} (columns {@code code,name,group}; {@code group} optional). At decode a call's
 * code becomes its name and, when the feed has no category, its group, so reports show "Traffic
 * Stop" instead of "T". The profile's type lists may name codes or names.
 *
 * @param file where the table was read (for messages)
 * @param entries code (as written) to entry
 */
public record TypeTable(String file, Map<String, Entry> entries) {

    /** One code's name and group (either may be null). */
    public record Entry(String code, String name, String group) {}

    /** Longest table read, rows: a table is a lookup, not a feed. */
    public static final int MAX_ROWS = 100_000;

    public TypeTable {
        entries = Map.copyOf(entries);
    }

    /** The code's name, or the code itself when the table has none. */
    public String name(String code) {
        if (code == null) {
            return null;
        }
        Entry e = entries.get(code);
        return e == null || e.name() == null ? code : e.name();
    }

    /** The code's group, or null. */
    public String group(String code) {
        Entry e = code == null ? null : entries.get(code);
        return e == null ? null : e.group();
    }

    /** The type rules with each listed code's name added, so that rules on codes match names. */
    public TypeRules expand(TypeRules rules) {
        var types = new ArrayList<>(rules.types());
        for (String t : rules.types()) {
            for (Entry e : entries.values()) {
                if (e.code().equalsIgnoreCase(t) && e.name() != null && !types.contains(e.name())) {
                    types.add(e.name());
                }
            }
        }
        return new TypeRules(types, rules.contains());
    }

    /** Parses the CSV text; {@code file} names it in errors. */
    public static TypeTable parse(String csv, String file) {
        try (CsvParser p = new CsvParser(new StringReader(csv), 1 << 16)) {
            String[] header = p.next();
            if (header == null) {
                throw new IllegalArgumentException("typeTable " + file + " is empty");
            }
            int code = -1;
            int name = -1;
            int group = -1;
            for (int i = 0; i < header.length; i++) {
                switch (header[i].strip().toLowerCase(Locale.ROOT)) {
                    case "code" -> code = i;
                    case "name" -> name = i;
                    case "group" -> group = i;
                    default -> {
                        // other columns (notes) are allowed and ignored
                    }
                }
            }
            if (code < 0 || name < 0) {
                throw new IllegalArgumentException(
                        "typeTable "
                                + file
                                + ": the header must have columns code,name (and optionally"
                                + " group), was "
                                + String.join(",", header));
            }
            var entries = new HashMap<String, Entry>();
            String[] row;
            int line = 1;
            while ((row = p.next()) != null) {
                line++;
                if (line > MAX_ROWS) {
                    throw new IllegalArgumentException(
                            "typeTable " + file + " has more than " + MAX_ROWS + " rows");
                }
                String c = field(row, code);
                if (c == null) {
                    continue;
                }
                if (entries.containsKey(c)) {
                    throw new IllegalArgumentException(
                            "typeTable " + file + " (line " + line + "): code '" + c + "' twice");
                }
                entries.put(c, new Entry(c, field(row, name), field(row, group)));
            }
            return new TypeTable(file, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read typeTable " + file, e);
        }
    }

    private static String field(String[] row, int i) {
        if (i < 0 || i >= row.length) {
            return null;
        }
        String s = row[i].strip();
        return s.isEmpty() ? null : s;
    }

    /** The table's entries in no particular order, for tests and reports. */
    public List<Entry> list() {
        return List.copyOf(entries.values());
    }
}
