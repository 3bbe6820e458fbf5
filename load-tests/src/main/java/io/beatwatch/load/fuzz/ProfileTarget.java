package io.beatwatch.load.fuzz;

import io.beatwatch.core.profile.CityProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The city-profile loader: {@link CityProfiles#parse} over mutated copies of the bundled profiles
 * (lines dropped or doubled, values replaced, chars flipped, cut). Documented failure: {@link
 * IllegalArgumentException} naming what is wrong ({@link UncheckedIOException} for a type table
 * that cannot be read).
 */
public final class ProfileTarget implements FuzzTarget {

    private final List<String> names = CityProfiles.BUNDLED;
    private final List<String> texts = new ArrayList<>();

    public ProfileTarget() {
        for (String n : names) {
            try (InputStream in =
                    CityProfiles.class
                            .getClassLoader()
                            .getResourceAsStream("cities/" + n + ".yaml")) {
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String name() {
        return "profile";
    }

    @Override
    public Object generate(SplittableRandom r) {
        int i = r.nextInt(texts.size());
        String s = texts.get(i);
        int how = r.nextInt(10);
        if (how < 3) {
            List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
            int k = r.nextInt(lines.size());
            if (how == 0) lines.remove(k);
            else if (how == 1) lines.add(k, lines.get(k));
            else lines.set(k, Mutations.mutate(lines.get(k), r));
            s = String.join("\n", lines);
        } else {
            s = Mutations.mutate(s, r);
        }
        return new Input(names.get(i), s);
    }

    @Override
    public boolean run(Object in) {
        Input input = (Input) in;
        // the origin's folder is where a typeTable is looked up: config/cities of the project
        CityProfiles.parse(input.yaml(), "config/cities/" + input.name() + ".yaml");
        return true;
    }

    @Override
    public boolean documented(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof UncheckedIOException;
    }

    @Override
    public String describe(Object in) {
        Input input = (Input) in;
        return "# mutated from " + input.name() + "\n" + input.yaml();
    }

    record Input(String name, String yaml) {}
}
