package io.beatwatch.core.draft;

import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.validate.Bounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link ProfileDraft} as a city profile YAML in the schema of {@code config/cities/}:
 * each guess above its key as comments, marked {@value #REVIEW}, with the evidence. The result
 * loads as it is ({@link io.beatwatch.core.profile.CityProfiles#parse}); what could not be guessed
 * is a placeholder that {@code inspect} reports by name.
 */
public final class DraftYaml {

    /** The mark on every guess. */
    public static final String REVIEW = "REVIEW";

    /** Placeholders for what could not be guessed. */
    public static final String SET_TYPE = "SET_TYPE_COLUMN";

    public static final String SET_TIME = "SET_TIME_COLUMN";
    public static final String SET_LAT = "SET_LAT_COLUMN";
    public static final String SET_LON = "SET_LON_COLUMN";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9 _./()-]*");
    private static final Set<String> RESERVED =
            Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~");
    private static final int TYPES_LISTED = 15;

    private final StringBuilder out = new StringBuilder();

    private DraftYaml() {}

    /** The draft as profile YAML. */
    public static String write(ProfileDraft d) {
        var w = new DraftYaml();
        w.header(d);
        w.top(d);
        w.columns(d);
        w.time(d);
        w.types(d);
        return w.out.toString();
    }

    private void header(ProfileDraft d) {
        line(
                "# ---------------------------------------------------------------------------------------------");
        line(
                "# DRAFT city profile written by `beatwatch profile init` from "
                        + d.sample().source());
        line(
                String.format(
                        Locale.ROOT,
                        "# (its header and first %,d rows). Every guess is marked %s with its evidence:",
                        d.sample().rows().size(),
                        REVIEW));
        line(
                "# check each against what the CAD vendor says (docs/onboarding.md, step 1), then delete the");
        line("# mark. Then read the export through it and fix what inspect warns about:");
        line("#   bin/beatwatch inspect --profile " + d.name() + " " + d.sample().source());
        line("#");
        line("# Columns and their guessed roles:");
        int width = d.columns().stream().mapToInt(c -> c.name().length()).max().orElse(4);
        for (ColumnStats c : d.columns()) {
            line(
                    String.format(
                            Locale.ROOT,
                            "#   %-" + width + "s  %-22s %,7d distinct, %5.1f%% blank",
                            c.name(),
                            role(d, c.name()),
                            c.distinct(),
                            100 * c.blankShare()));
        }
        List<String> warnings = d.warnings();
        if (!warnings.isEmpty()) {
            line("#");
            line("# WARNINGS:");
            for (String x : warnings) {
                line("#   ! " + x);
            }
        }
        line(
                "# ---------------------------------------------------------------------------------------------");
        line("");
    }

    private void top(ProfileDraft d) {
        line("name: " + d.name());
        line(
                "description: "
                        + scalar("Draft from " + d.sample().source())
                        + "   # "
                        + REVIEW
                        + ": one line for people");
        line("feed: cfs");
        line(
                "format: "
                        + (d.sample().format() == io.beatwatch.core.profile.FeedFormat.NDJSON
                                ? "ndjson"
                                : "csv"));
        line("source: " + d.name());
        line("# " + REVIEW + " zone: " + d.time().zoneReason() + ".");
        line("zone: " + d.time().zone().getId());
        line("");
        CoordinateGuess p = d.place();
        comment("bounds", p.evidence());
        Bounds b = p.bounds() == null ? Bounds.world() : p.bounds();
        if (p.bounds() == null) {
            line("# No location found: the whole globe. SET THIS to your city.");
        }
        line(
                String.format(
                        Locale.ROOT,
                        "bounds: {minLat: %.2f, maxLat: %.2f, minLon: %.2f, maxLon: %.2f}",
                        b.minLat(),
                        b.maxLat(),
                        b.minLon(),
                        b.maxLon()));
        if (p.projected()) {
            line(
                    "# "
                            + REVIEW
                            + " projection: columns.lon / columns.lat hold "
                            + p.projection().system().label()
                            + " x / y, converted to degrees at decode.");
            line("projection: " + p.projection().system().epsg());
        } else if (p.projection() != null) {
            line(
                    "# (The export also has projected "
                            + p.xColumn()
                            + " / "
                            + p.yColumn()
                            + ": "
                            + p.projection().system().epsg()
                            + " "
                            + p.projection().system().label()
                            + (p.projection().confirmed() ? ", matching the degree columns" : "")
                            + "; not needed.)");
        }
        line("");
    }

    private void columns(ProfileDraft d) {
        ColumnRoles r = d.roles();
        CoordinateGuess p = d.place();
        line("columns:");
        if (r.id() != null) {
            comment("id", r.evidence().get("id"), "  ");
            line("  id: " + scalar(r.id()));
        } else {
            comment("id", r.evidence().get("id"), "  ");
        }
        comment("type", r.evidence().get("type"), "  ");
        if (r.types().isEmpty()) {
            line("  type: " + SET_TYPE + "   # SET THIS");
        } else if (r.types().size() == 1) {
            line("  type: " + scalar(r.types().get(0)));
        } else {
            line("  type: " + flow(r.types()));
        }
        if (r.typeInitial() != null) {
            line(
                    "  typeInitial: "
                            + scalar(r.typeInitial())
                            + "   # "
                            + REVIEW
                            + ": named like the initial type");
        }
        if (r.typeFinal() != null) {
            line(
                    "  typeFinal: "
                            + scalar(r.typeFinal())
                            + "   # "
                            + REVIEW
                            + ": named like the final type");
        }
        List<String> cat = r.evidence().getOrDefault("category", List.of());
        if (r.category() != null) {
            comment("category", cat, "  ");
            line("  category: " + scalar(r.category()));
        } else if (!cat.isEmpty()) {
            comment("category (none taken)", cat, "  ");
        }
        if (r.priority() != null) {
            line(
                    "  priority: "
                            + scalar(r.priority())
                            + "   # "
                            + REVIEW
                            + ": integers, or add priorityRules");
        }
        List<String> dist = r.evidence().getOrDefault("district", List.of());
        if (!dist.isEmpty()) {
            comment("district / beat", dist, "  ");
        }
        if (r.district() != null) {
            line("  district: " + scalar(r.district()));
        }
        if (r.beat() != null) {
            line("  beat: " + scalar(r.beat()));
        }
        if (p.latColumn() != null) {
            line("  # " + REVIEW + " lat / lon: named so, numbers within degree ranges (WGS84).");
            line("  lat: " + scalar(p.latColumn()));
            line("  lon: " + scalar(p.lonColumn()));
        } else if (p.projected()) {
            line(
                    "  # "
                            + REVIEW
                            + " lat / lon: projected northing / easting, see projection above.");
            line("  lat: " + scalar(p.yColumn()));
            line("  lon: " + scalar(p.xColumn()));
        } else {
            line("  lat: " + SET_LAT + "   # SET THIS: no coordinate columns found");
            line("  lon: " + SET_LON + "   # SET THIS");
        }
        if (r.address() != null) {
            comment("address", r.evidence().get("address"), "  ");
            line("  address: " + scalar(r.address()));
        }
        if (r.disposition() != null) {
            line("  disposition: " + scalar(r.disposition()) + "   # " + REVIEW);
        }
        if (r.officerFlag() != null) {
            line(
                    "  officerInitiated: "
                            + scalar(r.officerFlag())
                            + "   # "
                            + REVIEW
                            + ": yes/no values");
        }
        if (!d.typeNames().isEmpty()) {
            line("");
            line(
                    "# "
                            + REVIEW
                            + " typeTable: "
                            + DraftTypeTable.fileName(d.name())
                            + " (written beside this file) maps each code to its "
                            + d.descriptionColumn()
                            + (d.typeGroups().isEmpty() ? "" : " and " + d.roles().category())
                            + ";");
            line(
                    "# uncomment to show names instead of codes in reports (the type lists below may name either).");
            line("# typeTable: " + DraftTypeTable.fileName(d.name()));
        }
        if (r.id() == null) {
            line("");
            line("# No id column: ids are synthesized from this prefix and a hash of the row.");
            line("idPrefix: " + d.name() + "-");
        }
        line("");
    }

    private void time(ProfileDraft d) {
        TimeGuess t = d.time();
        var ev = new ArrayList<String>();
        ev.add(
                "tried on every column: epoch-millis, epoch-seconds (1990..2045), iso-instant, "
                        + TimeFormats.DATE_TIME_PATTERNS.size()
                        + " date-time and "
                        + TimeFormats.DATE_PATTERNS.size()
                        + " date patterns; a column takes the first that reads >= "
                        + Math.round(100 * TimeFormats.MIN_PARSED_SHARE)
                        + "% of it. Hours 00..23 below, quiet hours are expected at night:");
        ev.addAll(t.evidence());
        line("time:");
        comment("time", ev, "  ");
        if (t.primary() == null) {
            line("  column: " + SET_TIME + "   # SET THIS");
            line("  kind: iso-instant");
        } else {
            source(t.primary(), "  ");
            if (t.fallback() != null) {
                line("  # Where " + t.primary().column() + " is blank or broken:");
                line("  fallback:");
                source(t.fallback(), "    ");
            }
        }
        line("");
    }

    private void source(TimeCandidate c, String indent) {
        line(indent + "column: " + scalar(c.column()));
        line(indent + "kind: " + kind(c));
        if (c.pattern() != null) {
            line(indent + "pattern: " + quoted(c.pattern()));
        }
    }

    private void types(ProfileDraft d) {
        List<TypeCount> counts = d.typeCounts();
        if (!counts.isEmpty()) {
            line(
                    "# "
                            + counts.size()
                            + " types in the sample; the most frequent"
                            + (d.descriptionColumn() == null
                                    ? ""
                                    : " (in brackets: " + d.descriptionColumn() + ")")
                            + ":");
            long total = counts.stream().mapToLong(TypeCount::count).sum();
            for (TypeCount t : counts.subList(0, Math.min(TYPES_LISTED, counts.size()))) {
                line(
                        String.format(
                                Locale.ROOT,
                                "#   %-40s %,8d  %5.1f%%",
                                d.described(t.type()),
                                t.count(),
                                100.0 * t.count() / total));
            }
            line("");
        }
        line(
                "# "
                        + REVIEW
                        + " officerInitiated: types whose name (or description) looks officer-initiated");
        line(
                "# (stop, security check, patrol, follow-up, ...): kept out of the alert signal. Confirm each.");
        if (!d.officerTypes().isEmpty() && !d.typeNames().isEmpty()) {
            line("#   " + String.join(", ", d.officerTypes().stream().map(d::described).toList()));
        }
        line("officerInitiated:");
        line("  types: " + flow(d.officerTypes()));
        line("");
        line(
                "# "
                        + REVIEW
                        + " sensitive: never shown publicly. The template's substrings, and the types");
        line(
                "# whose name (or description) matches them; add your codes for sexual assault, domestic");
        line("# violence, juveniles, mental health.");
        if (!d.sensitiveTypes().isEmpty() && !d.typeNames().isEmpty()) {
            line(
                    "#   "
                            + String.join(
                                    ", ", d.sensitiveTypes().stream().map(d::described).toList()));
        }
        line("sensitive:");
        line("  contains: " + flow(ProfileDrafter.SENSITIVE_CONTAINS));
        line("  types: " + flow(d.sensitiveTypes()));
        line("");
        line("maxFutureSkew: PT1H");
    }

    private static String kind(TimeCandidate c) {
        String d = c.describe();
        int space = d.indexOf(' ');
        return space < 0 ? d : d.substring(0, space);
    }

    private static String role(ProfileDraft d, String column) {
        ColumnRoles r = d.roles();
        TimeGuess t = d.time();
        CoordinateGuess p = d.place();
        if (column.equals(r.id())) return "id";
        if (r.types().contains(column))
            return r.types().indexOf(column) == 0 ? "type" : "type (fallback)";
        if (column.equals(r.category())) return "category";
        if (column.equals(r.district())) return "district";
        if (column.equals(r.beat())) return "beat";
        if (column.equals(r.address())) return "address";
        if (column.equals(r.priority())) return "priority";
        if (column.equals(r.disposition())) return "disposition";
        if (column.equals(r.officerFlag())) return "officerInitiated";
        if (t.primary() != null && column.equals(t.primary().column())) return "time";
        if (t.fallback() != null && column.equals(t.fallback().column())) return "time (fallback)";
        if (column.equals(p.latColumn())) return "lat";
        if (column.equals(p.lonColumn())) return "lon";
        if (column.equals(p.xColumn()))
            return p.projected() ? "lon (projected x)" : "projected x (unused)";
        if (column.equals(p.yColumn()))
            return p.projected() ? "lat (projected y)" : "projected y (unused)";
        for (TimeCandidate c : t.candidates()) {
            if (c.column().equals(column)) return "time? (unused)";
        }
        return "-";
    }

    private void comment(String what, List<String> evidence) {
        comment(what, evidence, "");
    }

    private void comment(String what, List<String> evidence, String indent) {
        if (evidence == null || evidence.isEmpty()) {
            line(indent + "# " + REVIEW + " " + what + ".");
            return;
        }
        line(indent + "# " + REVIEW + " " + what + ":");
        for (String e : evidence) {
            line(indent + "#   " + e);
        }
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    /** A YAML scalar: plain where that reads back as the same string, else double-quoted. */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches()
                && !RESERVED.contains(s.toLowerCase(Locale.ROOT))
                && !s.endsWith(" ")) {
            return s;
        }
        return quoted(s);
    }

    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String flow(List<String> values) {
        var sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(flowScalar(values.get(i)));
        }
        return sb.append(']').toString();
    }

    /** In a flow sequence commas and brackets end a plain scalar: quote those too. */
    private static String flowScalar(String s) {
        String plain = scalar(s);
        return plain.equals(s) && s.chars().noneMatch(ch -> ch == ',' || ch == '[' || ch == ']')
                ? s
                : quoted(s);
    }
}
