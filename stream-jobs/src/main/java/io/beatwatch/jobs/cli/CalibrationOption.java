package io.beatwatch.jobs.cli;

import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.detect.RecurrenceCalibration;
import io.beatwatch.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --calibration FILE}, shared by {@code replay} and {@code job}: the empirical recurrence
 * interval fitted by {@code emergence} (its {@code calibration.json}), so the false-alarm budget a
 * supervisor sets is the one measured on the city's own history rather than the Poisson bound.
 */
public final class CalibrationOption {

    @Option(
            names = "--calibration",
            paramLabel = "FILE",
            description = {
                "Empirical recurrence-interval calibration (calibration.json written by",
                "`emergence`, e.g. config/cities/san-antonio.calibration.json); default none:",
                "the Poisson bound, which real calls exceed many times over (BACKTESTS.md)."
            })
    Path file;

    /** {@code d} with the calibration applied, or {@code d} itself without the option. */
    DetectionConfig apply(DetectionConfig d) throws IOException {
        if (file == null) return d;
        if (!Files.isReadable(file)) throw new IOException("cannot read calibration " + file);
        try {
            return d.withCalibration(
                    Json.mapper().readValue(Files.readString(file), RecurrenceCalibration.class));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(
                    "not a calibration file: " + file + " (" + e.getOriginalMessage() + ")");
        }
    }
}
