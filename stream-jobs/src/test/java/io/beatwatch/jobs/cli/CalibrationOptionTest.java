package io.beatwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatwatch.core.detect.DetectionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --calibration}: the shipped San Antonio fit loads; a bad file is a clear error. */
class CalibrationOptionTest {

    static final Path SHIPPED = Path.of("..", "config", "cities", "san-antonio.calibration.json");

    private static CalibrationOption parse(String... args) {
        var option = new CalibrationOption();
        new CommandLine(option).parseArgs(args);
        return option;
    }

    @Test
    void withoutTheOptionTheDetectionIsUnchanged() throws IOException {
        var d = DetectionConfig.defaults();
        assertThat(parse().apply(d)).isSameAs(d);
    }

    @Test
    void theShippedFitMakesTheBudgetEmpirical() throws IOException {
        var d = DetectionConfig.defaults();
        var calibrated = parse("--calibration", SHIPPED.toString()).apply(d);
        assertThat(calibrated.calibration()).isNotNull();
        // 9 calls where 1 is expected in 30 minutes: rare by the Poisson bound, much less so on
        // San Antonio's own history
        double testsPerDay = 10_000;
        assertThat(calibrated.recurrenceIntervalDays(9, 1.0, testsPerDay, 30))
                .isLessThan(d.recurrenceIntervalDays(9, 1.0, testsPerDay, 30));
    }

    @Test
    void aMissingOrMalformedFileIsAClearError(@TempDir Path dir) throws IOException {
        var missing = parse("--calibration", dir.resolve("none.json").toString());
        assertThatThrownBy(() -> missing.apply(DetectionConfig.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot read calibration");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"strength\": \"x\"");
        var malformed = parse("--calibration", bad.toString());
        assertThatThrownBy(() -> malformed.apply(DetectionConfig.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a calibration file");
    }
}
