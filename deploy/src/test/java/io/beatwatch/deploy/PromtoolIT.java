package io.beatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own checker on the config and rules, and the rule unit tests in alerts.test.yml.
 * Needs {@code promtool} on the PATH (Debian package {@code prometheus}, which {@code bin/beatwatch
 * test} installs as root); without it each test is reported skipped (the assumption is per test:
 * one in {@code @BeforeAll} aborts the class and the reports count 0 run, 0 skipped).
 */
class PromtoolIT {

    static Path promtool;

    @BeforeAll
    static void findPromtool() {
        promtool =
                java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                        .map(d -> Path.of(d, "promtool"))
                        .filter(Files::isExecutable)
                        .findFirst()
                        .orElse(null);
    }

    @BeforeEach
    void needsPromtool() {
        assumeTrue(promtool != null, "promtool is not on the PATH (apt-get install prometheus)");
    }

    @Test
    void configIsValid() throws Exception {
        assertThat(run("check", "config", Repo.PROMETHEUS.getFileName().toString()))
                .contains("SUCCESS");
    }

    @Test
    void rulesAreValid() throws Exception {
        assertThat(run("check", "rules", Repo.ALERTS.getFileName().toString())).contains("SUCCESS");
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        assertThat(run("test", "rules", Repo.ALERT_TESTS.getFileName().toString()))
                .contains("SUCCESS");
    }

    private static String run(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        var p =
                new ProcessBuilder(command)
                        .directory(Repo.PROMETHEUS.getParent().toFile())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
