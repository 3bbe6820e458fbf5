package io.beatwatch.load;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.beatwatch.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code figures.json}: the medians per input and the two ratios, taken at {@link #RATIO_INPUT}
 * (else the first synthetic input with both figures). A side without a figure is {@code null}.
 */
@JsonPropertyOrder({"runs", "ratioJobQ5", "ratioJobLoop"})
public record Figures(List<Run> runs, Double ratioJobQ5, Double ratioJobLoop) {

    /** The input the ratios are taken at. */
    public static final String RATIO_INPUT = "synthetic-30d";

    /** One input's medians in events/s. */
    @JsonPropertyOrder({"input", "events", "jobEventsPerSec", "q5EventsPerSec", "loopEventsPerSec"})
    public record Run(
            String input,
            long events,
            Double jobEventsPerSec,
            Double q5EventsPerSec,
            Double loopEventsPerSec) {}

    public static Figures of(List<InputResult> results) {
        List<Run> runs =
                results.stream()
                        .map(
                                r ->
                                        new Run(
                                                r.name(),
                                                r.events(),
                                                value(r.jobMedian()),
                                                value(r.q5Median()),
                                                value(r.loopMedian())))
                        .toList();
        Optional<InputResult> at = ratioInput(results);
        return new Figures(
                runs,
                at.map(r -> value(InputResult.ratio(r.jobMedian(), r.q5Median()))).orElse(null),
                at.map(r -> value(InputResult.ratio(r.jobMedian(), r.loopMedian()))).orElse(null));
    }

    /** {@link #RATIO_INPUT} if it has all three figures, else the first synthetic one that has. */
    public static Optional<InputResult> ratioInput(List<InputResult> results) {
        Optional<InputResult> at =
                results.stream()
                        .filter(r -> r.name().equals(RATIO_INPUT) && complete(r))
                        .findFirst();
        if (at.isPresent()) return at;
        return results.stream().filter(r -> r.synthetic() && complete(r)).findFirst();
    }

    private static boolean complete(InputResult r) {
        return !Double.isNaN(r.jobMedian())
                && !Double.isNaN(r.q5Median())
                && !Double.isNaN(r.loopMedian());
    }

    private static Double value(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000.0) / 1000.0;
    }

    public void write(Path file) throws IOException {
        Files.writeString(
                file,
                Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }
}
