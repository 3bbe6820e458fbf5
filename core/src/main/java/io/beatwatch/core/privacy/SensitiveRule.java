package io.beatwatch.core.privacy;

import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.patrol.TypeFilter;
import io.beatwatch.core.profile.CityProfile;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Whether a call is of a sensitive type (sexual assault, domestic violence, juvenile, mental health
 * / welfare, ...) and so never counted publicly (ARCHITECTURE section 7). Decided once, at decode
 * in the job where the city profile is known, and carried on the event and on {@code PublicCall}:
 * no deployment downstream can forget the profile. The default terms always apply (a substring test
 * of the current, initial and final type and the category: wider than a code list on purpose, a
 * false "sensitive" only hides a count); a profile adds its own list. Serializable: it travels
 * inside a Flink function.
 *
 * @param terms substrings matched case-insensitively against every type and the category
 * @param profile the city profile's sensitive types (exact names and substrings)
 */
public record SensitiveRule(List<String> terms, TypeFilter profile) implements Serializable {

    /** The terms every city gets, whatever its profile lists. */
    public static final List<String> DEFAULT_TERMS =
            List.of(
                    "sexual",
                    "rape",
                    "domestic",
                    "family violence",
                    "juvenile",
                    "child",
                    "runaway",
                    "mental",
                    "welfare",
                    "suicid",
                    "overdose");

    public SensitiveRule {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(profile, "profile");
        terms = new TypeFilter(List.of(), terms).contains();
    }

    /** The default terms only (a synthetic city without a profile). */
    public static SensitiveRule defaults() {
        return new SensitiveRule(DEFAULT_TERMS, TypeFilter.none());
    }

    /** The default terms plus the profile's sensitive types. */
    public static SensitiveRule forProfile(CityProfile p) {
        return new SensitiveRule(DEFAULT_TERMS, TypeFilter.of(p.sensitive()));
    }

    /** True if any of the call's types, or its category, is sensitive. */
    public boolean isSensitive(CallForService c) {
        for (String t : c.allTypes()) {
            if (profile.test(t) || matchesTerm(t)) {
                return true;
            }
        }
        return matchesTerm(c.category());
    }

    private boolean matchesTerm(String value) {
        if (value == null) {
            return false;
        }
        String v = value.toLowerCase(java.util.Locale.ROOT);
        for (String t : terms) {
            if (v.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
