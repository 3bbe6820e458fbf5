package io.beatwatch.core.draft;

import io.beatwatch.core.feed.CsvParser;
import io.beatwatch.core.model.TypeCount;

/**
 * The type table a draft proposes when the export describes its codes: {@code code,name,group} from
 * the description column (and the category column), the file a profile's {@code typeTable} names so
 * that reports show names instead of codes.
 */
public final class DraftTypeTable {

    private DraftTypeTable() {}

    /** The table's file name beside the draft: {@code NAME-types.csv}. */
    public static String fileName(String profileName) {
        return profileName + "-types.csv";
    }

    /** The CSV, most frequent code first; null when the export describes no code. */
    public static String csv(ProfileDraft d) {
        if (d.typeNames().isEmpty()) {
            return null;
        }
        var sb = new StringBuilder("code,name,group\n");
        for (TypeCount t : d.typeCounts()) {
            String name = d.typeNames().get(t.type());
            String group = d.typeGroups().get(t.type());
            sb.append(
                            CsvParser.format(
                                    new String[] {
                                        t.type(),
                                        name == null ? "" : name,
                                        group == null ? "" : group
                                    }))
                    .append('\n');
        }
        return sb.toString();
    }
}
