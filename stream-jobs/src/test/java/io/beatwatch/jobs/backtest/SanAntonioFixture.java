package io.beatwatch.jobs.backtest;

import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.synth.Event;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.synth.SyntheticCityConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** The synthetic city written as a San Antonio calls file (the columns its profile reads). */
public final class SanAntonioFixture {

    public static final String HEADER =
            "Date,Time,Address,Zipcode,Category,ProblemType,PatrolDistrict,Substation,"
                    + "IncidentNumber,LAT,LON,ResponseDate,ts_utc,ts_local";

    private SanAntonioFixture() {}

    /**
     * A new city for by-name tests: {@code dir/profiles/NAME.yaml}, the shipped San Antonio profile
     * under another name (the fixture's files are in its format). Returns the folder.
     */
    public static Path profilesFolder(Path dir, String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("profiles"));
        Path shipped =
                Path.of("").toAbsolutePath().getParent().resolve("config/cities/san-antonio.yaml");
        Files.writeString(
                folder.resolve(name + ".yaml"),
                Files.readString(shipped).replace("name: san-antonio", "name: " + name));
        return folder;
    }

    /** Runs {@code body} with {@code --profiles folder} in effect, as the CLI sets it. */
    public static <T> T withProfiles(Path folder, Callable<T> body) throws Exception {
        String before = System.getProperty(CityProfiles.PROFILES_PROPERTY);
        System.setProperty(CityProfiles.PROFILES_PROPERTY, folder.toString());
        try {
            return body.call();
        } finally {
            if (before == null) System.clearProperty(CityProfiles.PROFILES_PROPERTY);
            else System.setProperty(CityProfiles.PROFILES_PROPERTY, before);
        }
    }

    /** {@code days} days of the seeded synthetic city at {@code callsPerDay}, no tips. */
    public static SyntheticCityConfig city(int days, double callsPerDay) {
        return SyntheticCityConfig.defaults()
                .withRates(callsPerDay, 0)
                .withPeriod(SyntheticCityConfig.DEFAULT_START, Duration.ofDays(days));
    }

    /** Writes the city's calls (CAD updates included: the reader counts an id once). */
    public static Path write(Path file, SyntheticCityConfig city) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.newLine();
            for (Event e : new SyntheticCity(city)) {
                if (!(e instanceof Event.CallEvent ce)) continue;
                CallForService c = ce.call();
                String district = c.district() == null ? "" : c.district();
                w.write(
                        String.join(
                                ",",
                                "",
                                "",
                                "\"" + (c.address() == null ? "" : c.address()) + "\"",
                                "78205",
                                c.category() == null ? "Other" : c.category(),
                                c.type(),
                                "1100",
                                district,
                                c.id(),
                                Double.toString(c.lat()),
                                Double.toString(c.lon()),
                                Long.toString(c.receivedAt().toEpochMilli()),
                                c.receivedAt().toString(),
                                ""));
                w.newLine();
            }
        }
        return file;
    }
}
