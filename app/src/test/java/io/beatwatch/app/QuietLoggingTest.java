package io.beatwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** config/log4j2.xml as the launcher uses it: libraries quiet, Beatwatch's own messages kept. */
class QuietLoggingTest {

    @AfterEach
    void clear() {
        System.clearProperty(Main.THIRD_PARTY_LEVEL_PROPERTY);
    }

    static Configuration launcherConfig() {
        Path file = InspectCommandTest.projectRoot().resolve("config/log4j2.xml");
        var ctx = new LoggerContext("quiet-logging-test", null, file.toUri());
        ctx.start();
        try {
            return ctx.getConfiguration();
        } finally {
            ctx.stop();
        }
    }

    @Test
    void flinkAndKafkaWarningsAreHiddenByDefault() {
        Main.applyVerbosity(new String[] {"emergence", "--profile", "san-antonio"});
        Configuration c = launcherConfig();

        assertThat(c.getLoggerConfig("org.apache.flink.runtime.taskmanager").getLevel())
                .isEqualTo(Level.ERROR);
        assertThat(c.getLoggerConfig("org.apache.kafka.clients").getLevel()).isEqualTo(Level.ERROR);
        assertThat(c.getLoggerConfig("io.beatwatch.jobs.backtest").getLevel())
                .isEqualTo(Level.INFO);
    }

    @Test
    void verboseShowsThem() {
        Main.applyVerbosity(new String[] {"emergence", "--verbose"});
        Configuration c = launcherConfig();

        assertThat(c.getLoggerConfig("org.apache.flink.runtime.taskmanager").getLevel())
                .isEqualTo(Level.WARN);
        assertThat(c.getLoggerConfig("org.apache.kafka").getLevel()).isEqualTo(Level.WARN);
        assertThat(c.getLoggerConfig("io.beatwatch").getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void everyCommandAcceptsVerbose() {
        assertThat(InspectCommandTest.run("inspect", "--verbose", "--help").exit()).isZero();
    }
}
