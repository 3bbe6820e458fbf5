package io.beatwatch.load.fuzz;

import io.beatwatch.core.feed.FeedReader;
import io.beatwatch.core.feed.FeedRecord;
import io.beatwatch.core.feed.Feeds;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.CityProfiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * The CSV adapter: {@link Feeds#calls} over a header and a few mutated rows, through the generic
 * template profile with New York's box as bounds. Documented failures: a header without the
 * profile's columns ({@link IllegalArgumentException}) and a broken gzip stream (I/O).
 */
public final class CsvTarget implements FuzzTarget {

    private static final String WORLD =
            "bounds: {minLat: -90, maxLat: 90, minLon: -180, maxLon: 180}";

    private final CityProfile profile = profile();
    private final Clock clock = Clock.fixed(Seeds.NOW, ZoneOffset.UTC);

    static CityProfile profile() {
        try (InputStream in =
                CityProfiles.class
                        .getClassLoader()
                        .getResourceAsStream("cities/generic-csv.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return CityProfiles.parse(
                    yaml.replace(
                            WORLD,
                            "bounds: {minLat: 40.4, maxLat: 41, minLon: -74.3, maxLon: -73.6}"),
                    "fuzz-csv.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public Object generate(SplittableRandom r) {
        var rows = new StringBuilder();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++)
            rows.append(Seeds.csvRow(r)).append(r.nextBoolean() ? "\n" : "\r\n");
        int how = r.nextInt(20);
        if (how == 0) {
            // the whole file, header included
            return Mutations.mutate(Seeds.CSV_HEADER + "\n" + rows, r)
                    .getBytes(StandardCharsets.UTF_8);
        }
        byte[] head = (Seeds.CSV_HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] body =
                how < 4
                        ? Mutations.flipBytes(rows.toString().getBytes(StandardCharsets.UTF_8), r)
                        : Mutations.mutate(rows.toString(), r).getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[head.length + body.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(body, 0, file, head.length, body.length);
        return file;
    }

    @Override
    public boolean run(Object input) throws IOException {
        boolean allOk = true;
        try (FeedReader<CallForService> reader =
                Feeds.calls(profile, new ByteArrayInputStream((byte[]) input), "fuzz", clock)) {
            while (reader.hasNext()) {
                FeedRecord<CallForService> rec = reader.next();
                allOk &= DecoderTarget.named(rec.result());
            }
            var c = reader.counts();
            if (c.accepted() + c.rejectedTotal() != c.rows()) {
                throw new UnnamedReject("counts do not add up: " + c);
            }
        }
        return allOk;
    }

    @Override
    public boolean documented(Throwable t) {
        return (t instanceof IllegalArgumentException
                        && String.valueOf(t.getMessage()).contains("header"))
                || t instanceof IOException
                || t instanceof UncheckedIOException;
    }

    @Override
    public String describe(Object input) {
        return new String((byte[]) input, StandardCharsets.UTF_8);
    }
}
