package io.beatwatch.gateway.transparency;

import io.beatwatch.core.model.CallForService;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Decides whether a call is of a sensitive type (sexual assault, domestic violence, juvenile,
 * mental health / welfare...). Matching is a case-insensitive substring test of every configured
 * term against the current, initial and final type and the category: wider than an exact code list
 * on purpose, since a false "sensitive" only hides a count.
 */
public final class SensitiveTypes {

    private final List<String> terms;
    private final Predicate<CallForService> extra;

    public SensitiveTypes(List<String> terms) {
        this(terms, c -> false);
    }

    /** The configured terms plus another rule (a city profile's sensitive types). */
    public SensitiveTypes(List<String> terms, Predicate<CallForService> extra) {
        this.terms = terms.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        this.extra = extra;
    }

    public boolean isSensitive(CallForService c) {
        if (extra.test(c)) {
            return true;
        }
        for (var t : c.allTypes()) {
            if (matches(t)) {
                return true;
            }
        }
        return matches(c.category());
    }

    boolean matches(String value) {
        if (value == null) {
            return false;
        }
        var v = value.toLowerCase(Locale.ROOT);
        for (var t : terms) {
            if (v.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
