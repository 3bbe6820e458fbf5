package io.beatwatch.core.inspect;

import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.profile.TypeRules;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Types whose names suggest that an officer, not a citizen, raised the call (stops, security and
 * premise checks, patrols, follow-ups, ...), for the user to confirm when the export has no
 * officer-initiated flag. Only a suggestion: names differ by agency.
 */
public final class OfficerTypeHints {

    /** Whole-word patterns, case-insensitive. */
    public static final Pattern PATTERN =
            Pattern.compile(
                    "\\b(stop|security check|premise check|premises check|business check|area"
                            + " check|bar check|park check|house check|vacation check|patrol|"
                            + "follow[ -]?up|directed|self[ -]?init\\w*|officer[ -]initiated|on[ -]?view|"
                            + "flag ?down|walk[ -]?through|foot patrol|warrant service|pedestrian"
                            + " check|subject check|vehicle check|extra watch|close patrol)\\b",
                    Pattern.CASE_INSENSITIVE);

    private OfficerTypeHints() {}

    /** Whether a type's name looks officer-initiated. */
    public static boolean looksOfficerInitiated(String type) {
        return type != null && PATTERN.matcher(type).find();
    }

    /**
     * Types (largest first) that look officer-initiated by name.
     *
     * @param types every type with its count
     * @param configured the profile's officer-initiated rules
     * @param alreadyConfigured true: those the profile already counts; false: the new suggestions
     */
    public static List<TypeCount> suggest(
            List<TypeCount> types, TypeRules configured, boolean alreadyConfigured) {
        return types.stream()
                .filter(t -> looksOfficerInitiated(t.type()))
                .filter(t -> configured.test(t.type()) == alreadyConfigured)
                .toList();
    }

    /** A YAML line the user can paste after confirming. */
    public static String yaml(List<TypeCount> types) {
        var sb = new StringBuilder("officerInitiated: {types: [");
        for (int i = 0; i < types.size(); i++) {
            String t = types.get(i).type();
            sb.append(i == 0 ? "" : ", ")
                    .append(t.matches("[A-Za-z0-9 /-]+") ? t : "'" + t.replace("'", "''") + "'");
        }
        return sb.append("]}").toString();
    }
}
