package io.beatwatch.core.profile;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A set of call types given by exact names and by substrings, both matched case-insensitively: used
 * for officer-initiated types and for sensitive types.
 *
 * @param types exact type names
 * @param contains substrings; a type containing any of them matches
 */
public record TypeRules(List<String> types, List<String> contains) implements Predicate<String> {

    public TypeRules {
        types = types == null ? List.of() : List.copyOf(types);
        contains = contains == null ? List.of() : List.copyOf(contains);
        for (String s : contains) {
            if (s.isBlank()) {
                throw new IllegalArgumentException("a 'contains' entry must not be blank");
            }
        }
    }

    /** Rules matching nothing. */
    public static TypeRules none() {
        return new TypeRules(List.of(), List.of());
    }

    /** Whether {@code type} is listed or contains a listed substring (case-insensitive). */
    @Override
    public boolean test(String type) {
        if (type == null) {
            return false;
        }
        for (String t : types) {
            if (t.equalsIgnoreCase(type)) {
                return true;
            }
        }
        if (contains.isEmpty()) {
            return false;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        for (String c : contains) {
            if (lower.contains(c.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Whether any of {@code types} matches, e.g. a call's initial, final and current type. */
    public boolean testAny(Collection<String> types) {
        for (String t : types) {
            if (test(t)) {
                return true;
            }
        }
        return false;
    }
}
