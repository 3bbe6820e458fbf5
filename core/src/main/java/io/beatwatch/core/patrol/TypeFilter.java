package io.beatwatch.core.patrol;

import io.beatwatch.core.profile.TypeRules;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A serializable set of call types, by exact names and by substrings, both case-insensitive: the
 * patrol policy's lists of enforcement-prone and ignored types (a {@link TypeRules} that can travel
 * inside a Flink function).
 *
 * @param types exact type names
 * @param contains substrings; a type containing any of them matches
 */
public record TypeFilter(List<String> types, List<String> contains) implements Serializable {

    public TypeFilter {
        types = lower(types);
        contains = lower(contains);
        for (String c : contains) {
            if (c.isBlank()) throw new IllegalArgumentException("a substring must not be blank");
        }
    }

    /** A filter matching nothing. */
    public static TypeFilter none() {
        return new TypeFilter(List.of(), List.of());
    }

    /** The same types as a profile's rules. */
    public static TypeFilter of(TypeRules rules) {
        return new TypeFilter(rules.types(), rules.contains());
    }

    /** Types matched by this filter or by {@code other}. */
    public TypeFilter union(TypeFilter other) {
        List<String> t = new ArrayList<>(types);
        other.types.stream().filter(x -> !t.contains(x)).forEach(t::add);
        List<String> c = new ArrayList<>(contains);
        other.contains.stream().filter(x -> !c.contains(x)).forEach(c::add);
        return new TypeFilter(t, c);
    }

    /** Whether {@code type} is listed or contains a listed substring. */
    public boolean test(String type) {
        if (type == null) return false;
        String lower = type.toLowerCase(Locale.ROOT);
        if (types.contains(lower)) return true;
        for (String c : contains) {
            if (lower.contains(c)) return true;
        }
        return false;
    }

    private static List<String> lower(Collection<String> in) {
        if (in == null) return List.of();
        return in.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
