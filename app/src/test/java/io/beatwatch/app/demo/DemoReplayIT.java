package io.beatwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.backtest.SanAntonioFixture;
import io.lettuce.core.RedisClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code beatwatch demo --replay FILE --profile NAME} with a new city's profile found by name in a
 * profiles folder (no rebuild): the demo's whole stack (Redis, Kafka, Flink, gateway) runs the file
 * with that profile's settings and the console's view fills with its cells.
 */
class DemoReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir Path dir;

    @Test
    void replaysANewCityFoundByNameInAProfilesFolder() throws Exception {
        Path file =
                SanAntonioFixture.write(dir.resolve("calls.csv"), SanAntonioFixture.city(6, 1500));
        Path folder = SanAntonioFixture.profilesFolder(dir, "new-town");
        DemoCommand.Plan plan =
                SanAntonioFixture.withProfiles(
                        folder,
                        () -> {
                            var demo = new DemoCommand();
                            new CommandLine(demo)
                                    .parseArgs(
                                            "--replay",
                                            file.toString(),
                                            "--profile",
                                            "new-town",
                                            "--port",
                                            "0",
                                            "--warmup-days",
                                            "3");
                            return demo.plan();
                        });
        assertThat(plan.what()).contains("new-town");
        // the profile's own settings (its bounds), with the demo's short warm-up
        assertThat(plan.options().jobConfig().bounds())
                .isEqualTo(CityProfiles.load("san-antonio").bounds());
        assertThat(plan.options().jobConfig().detection().minBaselineDays()).isEqualTo(3);

        try (var stack =
                DemoStack.start(plan.options(), new PrintStream(OutputStream.nullOutputStream()))) {
            RedisClient client = RedisClient.create(stack.redis().uri());
            try (var connection = client.connect()) {
                var r = connection.sync();
                long deadline = System.nanoTime() + WAIT.toNanos();
                long cells = 0;
                while (System.nanoTime() < deadline) {
                    cells = 0;
                    for (String district : r.smembers(RedisKeys.DISTRICTS)) {
                        cells += r.zcard(RedisKeys.ranked(district, 180));
                    }
                    if (cells >= 20) break;
                    Thread.sleep(500);
                }
                assertThat(cells).as("cells in the console's view").isGreaterThanOrEqualTo(20);
                assertThat(stack.feeder().produced()).isPositive();
            } finally {
                client.shutdown();
            }
        }
    }
}
