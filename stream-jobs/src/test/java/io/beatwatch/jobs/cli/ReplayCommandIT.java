package io.beatwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.jobs.backtest.SanAntonioFixture;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code beatwatch replay} end to end on a local MiniCluster: a new city's profile found by name in
 * a profiles folder (no rebuild), a calls file in its format, alerts, patrol suggestions and the
 * summary written.
 */
class ReplayCommandIT {

    @TempDir Path dir;

    @Test
    void replaysANewCityFoundByNameInAProfilesFolder() throws Exception {
        Path file =
                SanAntonioFixture.write(dir.resolve("calls.csv"), SanAntonioFixture.city(10, 1500));
        Path folder = SanAntonioFixture.profilesFolder(dir, "new-town");
        Path out = dir.resolve("out");
        PrintStream stdout = System.out;
        int code;
        try {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            code =
                    SanAntonioFixture.withProfiles(
                            folder,
                            () ->
                                    new CommandLine(new ReplayCommand())
                                            .execute(
                                                    "--profile",
                                                    "new-town",
                                                    file.toString(),
                                                    "--speed",
                                                    "max",
                                                    "--baseline-days",
                                                    "4",
                                                    "--out",
                                                    out.toString()));
        } finally {
            System.setOut(stdout);
        }

        assertThat(code).isZero();
        String summary = Files.readString(out.resolve("summary.txt"));
        assertThat(summary).contains("Replay of new-town").contains("events replayed");
        List<HotspotAlert> alerts =
                Files.readAllLines(out.resolve("alerts.ndjson")).stream()
                        .filter(l -> !l.isBlank())
                        .map(Json::decodeAlert)
                        .toList();
        // every alert that opened also closed by the end of the file
        long opened = alerts.stream().filter(a -> a.state() == AlertState.OPENED).count();
        long closed = alerts.stream().filter(a -> a.state() == AlertState.CLOSED).count();
        assertThat(closed).isEqualTo(opened);
        assertThat(out.resolve("suggestions.ndjson")).isNotEmptyFile();
    }
}
