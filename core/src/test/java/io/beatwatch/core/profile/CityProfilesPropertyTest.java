package io.beatwatch.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property tests of {@link CityProfiles#parse}: any text, and any mutation of a real profile (lines
 * cut, doubled or swapped, values replaced, bytes changed), gives a profile or an {@link
 * IllegalArgumentException} that says what is wrong; never another exception, never a hang.
 */
class CityProfilesPropertyTest {

    static final Duration BOUND = Duration.ofSeconds(5);

    static final List<String> SOURCES =
            List.of(resource("generic-csv.yaml"), resource("san-antonio.yaml"));

    static String resource(String name) {
        try (InputStream in = CityProfiles.class.getResourceAsStream("/cities/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 200, seed = "13")
    void arbitraryTextIsAProfileOrANamedError(@ForAll @Size(max = 400) String yaml) {
        parseChecked(yaml);
    }

    @Property(tries = 400, seed = "13")
    void mutatedProfilesAreAProfileOrANamedError(@ForAll("mutatedProfiles") String yaml) {
        parseChecked(yaml);
    }

    @Property(tries = 40, seed = "13")
    void deepNestingIsANamedError(@ForAll @IntRange(min = 1, max = 5_000) int depth) {
        parseChecked("name: x\ncolumns: " + "[".repeat(depth) + "]".repeat(depth) + "\n");
        parseChecked("name: x\nbounds: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "\n");
    }

    @Property(tries = 20, seed = "13")
    void aliasBombsAreBounded(@ForAll @IntRange(min = 2, max = 12) int levels) {
        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < levels; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 10; k++) sb.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            sb.append("]\n");
        }
        parseChecked(sb.toString());
    }

    /** Parses under a time bound: a profile, or an IllegalArgumentException with a message. */
    static void parseChecked(String yaml) {
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    try {
                        CityProfile p = CityProfiles.parse(yaml, "fuzz.yaml");
                        assertThat(p.name()).isNotBlank();
                    } catch (IllegalArgumentException e) {
                        assertThat(e.getMessage()).isNotBlank();
                    }
                });
    }

    @Provide
    Arbitrary<String> mutatedProfiles() {
        Arbitrary<String> base = Arbitraries.of(SOURCES);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 10_000);
        Arbitrary<String> junk =
                Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(20),
                        Arbitraries.of(
                                "~",
                                "null",
                                "[]",
                                "{}",
                                "-1",
                                "1e400",
                                "NaN",
                                ".inf",
                                "'",
                                "\"",
                                "&a",
                                "*a",
                                "!!binary x",
                                "!!java.io.File /",
                                "Z",
                                "Mars/Olympus",
                                "EPSG:999999",
                                "(((a+)+)+)",
                                "[",
                                "9999999999999999999"),
                        Arbitraries.strings().ofLength(20_000));
        return Arbitraries.oneOf(
                Combinators.combine(base, pick).as((s, i) -> s.substring(0, i % (s.length() + 1))),
                Combinators.combine(base, pick, Arbitraries.chars())
                        .as(
                                (s, i, c) -> {
                                    int at = i % s.length();
                                    return s.substring(0, at) + c + s.substring(at + 1);
                                }),
                Combinators.combine(base, pick, pick).as(CityProfilesPropertyTest::dropOrDouble),
                Combinators.combine(base, pick, junk).as(CityProfilesPropertyTest::replaceValue));
    }

    /** Drops (odd {@code how}) or doubles one line. */
    static String dropOrDouble(String s, int line, int how) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int i = line % lines.size();
        if (how % 2 == 1) lines.remove(i);
        else lines.add(i, lines.get(i));
        return String.join("\n", lines);
    }

    /** Replaces the value after the first colon of one line with {@code junk}. */
    static String replaceValue(String s, int line, String junk) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        for (int k = 0; k < lines.size(); k++) {
            int i = (line + k) % lines.size();
            String l = lines.get(i);
            int colon = l.indexOf(':');
            if (colon > 0 && !l.stripLeading().startsWith("#")) {
                lines.set(i, l.substring(0, colon + 1) + " " + junk);
                return String.join("\n", lines);
            }
        }
        return s;
    }
}
