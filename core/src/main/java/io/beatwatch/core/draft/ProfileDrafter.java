package io.beatwatch.core.draft;

import io.beatwatch.core.inspect.OfficerTypeHints;
import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.profile.TypeRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guesses a draft city profile from a sample of an export: place first (it gives the zone), then
 * time, then the other columns. Pure; the caller reads the sample.
 */
public final class ProfileDrafter {

    /** The substrings of sensitive types a draft starts from (those of the generic template). */
    public static final List<String> SENSITIVE_CONTAINS =
            List.of(
                    "sexual",
                    "rape",
                    "sex offense",
                    "domestic",
                    "family",
                    "protective order",
                    "child",
                    "juvenile",
                    "runaway",
                    "mental",
                    "welfare",
                    "suicid",
                    "crisis");

    /**
     * A text column describes the type (one longer name per code) when it has at least this share
     * of the type's distinct values and each type's rows agree on it.
     */
    public static final double DESCRIPTION_SHARE = 0.7;

    private ProfileDrafter() {}

    /** The draft for {@code sample}, named {@code name}. */
    public static ProfileDraft draft(ExportSample sample, String name) {
        var columns = new ArrayList<ColumnStats>();
        for (int i = 0; i < sample.header().size(); i++) {
            columns.add(ColumnStats.of(sample.header().get(i), i, sample.column(i)));
        }
        CoordinateGuess place = CoordinateGuess.of(columns);
        ZoneTable.Nearest nearest = null;
        if (place.lats().length > 0) {
            double[] la = place.lats().clone();
            double[] lo = place.lons().clone();
            Arrays.sort(la);
            Arrays.sort(lo);
            nearest = ZoneTable.nearest(la[la.length / 2], lo[lo.length / 2]);
        }
        var times = new ArrayList<TimeCandidate>();
        for (ColumnStats c : columns) {
            TimeCandidate t = TimeFormats.read(c);
            if (t != null) {
                times.add(t);
            }
        }
        TimeGuess time = TimeGuess.of(times, nearest);

        Set<String> taken = new HashSet<>();
        times.forEach(t -> taken.add(t.column()));
        for (String c :
                new String[] {
                    place.latColumn(), place.lonColumn(), place.xColumn(), place.yColumn()
                }) {
            if (c != null) {
                taken.add(c);
            }
        }
        ColumnRoles roles = ColumnRoles.of(columns, taken);

        List<TypeCount> typeCounts = List.of();
        String descriptionColumn = null;
        var typeNames = new java.util.HashMap<String, String>();
        var typeGroups = new java.util.HashMap<String, String>();
        var officer = new ArrayList<String>();
        var sensitive = new ArrayList<String>();
        if (!roles.types().isEmpty()) {
            ColumnStats type = byName(columns, roles.types().get(0));
            typeCounts =
                    type.counts().entrySet().stream()
                            .map(e -> new TypeCount(e.getKey(), e.getValue()))
                            .sorted(
                                    Comparator.comparingLong((TypeCount t) -> -t.count())
                                            .thenComparing(TypeCount::type))
                            .toList();
            // A code says little; its description (another text column, one per code) says more.
            var names = new ArrayList<Map<String, String>>();
            ColumnStats described = null;
            for (ColumnStats c : columns) {
                if (c != type
                        && !taken.contains(c.name())
                        && !c.numeric()
                        && c.distinct() <= ColumnRoles.MAX_TYPES) {
                    names.add(ColumnRoles.usual(type, c));
                    if (described == null
                            && c.distinct() >= DESCRIPTION_SHARE * type.distinct()
                            && c.meanLength() > type.meanLength()
                            && ColumnRoles.purity(type, c) >= ColumnRoles.MIN_CATEGORY_PURITY) {
                        described = c;
                    }
                }
            }
            if (described != null) {
                descriptionColumn = described.name();
                typeNames.putAll(ColumnRoles.usual(type, described));
            }
            if (roles.category() != null && !roles.category().equals(descriptionColumn)) {
                typeGroups.putAll(ColumnRoles.usual(type, byName(columns, roles.category())));
            }
            TypeRules sensitiveRules = new TypeRules(List.of(), SENSITIVE_CONTAINS);
            for (TypeCount t : typeCounts) {
                var said = new LinkedHashSet<String>();
                said.add(t.type());
                for (Map<String, String> m : names) {
                    String n = m.get(t.type());
                    if (n != null) {
                        said.add(n);
                    }
                }
                if (said.stream().anyMatch(OfficerTypeHints::looksOfficerInitiated)) {
                    officer.add(t.type());
                }
                if (said.stream().anyMatch(sensitiveRules)) {
                    sensitive.add(t.type());
                }
            }
        }
        return new ProfileDraft(
                name,
                sample,
                columns,
                time,
                place,
                roles,
                typeCounts,
                descriptionColumn,
                typeNames,
                typeGroups,
                officer,
                sensitive);
    }

    private static ColumnStats byName(List<ColumnStats> columns, String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
