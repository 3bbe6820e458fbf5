package io.beatwatch.core.draft;

import io.beatwatch.core.model.TypeCount;
import java.util.List;

/**
 * A draft city profile: every guess {@code profile init} made from a sample, with the evidence.
 * {@link DraftYaml} writes it as a profile file.
 *
 * @param name the profile's name
 * @param sample what was read
 * @param columns each column's statistics, in header order
 * @param time the time column and zone
 * @param place the coordinate columns and bounds
 * @param roles the other columns' roles
 * @param typeCounts every type in the sample with its count, largest first
 * @param descriptionColumn a column holding each type code's longer name, or null
 * @param typeNames each type code's name from {@code descriptionColumn} (empty without one)
 * @param typeGroups each type code's usual category (empty without a category column)
 * @param officerTypes types that look officer-initiated (by their own name or their description)
 * @param sensitiveTypes types that match the default sensitive substrings
 */
public record ProfileDraft(
        String name,
        ExportSample sample,
        List<ColumnStats> columns,
        TimeGuess time,
        CoordinateGuess place,
        ColumnRoles roles,
        List<TypeCount> typeCounts,
        String descriptionColumn,
        java.util.Map<String, String> typeNames,
        java.util.Map<String, String> typeGroups,
        List<String> officerTypes,
        List<String> sensitiveTypes) {

    public ProfileDraft {
        columns = List.copyOf(columns);
        typeCounts = List.copyOf(typeCounts);
        typeNames = java.util.Map.copyOf(typeNames);
        typeGroups = java.util.Map.copyOf(typeGroups);
        officerTypes = List.copyOf(officerTypes);
        sensitiveTypes = List.copyOf(sensitiveTypes);
    }

    /** {@code T (Traffic Stop)} when the export describes the code, else the code. */
    public String described(String type) {
        String n = typeNames.get(type);
        return n == null || n.equals(type) ? type : type + " (" + n + ")";
    }

    /** Every warning, time first. */
    public List<String> warnings() {
        var w = new java.util.ArrayList<String>();
        w.addAll(time.warnings());
        w.addAll(place.warnings());
        return w;
    }
}
